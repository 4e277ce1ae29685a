package ru.supportgateway.email.demo;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;

/**
 * The embedded mail server of demo mode ({@link DemoMailMode}): GreenMail with SMTP and IMAP on
 * loopback only. The demo desk's mailbox is user {@code demo}/{@code demo} ({@code support@demo.local});
 * mail to any other address is kept in a mailbox the server makes for it (login and password = the
 * address), so the acknowledgements can be read with any IMAP client.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "gateway.demo.active", havingValue = "true")
class DemoMailServer {

    @Bean(destroyMethod = "stop")
    GreenMail demoGreenMail(@Value("${gateway.demo.smtp-port:3025}") int smtpPort,
                            @Value("${gateway.demo.imap-port:3143}") int imapPort) {
        GreenMail server = new GreenMail(new ServerSetup[] {
                new ServerSetup(smtpPort, "127.0.0.1", ServerSetup.PROTOCOL_SMTP),
                new ServerSetup(imapPort, "127.0.0.1", ServerSetup.PROTOCOL_IMAP)});
        server.start();
        server.setUser(DemoMailMode.ADDRESS, "demo", "demo");
        return server;
    }
}
