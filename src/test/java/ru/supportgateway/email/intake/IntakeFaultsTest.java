package ru.supportgateway.email.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.mail.Flags;

import org.apache.camel.CamelContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;

import com.fasterxml.jackson.databind.JsonNode;
import com.icegreen.greenmail.store.StoredMessage;

import ru.supportgateway.desk.Desks;
import ru.supportgateway.operator.Operator;
import ru.supportgateway.operator.OperatorRepository;
import ru.supportgateway.operator.Role;
import ru.supportgateway.testsupport.GatewayTest;
import ru.supportgateway.testsupport.TestClock;
import ru.supportgateway.testsupport.TestMailServer;

/**
 * Exactly once, whatever happens: repeated delivery, unreadable mail, the database failing, the gateway
 * dying between storing and processing, two gateways on one mailbox. Desk "faults" registers 24x7.
 */
@GatewayTest
class IntakeFaultsTest {

    static final String DESK = "faults@desk.test";
    static final String ROUTE = "email-intake-faults";

    @Autowired
    JdbcClient jdbc;

    @Autowired
    TestClock clock;

    @Autowired
    CamelContext camel;

    @Autowired
    StoreRawMail store;

    @Autowired
    Desks desks;

    @Autowired
    IntakeProperties settings;

    @Autowired
    TestRestTemplate rest;

    @Autowired
    OperatorRepository operators;

    @Autowired
    PasswordEncoder passwords;

    @BeforeEach
    void setUp() {
        clock.set("2026-11-24T08:00:00Z");
    }

    @AfterEach
    void cleanUp() throws Exception {
        jdbc.sql("DROP TRIGGER IF EXISTS fail_intake ON inbound_message").update();
        jdbc.sql("DROP TRIGGER IF EXISTS fail_registration ON request").update();
        if (camel.getRouteController().getRouteStatus(ROUTE).isStopped()) {
            camel.getRouteController().startRoute(ROUTE);
        }
    }

    private String state(String messageId) {
        return jdbc.sql("SELECT state FROM inbound_message WHERE message_id = ?").param(messageId)
                .query(String.class).optional().orElse(null);
    }

    private void awaitState(String messageId, String state) {
        await().atMost(Duration.ofSeconds(20)).until(() -> state.equals(state(messageId)));
    }

    private int count(String sql, Object... params) {
        return jdbc.sql(sql).params(params).query(Integer.class).single();
    }

    /** Requests from this sender, or from the senders "<sender>-<n>" of {@link #deliverMails}. */
    private int requestsFrom(String sender) {
        return count("SELECT count(*) FROM request WHERE contact_email = ? OR contact_email LIKE ?", sender,
                sender.replace("@", "-%@"));
    }

    private int acksTo(String sender) {
        return count("SELECT count(*) FROM outbox WHERE kind = 'ACKNOWLEDGEMENT' AND (to_address = ? OR to_address LIKE ?)",
                sender, sender.replace("@", "-%@"));
    }

    /** The desk mailbox's copies of mail with this Message-ID and whether each is flagged \Seen. */
    private List<Boolean> seenFlags(String messageId) throws Exception {
        List<Boolean> flags = new ArrayList<>();
        var inbox = TestMailServer.greenMail().getManagers().getImapHostManager()
                .getInbox(TestMailServer.greenMail().getUserManager().getUser("faults"));
        for (StoredMessage m : inbox.getMessages()) {
            if (("<" + messageId + ">").equals(m.getMimeMessage().getMessageID())) {
                flags.add(m.getFlags().contains(Flags.Flag.SEEN));
            }
        }
        return flags;
    }

    /** n mails from n senders "<sender>-<i>" (one sender would hit the acknowledgement limit). */
    private List<String> deliverMails(String sender, int n) throws Exception {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            String id = TestMail.newMessageId();
            ids.add(id);
            TestMail.deliver(DESK, mail(id, sender, i));
        }
        return ids;
    }

    private static byte[] mail(String id, String sender, int i) {
        return TestMail.text(id, sender.replace("@", "-" + i + "@"), DESK, "Письмо " + i, "Текст письма " + i);
    }

    @Test
    void theSameMailDeliveredTwiceIsRegisteredOnce() throws Exception {
        String sender = "twice1@parents.test";
        String id = TestMail.newMessageId();
        byte[] raw = TestMail.text(id, sender, DESK, "Дважды", "Одно и то же письмо");
        TestMail.deliver(DESK, raw);
        TestMail.deliver(DESK, raw);

        awaitState(id, "REGISTERED");
        await().atMost(Duration.ofSeconds(10)).until(() -> seenFlags(id).equals(List.of(true, true)));
        assertThat(count("SELECT count(*) FROM inbound_message WHERE message_id = ?", id)).isEqualTo(1);
        assertThat(requestsFrom(sender)).isEqualTo(1);
        assertThat(acksTo(sender)).isEqualTo(1);
    }

    @Test
    void unreadableMailIsQuarantinedAndListedWhileTheNextMailIsRegistered() throws Exception {
        String bad = TestMail.newMessageId();
        TestMail.deliver(DESK, TestMail.fixture("truncated.eml", bad, "broken2@parents.test", DESK));
        String good = TestMail.newMessageId();
        TestMail.deliver(DESK, TestMail.text(good, "good2@parents.test", DESK, "Нормальное письмо", "Текст"));

        awaitState(good, "REGISTERED");
        awaitState(bad, "QUARANTINED");
        Map<String, Object> row = jdbc.sql("SELECT reason, raw, size FROM inbound_message WHERE message_id = ?")
                .param(bad).query().singleRow();
        assertThat((String) row.get("reason")).startsWith("malformed: ").contains("truncated");
        assertThat(new String((byte[]) row.get("raw"), java.nio.charset.StandardCharsets.ISO_8859_1))
                .contains("boundary=\"never-seen\"");
        assertThat(seenFlags(bad)).containsExactly(true); // never fetched again
        assertThat(requestsFrom("broken2@parents.test")).isZero();
        assertThat(acksTo("broken2@parents.test")).isZero();

        ResponseEntity<JsonNode> list = rest.withBasicAuth("admin", GatewayTest.ADMIN_PASSWORD)
                .getForEntity("/api/quarantine", JsonNode.class);
        assertThat(list.getStatusCode()).isEqualTo(HttpStatus.OK);
        JsonNode entry = null;
        for (JsonNode n : list.getBody()) {
            if (bad.equals(n.path("messageId").asText())) {
                entry = n;
            }
        }
        assertThat(entry).as("quarantine entry in %s", list.getBody()).isNotNull();
        assertThat(entry.get("desk").asText()).isEqualTo("faults");
        assertThat(entry.get("from").asText()).isEqualTo("broken2@parents.test");
        assertThat(entry.get("reason").asText()).contains("truncated");
        assertThat(entry.get("size").asLong()).isEqualTo(((byte[]) row.get("raw")).length);
        assertThat(entry.get("received").asText()).isEqualTo("2026-11-24T08:00:00Z");

        operators.createIfAbsent(new Operator("operator2", "Оператор", Role.OPERATOR, true, Set.of("faults")),
                passwords.encode("operator-pw"));
        assertThat(rest.withBasicAuth("operator2", "operator-pw").getForEntity("/api/quarantine", String.class)
                .getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
    }

    @Test
    void mailOverTheDesksMaxSizeIsQuarantinedWithItsBeginningWhileTheRestOfThePollIsRegistered() throws Exception {
        // the faults desk takes mail up to 600 KB; a poll's mail up to 1 MB comes in one FETCH, larger mail alone
        String small = TestMail.newMessageId();
        String over = TestMail.newMessageId();
        String huge = TestMail.newMessageId();
        byte[] smallRaw = TestMail.text(small, "size1@parents.test", DESK, "Скриншоты", "Текст. ".repeat(30_000));
        TestMail.deliver(DESK, smallRaw);
        TestMail.deliver(DESK, TestMail.text(over, "size2@parents.test", DESK, "Большое", "Текст. ".repeat(60_000)));
        TestMail.deliver(DESK, TestMail.text(huge, "size3@parents.test", DESK, "Огромное", "Текст. ".repeat(140_000)));

        awaitState(small, "REGISTERED");
        awaitState(over, "QUARANTINED");
        awaitState(huge, "QUARANTINED");
        assertThat(smallRaw.length).isBetween(300_000, 600_000);
        Map<String, Object> kept = jdbc.sql("SELECT raw, size FROM inbound_message WHERE message_id = ?").param(small)
                .query().singleRow();
        assertThat(((byte[]) kept.get("raw")).length).isGreaterThan(smallRaw.length); // with the server's trace lines
        assertThat(((Number) kept.get("size")).longValue()).isEqualTo(((byte[]) kept.get("raw")).length);
        assertThat(jdbc.sql("SELECT description FROM request WHERE contact_email = 'size1@parents.test'")
                .query(String.class).single()).as("the whole text, read in the poll's one FETCH")
                .isEqualTo("Текст. ".repeat(30_000).strip());
        for (String id : List.of(over, huge)) {
            Map<String, Object> row = jdbc.sql("SELECT reason, raw, size, subject FROM inbound_message WHERE message_id = ?")
                    .param(id).query().singleRow();
            assertThat((String) row.get("reason")).startsWith("message too large: over 614400 bytes");
            assertThat(((byte[]) row.get("raw")).length).as("its beginning kept").isEqualTo(614_400);
            assertThat(((Number) row.get("size")).longValue()).as("the size it had").isGreaterThan(614_400);
            assertThat(seenFlags(id)).containsExactly(true);
        }
        assertThat(requestsFrom("size1@parents.test")).isEqualTo(1);
        assertThat(requestsFrom("size2@parents.test") + requestsFrom("size3@parents.test")).isZero();
    }

    @Test
    void aFollowUpInTheSamePollAsTheMailItAnswersJoinsThatMailsRequest() throws Exception {
        // both in the mailbox before the next poll: one batch, where the first is not registered yet when the
        // second is threaded (the batch goes through again mail by mail)
        camel.getRouteController().stopRoute(ROUTE);
        String first = TestMail.newMessageId();
        String second = TestMail.newMessageId();
        TestMail.deliver(DESK, TestMail.text(first, "same-poll@parents.test", DESK, "Не открывается дневник", "Ошибка 500"));
        TestMail.deliver(DESK, TestMail.text(second, "same-poll@parents.test", DESK, "Re: Не открывается дневник",
                "Забыла написать: 5 «Б» класс", Map.of("In-Reply-To", "<" + first + ">")));
        camel.getRouteController().startRoute(ROUTE);

        awaitState(first, "REGISTERED");
        awaitState(second, "THREADED");
        assertThat(requestsFrom("same-poll@parents.test")).isEqualTo(1);
        assertThat(acksTo("same-poll@parents.test")).as("a follow-up is not acknowledged").isEqualTo(1);
        Long request = jdbc.sql("SELECT request_id FROM inbound_message WHERE message_id = ?").param(first)
                .query(Long.class).single();
        assertThat(jdbc.sql("SELECT request_id FROM inbound_message WHERE message_id = ?").param(second)
                .query(Long.class).single()).isEqualTo(request);
        assertThat(jdbc.sql("SELECT text_body FROM message WHERE request_id = ? AND direction = 'IN' ORDER BY id")
                .param(request).query(String.class).list()).containsExactly("Ошибка 500", "Забыла написать: 5 «Б» класс");
    }

    @Test
    void whileTheDatabaseRefusesTheMailStaysInTheMailboxAndIsRegisteredOnceWhenItIsBack() throws Exception {
        String sender = "dbdown3@parents.test";
        jdbc.sql("""
                CREATE OR REPLACE FUNCTION fail_intake() RETURNS trigger LANGUAGE plpgsql AS
                $$ BEGIN RAISE EXCEPTION 'database unavailable (test)'; END $$""").update();
        jdbc.sql("""
                CREATE TRIGGER fail_intake BEFORE INSERT ON inbound_message FOR EACH ROW
                WHEN (NEW.desk_id = 'faults') EXECUTE FUNCTION fail_intake()""").update();
        List<String> ids = deliverMails(sender, 2);
        Thread.sleep(1500); // several polls fail to store
        assertThat(count("SELECT count(*) FROM inbound_message WHERE message_id IN (?, ?)", ids.toArray())).isZero();
        for (String id : ids) {
            assertThat(seenFlags(id)).containsExactly(false); // still waiting in the mailbox
        }

        jdbc.sql("DROP TRIGGER fail_intake ON inbound_message").update();
        ids.forEach(id -> awaitState(id, "REGISTERED"));
        Thread.sleep(600);
        assertThat(requestsFrom(sender)).isEqualTo(2);
        assertThat(acksTo(sender)).isEqualTo(2);
    }

    @Test
    void aFailureAfterStoringIsRetriedByTheRecoveryPollAndRegistersOnce() throws Exception {
        String sender = "midway4@parents.test";
        jdbc.sql("""
                CREATE OR REPLACE FUNCTION fail_registration() RETURNS trigger LANGUAGE plpgsql AS
                $$ BEGIN RAISE EXCEPTION 'connection lost (test)'; END $$""").update();
        jdbc.sql("""
                CREATE TRIGGER fail_registration BEFORE INSERT ON request FOR EACH ROW
                WHEN (NEW.desk_id = 'faults') EXECUTE FUNCTION fail_registration()""").update();
        List<String> ids = deliverMails(sender, 2);
        await().atMost(Duration.ofSeconds(15)).until(() -> count(
                "SELECT count(*) FROM inbound_message WHERE message_id IN (?, ?) AND attempts = 1", ids.get(0), ids.get(1)) == 2);
        for (String id : ids) {
            Map<String, Object> row = jdbc.sql("SELECT state, reason FROM inbound_message WHERE message_id = ?")
                    .param(id).query().singleRow();
            assertThat(row.get("state")).isEqualTo("RECEIVED");
            assertThat((String) row.get("reason")).contains("connection lost (test)");
            assertThat(seenFlags(id)).containsExactly(true); // safe in PostgreSQL: not fetched again
        }
        assertThat(requestsFrom(sender)).isZero();
        assertThat(acksTo(sender)).isZero(); // the acknowledgement was rolled back with the registration

        jdbc.sql("DROP TRIGGER fail_registration ON request").update();
        clock.set(Instant.parse("2026-11-24T08:00:00Z").plusSeconds(60)); // past the retry pause
        ids.forEach(id -> awaitState(id, "REGISTERED"));
        Thread.sleep(600);
        assertThat(requestsFrom(sender)).isEqualTo(2);
        assertThat(acksTo(sender)).isEqualTo(2);
    }

    @Test
    void aGatewayKilledAfterStoringPartOfABatchRegistersEachMailOnceAfterRestart() throws Exception {
        String sender = "killed5@parents.test";
        camel.getRouteController().stopRoute(ROUTE);
        List<String> ids = deliverMails(sender, 4);
        // The dead gateway had stored two of the four (committed) and died before processing them and
        // before flagging anything in the mailbox.
        for (String id : ids.subList(0, 2)) {
            byte[] raw = mail(id, sender, ids.indexOf(id));
            store.store("faults", raw, raw.length, null);
            assertThat(state(id)).isEqualTo("RECEIVED");
        }

        camel.getRouteController().startRoute(ROUTE); // the restarted gateway polls the mailbox again
        ids.forEach(id -> awaitState(id, "REGISTERED"));
        for (String id : ids) {
            await().atMost(Duration.ofSeconds(10)).until(() -> seenFlags(id).equals(List.of(true)));
        }
        Thread.sleep(600);
        assertThat(count("SELECT count(*) FROM inbound_message WHERE message_id IN (?, ?, ?, ?)", ids.toArray())).isEqualTo(4);
        assertThat(requestsFrom(sender)).isEqualTo(4);
        assertThat(acksTo(sender)).isEqualTo(4);
    }

    @Test
    void twoGatewaysPollingOneMailboxRegisterEachMailOnce() throws Exception {
        String sender = "twins6@parents.test";
        camel.getRouteController().stopRoute(ROUTE);
        List<String> ids = deliverMails(sender, 6);
        // A second gateway: its own intake consumer (own IMAP connection) on the same mailbox and database.
        // (one Camel context refuses two consumers of one endpoint URI: a different connection timeout
        // makes it another endpoint on the same mailbox)
        String second = IntakeConfiguration.addIntakeRoute(camel, "faults",
                desks.get("faults").email().orElseThrow().imap().orElseThrow(), settings, ROUTE + "-second-node", 29_000);
        try {
            camel.getRouteController().startRoute(ROUTE);
            ids.forEach(id -> awaitState(id, "REGISTERED"));
            Thread.sleep(800);
            assertThat(requestsFrom(sender)).isEqualTo(6);
            assertThat(acksTo(sender)).isEqualTo(6);
            assertThat(count("SELECT count(DISTINCT request_id) FROM inbound_message WHERE message_id IN (?, ?, ?, ?, ?, ?)",
                    ids.toArray())).isEqualTo(6);
        } finally {
            camel.getRouteController().stopRoute(second);
            camel.removeRoute(second);
        }
    }
}
