package ru.supportgateway.email.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.ServerSocket;
import java.time.Duration;
import java.util.Arrays;
import java.util.Properties;

import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;

import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.env.MockEnvironment;

import com.icegreen.greenmail.util.GreenMail;

import ru.supportgateway.SupportGatewayApplication;
import ru.supportgateway.desk.Desks;
import ru.supportgateway.testsupport.FreshDatabase;

/** The README's first start: no mail configured, so a demo desk on an embedded mail server answers. */
class DemoMailModeTest {

    @Test
    void onlyWhenNoMailboxAndNoSmtpServerAreConfigured() {
        assertThat(DemoMailMode.wanted(new MockEnvironment())).isTrue();
        assertThat(DemoMailMode.wanted(new MockEnvironment().withProperty("gateway.demo.enabled", "false"))).isFalse();
        assertThat(DemoMailMode.wanted(new MockEnvironment().withProperty("gateway.smtp.host", "mail.example.org"))).isFalse();
        assertThat(DemoMailMode.wanted(new MockEnvironment()
                .withProperty("gateway.desks.sc.email.address", "sc@example.org")
                .withProperty("gateway.desks.sc.email.imap.host", "imap.example.org"))).isFalse();
        assertThat(DemoMailMode.wanted(new MockEnvironment()
                .withProperty("gateway.desks.sc.email.address", "sc@example.org"))).isTrue();
    }

    @Test
    void aMailToTheDemoDeskIsRegisteredAndAcknowledged() throws Exception {
        int smtp = freePort();
        int imap = freePort();
        try (ConfigurableApplicationContext gateway = new SpringApplicationBuilder(SupportGatewayApplication.class)
                .listeners(new DemoMailMode())
                // command-line arguments: above application.yml, as an administrator's would be
                .run("--spring.datasource.url=" + FreshDatabase.url(FreshDatabase.create()),
                        "--spring.datasource.username=postgres", "--spring.datasource.password=",
                        "--server.port=0", "--GATEWAY_ADMIN_PASSWORD=demo-test",
                        "--gateway.demo.smtp-port=" + smtp, "--gateway.demo.imap-port=" + imap,
                        "--gateway.outbox.poll-period=200ms")) {
            assertThat(gateway.getBean(Desks.class).get("demo").email().orElseThrow().address())
                    .isEqualTo("support@demo.local");

            Properties props = new Properties();
            props.put("mail.smtp.host", "127.0.0.1");
            props.put("mail.smtp.port", String.valueOf(smtp));
            MimeMessage m = new MimeMessage(Session.getInstance(props));
            m.setFrom(new InternetAddress("newcomer@example.com"));
            m.setRecipient(Message.RecipientType.TO, new InternetAddress("support@demo.local"));
            m.setSubject("Проверка", "UTF-8");
            m.setText("Здравствуйте! Это проверка.", "UTF-8");
            Transport.send(m);

            GreenMail server = gateway.getBean(GreenMail.class);
            await().atMost(Duration.ofSeconds(30)).until(() -> Arrays.stream(server.getReceivedMessages())
                    .anyMatch(r -> subjectOf(r).startsWith("[DEMO-")));
            MimeMessage ack = Arrays.stream(server.getReceivedMessages())
                    .filter(r -> subjectOf(r).startsWith("[DEMO-")).findFirst().orElseThrow();
            assertThat(ack.getAllRecipients()[0].toString()).isEqualTo("newcomer@example.com");
            assertThat(subjectOf(ack)).matches("\\[DEMO-\\d{4}-000001] Обращение зарегистрировано: Проверка");
            assertThat(gateway.getBean(JdbcClient.class).sql("SELECT state FROM inbound_message").query(String.class)
                    .single()).isEqualTo("REGISTERED");
        }
    }

    private static String subjectOf(MimeMessage m) {
        try {
            return String.valueOf(m.getSubject());
        } catch (Exception e) {
            return "";
        }
    }

    private static int freePort() throws Exception {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
