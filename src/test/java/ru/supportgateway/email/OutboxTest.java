package ru.supportgateway.email;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import jakarta.mail.internet.MimeMessage;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import com.icegreen.greenmail.util.GreenMailUtil;

import ru.supportgateway.testsupport.GatewayTest;
import ru.supportgateway.testsupport.TestClock;
import ru.supportgateway.testsupport.TestMailServer;

/** Mail leaves through the outbox and a real SMTP server, once, even across an outage. */
@GatewayTest
class OutboxTest {

    @Autowired
    Outbox outbox;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    TestClock clock;

    @Autowired
    PlatformTransactionManager transactions;

    private MimeMessage[] inboxOf(String address) throws Exception {
        return TestMailServer.greenMail().getReceivedMessagesForDomain(address.substring(address.indexOf('@') + 1))
                .length == 0 ? new MimeMessage[0]
                : java.util.Arrays.stream(TestMailServer.greenMail().getReceivedMessages())
                        .filter(m -> {
                            try {
                                return m.getAllRecipients()[0].toString().equals(address);
                            } catch (Exception e) {
                                return false;
                            }
                        }).toArray(MimeMessage[]::new);
    }

    @Test
    void anAnswerArrivesWithThreadingHeadersAndIsMarkedSent() throws Exception {
        clock.set(java.time.Instant.now());
        String id = outbox.enqueue(new OutgoingMail("sc", null, OutgoingMail.Kind.ANSWER, "sc-support@example.org",
                "parent1@school.example", "Re: [SC-2026-000042] Не открывается дневник",
                "Здравствуйте! Пароль сброшен, попробуйте войти снова.", "parent-msg-1@mail.example",
                List.of("parent-msg-1@mail.example", "sg.ack-1@example.org"), false));

        await().atMost(Duration.ofSeconds(10)).until(() -> inboxOf("parent1@school.example").length == 1);
        MimeMessage m = inboxOf("parent1@school.example")[0];
        assertThat(m.getSubject()).isEqualTo("Re: [SC-2026-000042] Не открывается дневник");
        assertThat(GreenMailUtil.getBody(m)).isNotBlank();
        assertThat(((String) m.getContent()).strip()).isEqualTo("Здравствуйте! Пароль сброшен, попробуйте войти снова.");
        assertThat(m.getFrom()[0].toString()).isEqualTo("sc-support@example.org");
        assertThat(m.getMessageID()).isEqualTo("<" + id + ">");
        assertThat(m.getHeader("In-Reply-To")[0]).isEqualTo("<parent-msg-1@mail.example>");
        assertThat(m.getHeader("References")[0]).isEqualTo("<parent-msg-1@mail.example> <sg.ack-1@example.org>");
        assertThat(m.getHeader("Auto-Submitted")).isNull();

        await().atMost(Duration.ofSeconds(5)).until(() -> jdbc.sql("SELECT sent_at IS NOT NULL FROM outbox WHERE message_id = ?")
                .param(id).query(Boolean.class).single());
    }

    @Test
    void anAcknowledgementIsMarkedAutoReplied() throws Exception {
        clock.set(java.time.Instant.now());
        outbox.enqueue(new OutgoingMail("sc", null, OutgoingMail.Kind.ACKNOWLEDGEMENT, "sc-support@example.org",
                "parent2@school.example", "[SC-2026-000043] Обращение зарегистрировано", "Ваше обращение зарегистрировано.",
                null, List.of(), true));
        await().atMost(Duration.ofSeconds(10)).until(() -> inboxOf("parent2@school.example").length == 1);
        MimeMessage m = inboxOf("parent2@school.example")[0];
        assertThat(m.getHeader("Auto-Submitted")[0]).isEqualTo("auto-replied");
        assertThat(m.getHeader("In-Reply-To")).isNull();
    }

    @Test
    void whileSmtpIsDownMailWaitsAndIsDeliveredOnceWhenItIsBack() throws Exception {
        clock.set(java.time.Instant.now());
        TestMailServer.stop();
        try {
            // one batch: the whole group fails on the connection, each mail an attempt with back-off
            new TransactionTemplate(transactions).executeWithoutResult(status -> {
                for (int i = 0; i < 3; i++) {
                    outbox.enqueue(new OutgoingMail("sc", null, OutgoingMail.Kind.ANSWER, "sc-support@example.org",
                            "parent3@school.example", "Ответ " + i, "Текст " + i, null, List.of(), false));
                }
            });
            await().atMost(Duration.ofSeconds(10)).until(() -> jdbc.sql(
                    "SELECT count(*) FROM outbox WHERE to_address = 'parent3@school.example' AND attempts >= 1 AND last_error IS NOT NULL")
                    .query(Integer.class).single() == 3);
            Map<String, Object> row = jdbc.sql("SELECT sent_at, failed_at, last_error FROM outbox WHERE to_address = 'parent3@school.example' LIMIT 1")
                    .query().singleRow();
            assertThat(row.get("sent_at")).isNull();
            assertThat(row.get("failed_at")).isNull();
            assertThat((String) row.get("last_error")).containsIgnoringCase("connect");
        } finally {
            TestMailServer.start();
        }
        // The retry waits for its back-off (the test clock stands still): let the clock run past it.
        clock.set(java.time.Instant.now().plusSeconds(5));
        await().atMost(Duration.ofSeconds(15)).until(() -> jdbc.sql(
                "SELECT count(*) FROM outbox WHERE to_address = 'parent3@school.example' AND sent_at IS NOT NULL")
                .query(Integer.class).single() == 3);
        Thread.sleep(1000); // a further poll must not send anything again
        assertThat(inboxOf("parent3@school.example")).hasSize(3)
                .extracting(MimeMessage::getSubject).containsExactlyInAnyOrder("Ответ 0", "Ответ 1", "Ответ 2");
    }

    @Test
    void aBatchGoesThroughOneSmtpConnectionAndEachMailArrivesOnce() throws Exception {
        clock.set(Instant.now());
        awaitOutboxIdle();
        int connectionsBefore = TestMailServer.smtpConnections();
        // queued in one transaction, so that one claim takes them all
        List<String> recipients = queueInOneTransaction("batch", 20, "Пакет");

        assertEachArrivesOnce(recipients);
        assertThat(TestMailServer.smtpConnections() - connectionsBefore).as("SMTP connections for 20 mails").isEqualTo(1);
        assertThat(jdbc.sql("SELECT count(*) FROM outbox WHERE to_address LIKE 'batch%@school.example' AND attempts = 1")
                .query(Integer.class).single()).isEqualTo(20);
    }

    @Test
    void aBacklogGoesOutThroughTwoConnectionsSideBySideAndEachMailArrivesOnce() throws Exception {
        clock.set(Instant.now());
        awaitOutboxIdle();
        int connectionsBefore = TestMailServer.smtpConnections();
        TestMailServer.mostOpenSmtpConnections(); // counting from here
        // four batches of 50 (gateway.outbox.batch-size) for the two connections (gateway.outbox.connections)
        List<String> recipients = queueInOneTransaction("backlog", 200, "Очередь");

        assertEachArrivesOnce(recipients);
        assertThat(TestMailServer.smtpConnections() - connectionsBefore).as("SMTP connections for 4 batches")
                .isBetween(2, 4);
        assertThat(TestMailServer.mostOpenSmtpConnections()).as("SMTP connections open at once").isEqualTo(2);
        assertThat(jdbc.sql("SELECT count(DISTINCT claimed_until) FROM outbox WHERE to_address LIKE 'backlog%'")
                .query(Integer.class).single()).as("claims left on sent mail").isZero();
    }

    @Test
    void aRecipientRefusedInABatchFailsAloneAndTheOthersGoOutThroughTheSameConnection() throws Exception {
        clock.set(Instant.now());
        awaitOutboxIdle();
        int connectionsBefore = TestMailServer.smtpConnections();
        List<String> good = List.of("refusal0@school.example", "refusal1@school.example", "refusal2@school.example",
                "refusal3@school.example");
        String refused = "nobody@" + TestMailServer.REFUSED_DOMAIN;
        List<String> all = new ArrayList<>(good);
        all.add(2, refused);
        new TransactionTemplate(transactions).executeWithoutResult(status -> all.forEach(to ->
                outbox.enqueue(answer(to, "Отказ"))));

        awaitSent(good);
        await().atMost(Duration.ofSeconds(10)).until(() -> jdbc.sql(
                "SELECT failed_at IS NOT NULL FROM outbox WHERE to_address = ?").param(refused).query(Boolean.class).single());
        Map<String, Object> row = jdbc.sql("SELECT sent_at, attempts, last_error FROM outbox WHERE to_address = ?")
                .param(refused).query().singleRow();
        assertThat(row.get("sent_at")).isNull();
        assertThat(row.get("attempts")).as("given up at once: a refused recipient is permanent").isEqualTo(1);
        assertThat((String) row.get("last_error")).contains("550");
        for (String to : good) {
            assertThat(inboxOf(to)).as("mails received by %s", to).hasSize(1);
        }
        assertThat(TestMailServer.smtpConnections() - connectionsBefore).as("SMTP connections").isEqualTo(1);
    }

    @Test
    void aConnectionDroppedMidBatchIsOpenedOnceMoreAndTheDroppedMailIsSentOnceOnItsRetry() throws Exception {
        clock.set(Instant.now());
        awaitOutboxIdle();
        int connectionsBefore = TestMailServer.smtpConnections();
        List<String> good = List.of("drop0@school.example", "drop1@school.example", "drop2@school.example");
        String dropped = "someone@" + TestMailServer.DROPPED_DOMAIN; // the server drops the connection at it, once
        List<String> all = new ArrayList<>(good);
        all.add(1, dropped);
        new TransactionTemplate(transactions).executeWithoutResult(status -> all.forEach(to ->
                outbox.enqueue(answer(to, "Обрыв"))));

        awaitSent(good);
        assertThat(TestMailServer.smtpConnections() - connectionsBefore)
                .as("the first connection, dropped, and one more for the rest").isEqualTo(2);
        Map<String, Object> row = jdbc.sql("SELECT sent_at, failed_at, attempts, last_error FROM outbox WHERE to_address = ?")
                .param(dropped).query().singleRow();
        assertThat(row.get("sent_at")).isNull();
        assertThat(row.get("failed_at")).as("a dropped connection is no reason to give up").isNull();
        assertThat(row.get("attempts")).isEqualTo(1);
        assertThat((String) row.get("last_error")).isNotBlank();

        // its back-off over (the test clock stands still: move it on), it goes out once
        clock.set(Instant.now().plusSeconds(5));
        awaitSent(List.of(dropped));
        Thread.sleep(500); // a further poll must not send anything again
        for (String to : all) {
            assertThat(inboxOf(to)).as("mails received by %s", to).hasSize(1);
        }
    }

    private static OutgoingMail answer(String to, String subject) {
        return new OutgoingMail("sc", null, OutgoingMail.Kind.ANSWER, "sc-support@example.org", to, subject,
                "Текст для " + to, null, List.of(), false);
    }

    /** Answers to {@code <prefix><i>@school.example}, queued in one transaction; their recipients. */
    private List<String> queueInOneTransaction(String prefix, int n, String subject) {
        List<String> recipients = IntStream.range(0, n).mapToObj(i -> prefix + i + "@school.example").toList();
        new TransactionTemplate(transactions).executeWithoutResult(status -> recipients.forEach(to ->
                outbox.enqueue(answer(to, subject))));
        return recipients;
    }

    private void assertEachArrivesOnce(List<String> recipients) throws Exception {
        awaitSent(recipients);
        Thread.sleep(500); // a further poll must not send anything again
        for (String to : recipients) {
            assertThat(inboxOf(to)).as("mails received by %s", to).hasSize(1);
        }
    }

    /** Waits until no mail is due or being sent (the test clock stands still: none becomes due later). */
    private void awaitOutboxIdle() {
        await().atMost(Duration.ofSeconds(15)).until(() -> jdbc.sql("""
                SELECT count(*) FROM outbox WHERE sent_at IS NULL AND failed_at IS NULL
                   AND (next_attempt_at <= ? OR claimed_until IS NOT NULL)""")
                .param(java.sql.Timestamp.from(clock.instant())).query(Integer.class).single() == 0);
    }

    private void awaitSent(List<String> recipients) {
        await().atMost(Duration.ofSeconds(15)).until(() -> jdbc.sql(
                "SELECT count(*) FROM outbox WHERE to_address IN (:to) AND sent_at IS NOT NULL")
                .param("to", recipients).query(Integer.class).single() == recipients.size());
    }

    @Test
    void aRecipientTheServerRefusesIsNotRetriedForever() {
        clock.set(java.time.Instant.now());
        String id = outbox.enqueue(new OutgoingMail("sc", null, OutgoingMail.Kind.ANSWER, "sc-support@example.org",
                "not an address", "Ответ", "Текст", null, List.of(), false));
        await().atMost(Duration.ofSeconds(10)).until(() -> jdbc.sql("SELECT failed_at IS NOT NULL FROM outbox WHERE message_id = ?")
                .param(id).query(Boolean.class).single());
        assertThat(jdbc.sql("SELECT last_error FROM outbox WHERE message_id = ?").param(id).query(String.class).single())
                .isNotBlank();
    }
}
