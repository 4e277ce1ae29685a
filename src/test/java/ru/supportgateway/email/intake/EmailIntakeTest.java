package ru.supportgateway.email.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import jakarta.mail.internet.MimeMessage;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import ru.supportgateway.testsupport.GatewayTest;
import ru.supportgateway.testsupport.TestClock;

/** Mail to a desk's mailbox becomes a registered request and the sender is told its number. */
@GatewayTest
class EmailIntakeTest {

    static final String DESK = "mail@desk.test";
    // Tuesday 24 November 2026, 11:00 Moscow: the test desk "mail" is open (09:00-13:00, 14:00-18:00).
    static final Instant TUESDAY_11_MSK = Instant.parse("2026-11-24T08:00:00Z");

    @Autowired
    JdbcClient jdbc;

    @Autowired
    TestClock clock;

    private Map<String, Object> inbound(String messageId) {
        return jdbc.sql("SELECT * FROM inbound_message WHERE desk_id = 'mail' AND message_id = ?").param(messageId)
                .query().singleRow();
    }

    private Map<String, Object> requestOf(String messageId) {
        return jdbc.sql("""
                SELECT r.* FROM request r JOIN inbound_message i ON i.request_id = r.id
                 WHERE i.desk_id = 'mail' AND i.message_id = ?""").param(messageId).query().singleRow();
    }

    private void awaitState(String messageId, String state) {
        await().atMost(Duration.ofSeconds(15)).until(() -> jdbc.sql(
                "SELECT state FROM inbound_message WHERE message_id = ?").param(messageId).query(String.class)
                .optional().map(state::equals).orElse(false));
    }

    private List<MimeMessage> awaitInbox(String address, int count) {
        await().atMost(Duration.ofSeconds(15)).until(() -> TestMail.inbox(address).size() >= count);
        return TestMail.inbox(address);
    }

    @Test
    void mailInWorkingHoursIsRegisteredAndAcknowledgedWithItsNumber() throws Exception {
        clock.set(TUESDAY_11_MSK);
        String id = TestMail.newMessageId();
        TestMail.deliver(DESK, TestMail.text(id, "Мария Иванова <ivanova1@parents.test>", DESK,
                "Не открывается дневник", "Здравствуйте! У сына не открывается электронный дневник."));

        awaitState(id, "REGISTERED");
        Map<String, Object> request = requestOf(id);
        String number = (String) request.get("number");
        assertThat(number).matches("MAIL-2026-\\d{6}");
        assertThat(request.get("subject")).isEqualTo("Не открывается дневник");
        assertThat((String) request.get("description")).contains("не открывается электронный дневник");
        assertThat(request.get("contact_email")).isEqualTo("ivanova1@parents.test");
        assertThat(request.get("person")).isEqualTo("Мария Иванова");
        assertThat(request.get("status")).isEqualTo("IN_PROGRESS");
        assertThat(request.get("channel")).isEqualTo("EMAIL");
        assertThat(((java.sql.Timestamp) request.get("registered_at")).toInstant()).isEqualTo(TUESDAY_11_MSK);
        // three working days after Tuesday: Friday 27 November, closing 18:00 Moscow
        assertThat(((java.sql.Timestamp) request.get("due_at")).toInstant()).isEqualTo(Instant.parse("2026-11-27T15:00:00Z"));

        MimeMessage ack = awaitInbox("ivanova1@parents.test", 1).get(0);
        assertThat(ack.getSubject()).isEqualTo("[" + number + "] Обращение зарегистрировано: Не открывается дневник");
        assertThat(ack.getFrom()[0].toString()).isEqualTo(DESK);
        assertThat(ack.getHeader("Auto-Submitted")[0]).isEqualTo("auto-replied");
        assertThat(ack.getHeader("In-Reply-To")[0]).isEqualTo("<" + id + ">");
        String body = TestMail.body(ack);
        assertThat(body).contains("Здравствуйте, Мария Иванова!")
                .contains("Номер обращения: " + number)
                .contains("Зарегистрировано: вторник, 24 ноября 2026 г., 11:00 (МСК)")
                .contains("не позднее: пятница, 27 ноября 2026 г., 18:00 (МСК)")
                .contains("Часы работы: пн–пт 09:00–13:00, 14:00–18:00; сб, вс и праздничные дни — выходной (МСК)")
                .contains("Телефон: 8 (800) 555-35-35");

        // the letter and the acknowledgement are the request's correspondence
        List<Map<String, Object>> messages = jdbc.sql("SELECT direction, message_id FROM message WHERE request_id = ? ORDER BY id")
                .param(request.get("id")).query().listOfRows();
        assertThat(messages).extracting(m -> m.get("direction")).containsExactly("IN", "OUT");
        assertThat(messages.get(0).get("message_id")).isEqualTo(id);
        assertThat("<" + messages.get(1).get("message_id") + ">").isEqualTo(ack.getMessageID());
    }
}
