package ru.supportgateway.desk;

import java.time.Duration;

import org.springframework.boot.context.properties.bind.DefaultValue;

/** A desk's mailbox: where the support address's mail is picked up. */
public record ImapServer(String host, Integer port, String username, String password,
                         @DefaultValue("INBOX") String folder, @DefaultValue("true") boolean tls,
                         @DefaultValue("10s") Duration pollDelay) {

    public ImapServer {
        port = port != null ? port : (tls ? 993 : 143);
    }
}
