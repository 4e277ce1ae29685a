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

import org.springframework.boot.test.web.client.TestRestTemplate;

import ru.supportgateway.journal.Journal;
import ru.supportgateway.journal.RequestStatus;
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

    @Autowired
    Journal journal;

    @Autowired
    TestRestTemplate rest;

    private Map<String, Object> inbound(String messageId) {
        return jdbc.sql("SELECT * FROM inbound_message WHERE message_id = ?").param(messageId).query().singleRow();
    }

    private int acksTo(String address) {
        return jdbc.sql("SELECT count(*) FROM outbox WHERE kind = 'ACKNOWLEDGEMENT' AND to_address = ?")
                .param(address).query(Integer.class).single();
    }

    private Map<String, Object> request(String number) {
        return jdbc.sql("SELECT * FROM request WHERE number = ?").param(number).query().singleRow();
    }

    private static Instant instant(Object timestamp) {
        return ((java.sql.Timestamp) timestamp).toInstant();
    }

    private Map<String, Object> requestOf(String messageId) {
        return jdbc.sql("""
                SELECT r.* FROM request r JOIN inbound_message i ON i.request_id = r.id
                 WHERE i.message_id = ?""").param(messageId).query().singleRow();
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

        // the acknowledgement carries the parent's status link: no login, the number and status only
        java.util.regex.Matcher link = java.util.regex.Pattern.compile("Следить за обращением: \\S+(/status/[A-Za-z0-9_-]+)")
                .matcher(body);
        assertThat(link.find()).as(body).isTrue();
        org.springframework.http.ResponseEntity<String> page = rest.getForEntity(link.group(1), String.class);
        assertThat(page.getStatusCode().value()).isEqualTo(200);
        assertThat(page.getBody()).contains(number).contains("В работе").doesNotContain("ivanova1@parents.test");

        // the letter and the acknowledgement are the request's correspondence
        List<Map<String, Object>> messages = jdbc.sql("SELECT direction, message_id FROM message WHERE request_id = ? ORDER BY id")
                .param(request.get("id")).query().listOfRows();
        assertThat(messages).extracting(m -> m.get("direction")).containsExactly("IN", "OUT");
        assertThat(messages.get(0).get("message_id")).isEqualTo(id);
        assertThat("<" + messages.get(1).get("message_id") + ">").isEqualTo(ack.getMessageID());
    }

    @Test
    void afterHoursMailIsDeferredAndRegisteredAtTheNextOpeningWithThatTime() throws Exception {
        // Friday 27 November 2026, 19:00 Moscow: closed until Monday 30 November, 09:00
        clock.set("2026-11-27T16:00:00Z");
        String id = TestMail.newMessageId();
        String parent = "petrova2@parents.test";
        TestMail.deliver(DESK, TestMail.text(id, "Анна Петрова <" + parent + ">", DESK, "Оценки не видны",
                "Не видно оценок за четверть."));

        awaitState(id, "DEFERRED");
        Map<String, Object> row = inbound(id);
        assertThat(instant(row.get("register_at"))).isEqualTo(Instant.parse("2026-11-30T06:00:00Z"));
        assertThat(row.get("request_id")).isNull();
        MimeMessage received = awaitInbox(parent, 1).get(0);
        assertThat(received.getSubject()).isEqualTo("Письмо получено: Оценки не видны");
        assertThat(TestMail.body(received))
                .contains("получено пятница, 27 ноября 2026 г., 19:00 (МСК)")
                .contains("будет зарегистрировано: понедельник, 30 ноября 2026 г., 09:00 (МСК)")
                .contains("Часы работы: пн–пт 09:00–13:00, 14:00–18:00");

        // Saturday: still waiting
        clock.set("2026-11-28T09:00:00Z");
        Thread.sleep(800);
        assertThat(inbound(id).get("state")).isEqualTo("DEFERRED");

        // Monday 09:00:30 Moscow: the deferred poll registers it, as of the opening
        clock.set("2026-11-30T06:00:30Z");
        awaitState(id, "REGISTERED");
        Map<String, Object> request = requestOf(id);
        assertThat(instant(request.get("registered_at"))).isEqualTo(Instant.parse("2026-11-30T06:00:00Z"));
        assertThat(instant(request.get("received_at"))).isEqualTo(Instant.parse("2026-11-27T16:00:00Z"));
        assertThat(instant(request.get("due_at"))).isEqualTo(Instant.parse("2026-12-03T15:00:00Z")); // Thursday 18:00
        String number = (String) request.get("number");
        MimeMessage registered = awaitInbox(parent, 2).stream()
                .filter(m -> !m.equals(received)).findFirst().orElseThrow();
        assertThat(registered.getSubject()).isEqualTo("[" + number + "] Обращение зарегистрировано: Оценки не видны");
        assertThat(TestMail.body(registered)).contains("Зарегистрировано: понедельник, 30 ноября 2026 г., 09:00 (МСК)");
        // the mail, the letter sent on receipt and the one with the number are all the request's
        assertThat(jdbc.sql("SELECT direction FROM message WHERE request_id = ? ORDER BY at, id")
                .param(request.get("id")).query(String.class).list()).containsExactly("IN", "OUT", "OUT");
    }

    @Test
    void afterHoursMailAtATwentyFourSevenDeskIsRegisteredAtOnceAndSaysWhenProcessingStarts() throws Exception {
        // Saturday 28 November 2026, 10:00 in Yekaterinburg (05:00 UTC): the "night" desk registers 24x7
        clock.set("2026-11-28T05:00:00Z");
        String id = TestMail.newMessageId();
        String parent = "sidorov3@parents.test";
        TestMail.deliver("night@desk.test", TestMail.text(id, parent, "night@desk.test", "Пароль", "Забыл пароль."));

        awaitState(id, "REGISTERED");
        Map<String, Object> request = requestOf(id);
        assertThat(instant(request.get("registered_at"))).isEqualTo(Instant.parse("2026-11-28T05:00:00Z"));
        // after hours the registration day is the next working day, Monday 30 November; two working days
        // after it: Wednesday 2 December, closing 17:00 (+05)
        assertThat(instant(request.get("due_at"))).isEqualTo(Instant.parse("2026-12-02T12:00:00Z"));
        MimeMessage ack = awaitInbox(parent, 1).get(0);
        assertThat(ack.getSubject()).startsWith("[" + request.get("number") + "] Обращение зарегистрировано");
        assertThat(TestMail.body(ack))
                .contains("зарегистрировано в нерабочее время")
                .contains("Обработка начнётся: понедельник, 30 ноября 2026 г., 08:00 (МСК+2)")
                .contains("Часы работы: пн–пт 08:00–17:00; сб, вс и праздничные дни — выходной (МСК+2)");
    }

    @Test
    void followUpsThreadIntoTheirRequestByNumberAndByReplyToTheAcknowledgement() throws Exception {
        clock.set(TUESDAY_11_MSK);
        String parent = "kuznetsova4@parents.test";
        String first = TestMail.newMessageId();
        TestMail.deliver(DESK, TestMail.text(first, parent, DESK, "Нет доступа к журналу", "Не могу войти."));
        awaitState(first, "REGISTERED");
        String number = (String) requestOf(first).get("number");
        MimeMessage ack = awaitInbox(parent, 1).get(0);

        // 1. a new letter with the number in the subject
        String byNumber = TestMail.newMessageId();
        TestMail.deliver(DESK, TestMail.text(byNumber, parent, DESK, "Re: [" + number + "] Нет доступа к журналу",
                "Забыла написать: логин kuznetsova."));
        awaitState(byNumber, "THREADED");
        assertThat(inbound(byNumber).get("request_id")).isEqualTo(requestOf(first).get("id"));

        // 2. a reply to the acknowledgement (In-Reply-To its Message-ID), the number cut from the subject
        String byReply = TestMail.newMessageId();
        TestMail.deliver(DESK, TestMail.text(byReply, parent, DESK, "Re: Ответ", "Ещё скриншот в следующем письме.",
                Map.of("In-Reply-To", ack.getMessageID(), "References", "<" + first + "> " + ack.getMessageID())));
        awaitState(byReply, "THREADED");
        assertThat(inbound(byReply).get("request_id")).isEqualTo(requestOf(first).get("id"));

        // no new request, no new acknowledgement; the letters are in the correspondence
        assertThat(jdbc.sql("SELECT count(*) FROM request WHERE contact_email = ?").param(parent).query(Integer.class).single())
                .isEqualTo(1);
        assertThat(acksTo(parent)).isEqualTo(1);
        assertThat(jdbc.sql("SELECT message_id FROM message WHERE request_id = ? AND direction = 'IN' ORDER BY id")
                .param(requestOf(first).get("id")).query(String.class).list()).containsExactly(first, byNumber, byReply);
        assertThat(request(number).get("status")).isEqualTo("IN_PROGRESS");
        assertThat(request(number).get("repeat_count")).isEqualTo(0);

        // 3. the specialist asks for more information; the parent's answer hands it back
        journal.moveStatus(number, RequestStatus.AWAITING_FEEDBACK, "operator1", "Пришлите снимок экрана");
        String answer = TestMail.newMessageId();
        TestMail.deliver(DESK, TestMail.text(answer, parent, DESK, "Re: [" + number + "]", "Снимок во вложении."));
        awaitState(answer, "THREADED");
        assertThat(request(number).get("status")).isEqualTo("IN_PROGRESS");
        assertThat(request(number).get("repeat_count")).isEqualTo(0);

        // 4. resolved; writing again about it reopens it as a repeat
        journal.moveStatus(number, RequestStatus.RESOLVED, "operator1", "Доступ восстановлен");
        String again = TestMail.newMessageId();
        TestMail.deliver(DESK, TestMail.text(again, parent, DESK, "[" + number + "] снова не работает", "Опять ошибка."));
        awaitState(again, "THREADED");
        assertThat(request(number).get("status")).isEqualTo("IN_PROGRESS");
        assertThat(request(number).get("repeat_count")).isEqualTo(1);
        assertThat(request(number).get("resolved_at")).isNull();
        assertThat(acksTo(parent)).isEqualTo(1);
    }

    @Test
    void russianCharsetsAndHtmlOnlyMailAreReadAsTheSenderWroteThem() throws Exception {
        clock.set(TUESDAY_11_MSK);
        String koi8 = TestMail.newMessageId();
        TestMail.deliver(DESK, TestMail.fixture("koi8r-qp.eml", koi8, "ivanova5@parents.test", DESK));
        String cp1251 = TestMail.newMessageId();
        TestMail.deliver(DESK, TestMail.fixture("win1251-base64.eml", cp1251, "petrov5@school.test", DESK));
        String html = TestMail.newMessageId();
        TestMail.deliver(DESK, TestMail.fixture("html-only-xss.eml", html, "parent5@parents.test", DESK));
        awaitState(koi8, "REGISTERED");
        awaitState(cp1251, "REGISTERED");
        awaitState(html, "REGISTERED");

        Map<String, Object> k = requestOf(koi8);
        assertThat(k.get("subject")).isEqualTo("Не открывается дневник");
        assertThat(k.get("person")).isEqualTo("Иванова Мария Петровна");
        assertThat((String) k.get("description")).startsWith("Здравствуйте!\nУ сына (5Б класс) не открывается электронный дневник");

        Map<String, Object> w = requestOf(cp1251);
        assertThat(w.get("subject")).isEqualTo("Вопрос по расписанию 5Б");
        assertThat((String) w.get("description")).contains("Прошу исправить расписание 5Б класса на пятницу");
        assertThat(w.get("contact_email")).isEqualTo("zavuch@school.example"); // Reply-To wins
        assertThat(awaitInbox("zavuch@school.example", 1).get(0).getSubject())
                .isEqualTo("[" + w.get("number") + "] Обращение зарегистрировано: Вопрос по расписанию 5Б");

        Map<String, Object> h = requestOf(html);
        assertThat(h.get("subject")).isEqualTo("Уведомления");
        assertThat((String) h.get("description")).contains("Здравствуйте!").doesNotContain("<p>").doesNotContain("alert");
        String storedHtml = jdbc.sql("SELECT html_body FROM message WHERE message_id = ?").param(html).query(String.class).single();
        assertThat(storedHtml).contains("Здравствуйте!").doesNotContain("<script").doesNotContain("onerror");
    }

    @Test
    void automaticMailIsRegisteredButNotAnswered() throws Exception {
        clock.set(TUESDAY_11_MSK);
        String id = TestMail.newMessageId();
        TestMail.deliver(DESK, TestMail.fixture("outlook-autoreply.eml", id, "smirnova6@school.test", DESK));
        awaitState(id, "REGISTERED");
        assertThat(requestOf(id).get("subject")).isEqualTo("Автоматический ответ: Не открывается дневник");
        assertThat((String) inbound(id).get("reason")).startsWith("no acknowledgement: automatic mail (AUTO_SUBMITTED");
        assertThat(acksTo("smirnova6@school.test")).isZero();
        assertThat(inbound(id).get("ack_message_id")).isNull();
    }

    @Test
    void aSenderGetsAtMostTheHourlyLimitOfAcknowledgementsButEveryMailIsRegistered() throws Exception {
        clock.set(TUESDAY_11_MSK);
        String sender = "flood7@robots.test";
        List<String> ids = new java.util.ArrayList<>();
        for (int i = 0; i < 5; i++) {
            String id = TestMail.newMessageId();
            ids.add(id);
            TestMail.deliver(DESK, TestMail.text(id, sender, DESK, "Запрос " + i, "Текст " + i));
        }
        ids.forEach(id -> awaitState(id, "REGISTERED"));
        assertThat(acksTo(sender)).isEqualTo(3); // gateway.email.ack-limit-per-hour in application-test.yml
        assertThat(ids.stream().map(id -> (String) inbound(id).get("reason")).filter(r -> r != null
                && r.startsWith("no acknowledgement: 3 acknowledgements to " + sender))).hasSize(2);
        // an hour later the sender is answered again
        clock.set(TUESDAY_11_MSK.plusSeconds(3601));
        String later = TestMail.newMessageId();
        TestMail.deliver(DESK, TestMail.text(later, sender, DESK, "Запрос позже", "Текст"));
        awaitState(later, "REGISTERED");
        assertThat(acksTo(sender)).isEqualTo(4);
    }

    @Test
    void anAttachmentOverTheDesksLimitIsDroppedAndTheSenderIsTold() throws Exception {
        clock.set(TUESDAY_11_MSK);
        String id = TestMail.newMessageId();
        String parent = "orlova8@parents.test";
        byte[] small = new byte[2_000];
        byte[] large = new byte[60_000]; // the test desk takes attachments up to 40 KB
        new java.util.Random(8).nextBytes(large);
        String raw = "Message-ID: <" + id + ">\r\nFrom: " + parent + "\r\nTo: " + DESK + "\r\n"
                + "Subject: Scans\r\nMIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=\"b1\"\r\n\r\n"
                + "--b1\r\nContent-Type: text/plain; charset=utf-8\r\n\r\nSee the scans.\r\n"
                + part("small.png", small) + part("large.pdf", large) + "--b1--\r\n";
        TestMail.deliver(DESK, raw.getBytes(java.nio.charset.StandardCharsets.US_ASCII));

        awaitState(id, "REGISTERED");
        assertThat(jdbc.sql("""
                SELECT a.file_name FROM attachment a JOIN message m ON m.id = a.message_id WHERE m.message_id = ?""")
                .param(id).query(String.class).list()).containsExactly("small.png");
        String body = TestMail.body(awaitInbox(parent, 1).get(0));
        assertThat(body).contains("Не приняты вложения больше 40 КБ:").contains("large.pdf (58 КБ)")
                .doesNotContain("small.png");
    }

    private static String part(String name, byte[] bytes) {
        return "--b1\r\nContent-Type: application/octet-stream; name=\"" + name + "\"\r\n"
                + "Content-Disposition: attachment; filename=\"" + name + "\"\r\nContent-Transfer-Encoding: base64\r\n\r\n"
                + java.util.Base64.getMimeEncoder().encodeToString(bytes) + "\r\n";
    }
}
