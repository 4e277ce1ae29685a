package ru.supportgateway;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

import ru.supportgateway.db.DatabaseReachability;
import ru.supportgateway.email.demo.DemoMailMode;

@SpringBootApplication
@ConfigurationPropertiesScan
public class SupportGatewayApplication {

    static {
        // Jakarta Mail finds its StreamProvider with a ServiceLoader scan of every jar on each encoded header
        // word and body part it decodes (most of the MIME parsing time); named here, it is a plain class load.
        if (System.getProperty("jakarta.mail.util.StreamProvider") == null) {
            System.setProperty("jakarta.mail.util.StreamProvider", "org.eclipse.angus.mail.util.MailStreamProvider");
        }
    }

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
