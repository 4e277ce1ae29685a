package ru.supportgateway.email;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetup;
import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.mail.Address;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Sends raw fixtures through a real SMTP server and reads them back over IMAP, as the gateway's
 * Camel mail consumer will, to prove that the bytes (8-bit charsets in QP, base64 attachments)
 * survive a server round trip and parse the same.
 */
class MailServerRoundTripTest {

    private static final String DESK = "desk@school.test";

    // Dynamic ports: other worktrees run their tests on the same machine.
    @RegisterExtension
    static final GreenMailExtension GREEN_MAIL = new GreenMailExtension(ServerSetup.dynamicPort(ServerSetupTest.SMTP_IMAP));

    private final MailParser parser = MailParser.withDefaults();

    @Test
    void koi8rMailSurvivesSmtpAndImap() throws Exception {
        byte[] received = roundTrip(EmailFixtures.load("koi8r-qp.eml"));

        ParsedMail mail = parser.parse(received);

        assertThat(mail.subject()).isEqualTo("Не открывается дневник");
        assertThat(mail.from().displayName()).isEqualTo("Иванова Мария Петровна");
        assertThat(mail.messageId()).isEqualTo("koi8-0001@mail.example");
        assertThat(mail.textBody()).startsWith("Здравствуйте!\nУ сына (5Б класс) не открывается электронный дневник")
                .contains("\"Доступ запрещён\", а вчера всё работало.")
                .endsWith("С уважением, Иванова Мария Петровна");
        assertSameAsDirectParse(mail, "koi8r-qp.eml");
    }

    @Test
    void multipartMailWithAttachmentsSurvivesSmtpAndImap() throws Exception {
        ParsedMail mail = parser.parse(roundTrip(EmailFixtures.load("mixed-alternative-attachments.eml")));

        assertThat(mail.attachments()).hasSize(4);
        assertThat(mail.attachments().get(1).sha256()).isEqualTo(EmailFixtures.sha256(EmailFixtures.pdfBytes()));
        assertSameAsDirectParse(mail, "mixed-alternative-attachments.eml");
    }

    private void assertSameAsDirectParse(ParsedMail viaServer, String fixture) throws Exception {
        ParsedMail direct = parser.parse(EmailFixtures.load(fixture));
        // The server adds trace headers (Received, Return-Path), so only the raw hash and size differ.
        assertThat(viaServer).usingRecursiveComparison()
                .ignoringFields("contentHash", "rawSize", "automation.returnPath")
                .isEqualTo(direct);
        assertThat(viaServer.rawSize()).isGreaterThan(direct.rawSize());
    }

    /** SMTP in, IMAP out; returns the raw RFC 822 bytes the IMAP server hands back. */
    private static byte[] roundTrip(byte[] raw) throws Exception {
        GREEN_MAIL.setUser(DESK, "desk", "secret");

        Properties props = new Properties();
        props.setProperty("mail.smtp.host", "127.0.0.1");
        props.setProperty("mail.smtp.port", String.valueOf(GREEN_MAIL.getSmtp().getPort()));
        props.setProperty("mail.smtp.from", "sender@mail.example");
        props.setProperty("mail.imap.host", "127.0.0.1");
        props.setProperty("mail.imap.port", String.valueOf(GREEN_MAIL.getImap().getPort()));
        Session session = Session.getInstance(props);

        // Transport.sendMessage (unlike Transport.send) does not call saveChanges(), so the original
        // headers and body bytes go out unchanged.
        MimeMessage outgoing = new MimeMessage(session, new ByteArrayInputStream(raw));
        try (Transport transport = session.getTransport("smtp")) {
            transport.connect();
            transport.sendMessage(outgoing, new Address[] {new InternetAddress(DESK)});
        }
        assertThat(GREEN_MAIL.waitForIncomingEmail(5_000, 1)).isTrue();

        try (Store store = session.getStore("imap")) {
            store.connect("desk", "secret");
            Folder inbox = store.getFolder("INBOX");
            inbox.open(Folder.READ_ONLY);
            try {
                Message[] messages = inbox.getMessages();
                assertThat(messages).hasSize(1);
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                messages[0].writeTo(out);
                return out.toByteArray();
            } finally {
                inbox.close(false);
            }
        }
    }
}
