package ru.supportgateway.email;

import java.util.Optional;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.bind.BindHandler;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.bind.handler.NoUnboundElementsBindHandler;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

import ru.supportgateway.desk.Desk;
import ru.supportgateway.desk.Desks;
import ru.supportgateway.desk.SmtpServer;

/**
 * Which SMTP server a desk's mail leaves through: the desk's own ({@code gateway.desks.<id>.email.smtp})
 * or the gateway's ({@code gateway.smtp}, bound with strict keys like the desks).
 */
@Component
@EnableConfigurationProperties(OutboxProperties.class)
public class SmtpServers {

    private final Desks desks;
    private final Optional<SmtpServer> gateway;

    public SmtpServers(Desks desks, Environment environment) {
        this.desks = desks;
        this.gateway = Binder.get(environment).bind("gateway.smtp", Bindable.of(SmtpServer.class),
                new NoUnboundElementsBindHandler(BindHandler.DEFAULT)).map(Optional::of).orElse(Optional.empty());
    }

    public Optional<SmtpServer> forDesk(String deskId) {
        return desks.find(deskId).flatMap(Desk::email).flatMap(Desk.EmailSettings::smtp).or(() -> gateway);
    }
}
