package ru.supportgateway.desk;

import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * An SMTP server the gateway sends through: {@code gateway.smtp}, or a desk's own
 * {@code gateway.desks.<id>.email.smtp}. With {@code tls}, port 465 means TLS from the first byte,
 * any other port STARTTLS (required, never a silent fall back to clear text).
 */
public record SmtpServer(String host, Integer port, String username, String password,
                         @DefaultValue("true") boolean tls) {

    public SmtpServer {
        port = port != null ? port : (tls ? 587 : 25);
    }

    public boolean implicitTls() {
        return tls && port == 465;
    }
}
