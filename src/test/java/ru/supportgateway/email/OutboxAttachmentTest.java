package ru.supportgateway.email;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;

import jakarta.mail.Part;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import ru.supportgateway.testsupport.GatewayTest;
import ru.supportgateway.testsupport.TestClock;
import ru.supportgateway.testsupport.TestMailServer;

/** Files queued with a mail leave with it as attachments, byte for byte, after the text. */
@GatewayTest
class OutboxAttachmentTest {

    @Autowired Outbox outbox;
    @Autowired TestClock clock;

    @Test
    void attachmentsFollowTheTextInOneMultipartMail() throws Exception {
        clock.set(Instant.now());
        byte[] pdf = "%PDF-1.4 not really".getBytes(StandardCharsets.US_ASCII);
        byte[] xlsx = new byte[70_000];
        for (int i = 0; i < xlsx.length; i++) {
            xlsx[i] = (byte) (i * 31);
        }
        outbox.enqueue(new OutgoingMail("sc", null, OutgoingMail.Kind.REPORT, "sc-support@example.org",
                "files@school.example", "Журнал за октябрь", "Во вложении журнал.", null, List.of(), false),
                List.of(new OutgoingAttachment("journal-sc-2026-10.pdf", "application/pdf", pdf),
                        new OutgoingAttachment("journal-sc-2026-10.xlsx",
                                "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", xlsx)));

        await().atMost(Duration.ofSeconds(10)).until(() -> inbox("files@school.example").length == 1);
        MimeMessage m = inbox("files@school.example")[0];
        assertThat(m.getSubject()).isEqualTo("Журнал за октябрь");
        MimeMultipart parts = (MimeMultipart) m.getContent();
        assertThat(parts.getCount()).isEqualTo(3);
        assertThat(((String) parts.getBodyPart(0).getContent()).strip()).isEqualTo("Во вложении журнал.");
        assertThat(parts.getBodyPart(1).getDisposition()).isEqualTo(Part.ATTACHMENT);
        assertThat(parts.getBodyPart(1).getFileName()).isEqualTo("journal-sc-2026-10.pdf");
        assertThat(parts.getBodyPart(1).getContentType()).startsWith("application/pdf");
        assertThat(parts.getBodyPart(1).getInputStream().readAllBytes()).isEqualTo(pdf);
        assertThat(parts.getBodyPart(2).getFileName()).isEqualTo("journal-sc-2026-10.xlsx");
        assertThat(parts.getBodyPart(2).getInputStream().readAllBytes()).isEqualTo(xlsx);
    }

    private static MimeMessage[] inbox(String address) {
        return Arrays.stream(TestMailServer.greenMail().getReceivedMessages()).filter(m -> {
            try {
                return m.getAllRecipients()[0].toString().equals(address);
            } catch (Exception e) {
                return false;
            }
        }).toArray(MimeMessage[]::new);
    }
}
