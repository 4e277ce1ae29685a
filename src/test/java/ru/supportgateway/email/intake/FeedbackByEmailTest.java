package ru.supportgateway.email.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import jakarta.mail.internet.MimeMessage;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;

import ru.supportgateway.feedback.Directory;
import ru.supportgateway.feedback.FeedbackFixture;
import ru.supportgateway.feedback.Organisation;
import ru.supportgateway.journal.Correspondence;
import ru.supportgateway.testsupport.GatewayTest;
import ru.supportgateway.testsupport.TestClock;
import ru.supportgateway.testsupport.TestMailServer;

/**
 * A parent writes to their school's feedback address (an alias delivered to the feedback desk's mailbox):
 * through the real intake, the letter becomes a question to that school, as from the form.
 */
@GatewayTest
class FeedbackByEmailTest {

    static final String MAILBOX = TestMailServer.FEEDBACK_MAILBOX;
    // Tuesday 24 November 2026, 10:00 in Tyumen: the feedback desk is open.
    static final Instant TUESDAY_10_TYUMEN = Instant.parse("2026-11-24T05:00:00Z");

    @Autowired Directory directory;
    @Autowired JdbcClient jdbc;
    @Autowired TestClock clock;
    @Autowired Correspondence correspondence;
    @Autowired TestRestTemplate rest;

    FeedbackFixture region;
    String schoolAddress;
    String parent;

    @BeforeEach
    void aSchoolWithAFeedbackAddress() {
        clock.set(TUESDAY_10_TYUMEN);
        region = new FeedbackFixture(directory);
        schoolAddress = "school-" + region.suffix + "@schools.test";
        Organisation s = region.school;
        directory.save(new Organisation(s.id(), s.code(), s.kind(), s.name(), s.parentId(), schoolAddress, null, s.people()));
        parent = region.applicant();
    }

    @AfterEach
    void drain() {
        FeedbackFixture.drainOutbox(jdbc, clock);
    }

    @Test
    void aLetterToTheSchoolsAddressIsAQuestionToTheSchoolAndARepliesJoinIt() throws Exception {
        String id = TestMail.newMessageId();
        byte[] pdf = "%PDF-1.4\n% справка\n".getBytes(StandardCharsets.UTF_8);
        byte[] logo = {(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0};
        TestMail.deliver(MAILBOX, multipart(id, "Анна Сидорова <" + parent + ">", schoolAddress, "Расписание",
                "Когда будет известно расписание кружков на второе полугодие?\n\n--\nАнна",
                List.of(new Part("logo.png", "image/png", logo, "logo-1@sender.test", "inline"),
                        new Part("справка.pdf", "application/pdf", pdf, null, "attachment"))));

        awaitState(id, "REGISTERED");
        Map<String, Object> question = jdbc.sql("""
                SELECT q.* FROM feedback_question q JOIN inbound_message i ON i.request_id = q.request_id
                 WHERE i.message_id = ?""").param(id).query().singleRow();
        String number = (String) question.get("number");
        assertThat(number).matches("FEEDBACK-2026-\\d{6}");
        assertThat(question).containsEntry("rubric", "SCHOOL").containsEntry("school_id", region.school.id())
                .containsEntry("source", "EMAIL").containsEntry("applicant_name", "Анна Сидорова")
                .containsEntry("applicant_email", parent);

        // the parent: the service's receipt (not the desk's usual acknowledgement), with the status link
        MimeMessage receipt = FeedbackFixture.awaitInbox(parent, 1).get(0);
        assertThat(receipt.getSubject()).isEqualTo("[" + number + "] Ваш вопрос зарегистрирован");
        assertThat(FeedbackFixture.body(receipt)).contains("Рубрика: Вопрос к школе", "Школа: " + region.school.name());
        String status = FeedbackFixture.token(receipt, "/feedback/status/");
        ResponseEntity<String> page = rest.getForEntity("/feedback/status/" + status, String.class);
        assertThat(page.getBody()).contains(number, "расписание кружков", "справка.pdf").doesNotContain("logo.png");

        // the deputy head: the holder's mail with the answer link, as from the form
        MimeMessage holder = FeedbackFixture.awaitInbox(region.deputy, 1).get(0);
        assertThat(holder.getSubject()).isEqualTo("[" + number + "] Новый вопрос родителя: " + region.school.name());
        assertThat(FeedbackFixture.body(holder)).contains("расписание кружков", "/feedback/answer/");

        // the parent answers the receipt: the letter joins the same request, no second question
        String reply = TestMail.newMessageId();
        TestMail.deliver(MAILBOX, TestMail.text(reply, "Анна Сидорова <" + parent + ">", schoolAddress,
                "Re: Расписание", "Уточняю: речь о 5 «Б» классе.",
                Map.of("In-Reply-To", receipt.getHeader("Message-ID")[0])));
        awaitState(reply, "THREADED");
        long requestId = ((Number) question.get("request_id")).longValue();
        assertThat(jdbc.sql("SELECT request_id FROM inbound_message WHERE message_id = ?").param(reply)
                .query(Long.class).single()).isEqualTo(requestId);
        assertThat(correspondence.of(requestId)).extracting(Correspondence.Item::textBody)
                .anyMatch(t -> t.contains("речь о 5 «Б» классе"));
        assertThat(jdbc.sql("SELECT count(*) FROM feedback_question WHERE applicant_email = ?").param(parent)
                .query(Integer.class).single()).isEqualTo(1);
    }

    @Test
    void aTooLongLetterIsAnsweredWithTheReasonAndKept() throws Exception {
        String id = TestMail.newMessageId();
        String text = "Вопрос о питании. " + "Очень подробное описание. ".repeat(25);
        int length = text.strip().length();
        TestMail.deliver(MAILBOX, TestMail.text(id, "Анна Сидорова <" + parent + ">", schoolAddress, "Питание", text));

        awaitState(id, "REFUSED");
        Map<String, Object> row = jdbc.sql("SELECT * FROM inbound_message WHERE message_id = ?").param(id).query().singleRow();
        assertThat((String) row.get("reason")).contains("не должен превышать 500 символов (сейчас " + length + ")");
        assertThat(row.get("raw")).isNotNull();

        MimeMessage answer = FeedbackFixture.awaitInbox(parent, 1).get(0);
        assertThat(answer.getSubject()).isEqualTo("Ваш вопрос не принят: Питание");
        assertThat(FeedbackFixture.body(answer)).contains("Текст вопроса не должен превышать 500 символов (сейчас " + length + ")");
        assertThat(jdbc.sql("SELECT count(*) FROM feedback_question WHERE applicant_email = ?").param(parent)
                .query(Integer.class).single()).isZero();
    }

    @Test
    void twoFilesAreRefusedWithTheFormsMessage() throws Exception {
        String id = TestMail.newMessageId();
        byte[] pdf = "%PDF-1.4\n".getBytes(StandardCharsets.US_ASCII);
        TestMail.deliver(MAILBOX, multipart(id, parent, schoolAddress, "Справки", "Прикладываю две справки.",
                List.of(new Part("a.pdf", "application/pdf", pdf, null, "attachment"),
                        new Part("b.pdf", "application/pdf", pdf, null, "attachment"))));

        awaitState(id, "REFUSED");
        MimeMessage answer = FeedbackFixture.awaitInbox(parent, 1).get(0);
        assertThat(FeedbackFixture.body(answer)).contains("Можно приложить только один файл.");
    }

    @Test
    void aLetterToTheDesksOwnAddressIsRegisteredAsUsual() throws Exception {
        String id = TestMail.newMessageId();
        TestMail.deliver(MAILBOX, TestMail.text(id, "Анна Сидорова <" + parent + ">", MAILBOX, "Не работает форма",
                "Форма обратной связи не открывается."));

        awaitState(id, "REGISTERED");
        MimeMessage ack = FeedbackFixture.awaitInbox(parent, 1).get(0);
        assertThat(ack.getSubject()).matches("\\[FEEDBACK-2026-\\d{6}] Обращение зарегистрировано: Не работает форма");
        assertThat(jdbc.sql("SELECT count(*) FROM feedback_question WHERE applicant_email = ?").param(parent)
                .query(Integer.class).single()).isZero();
    }

    private void awaitState(String messageId, String state) {
        await().atMost(Duration.ofSeconds(20)).until(() -> jdbc.sql(
                "SELECT state FROM inbound_message WHERE message_id = ?").param(messageId).query(String.class)
                .optional().map(state::equals).orElse(false));
    }

    record Part(String fileName, String contentType, byte[] content, String contentId, String disposition) {
    }

    /** A multipart/mixed letter: a UTF-8 text body, then the parts as given. */
    static byte[] multipart(String messageId, String from, String to, String subject, String body, List<Part> parts) {
        String boundary = "=_b_" + messageId.hashCode();
        StringBuilder sb = new StringBuilder();
        sb.append("Message-ID: <").append(messageId).append(">\r\n")
                .append("Date: Tue, 24 Nov 2026 10:00:00 +0500\r\n")
                .append("From: ").append(encodedName(from)).append("\r\n")
                .append("To: ").append(to).append("\r\n")
                .append("Subject: =?UTF-8?B?").append(b64(subject.getBytes(StandardCharsets.UTF_8))).append("?=\r\n")
                .append("MIME-Version: 1.0\r\n")
                .append("Content-Type: multipart/mixed; boundary=\"").append(boundary).append("\"\r\n\r\n")
                .append("--").append(boundary).append("\r\n")
                .append("Content-Type: text/plain; charset=UTF-8\r\nContent-Transfer-Encoding: base64\r\n\r\n")
                .append(Base64.getMimeEncoder().encodeToString(body.getBytes(StandardCharsets.UTF_8))).append("\r\n");
        for (Part p : parts) {
            sb.append("--").append(boundary).append("\r\n")
                    .append("Content-Type: ").append(p.contentType()).append("\r\n")
                    .append("Content-Transfer-Encoding: base64\r\n")
                    .append("Content-Disposition: ").append(p.disposition()).append("; filename*=UTF-8''")
                    .append(java.net.URLEncoder.encode(p.fileName(), StandardCharsets.UTF_8).replace("+", "%20")).append("\r\n");
            if (p.contentId() != null) {
                sb.append("Content-ID: <").append(p.contentId()).append(">\r\n");
            }
            sb.append("\r\n").append(Base64.getMimeEncoder().encodeToString(p.content())).append("\r\n");
        }
        sb.append("--").append(boundary).append("--\r\n");
        return sb.toString().getBytes(StandardCharsets.US_ASCII);
    }

    /** "Анна Сидорова <a@b>" with the display name as an RFC 2047 encoded word. */
    private static String encodedName(String address) {
        int lt = address.indexOf('<');
        return lt <= 0 ? address : "=?UTF-8?B?" + b64(address.substring(0, lt).strip().getBytes(StandardCharsets.UTF_8))
                + "?= " + address.substring(lt);
    }

    private static String b64(byte[] b) {
        return Base64.getEncoder().encodeToString(b);
    }
}
