package ru.supportgateway;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

import ru.supportgateway.db.DatabaseReachability;
import ru.supportgateway.email.demo.DemoMailMode;

@SpringBootApplication
@ConfigurationPropertiesScan
public class SupportGatewayApplication {

    public static void main(String[] args) {
        SpringApplication app = new SpringApplication(SupportGatewayApplication.class);
        // Only the real start checks the database up front: a newcomer gets one line saying
        // what to start instead of a connection-pool stack trace.
        app.addListeners(new DatabaseReachability());
        // With no mailbox and no SMTP server configured, a demo desk on an embedded mail server.
        app.addListeners(new DemoMailMode());
        app.run(args);
    }
}
