package ru.supportgateway.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.LongStream;

import org.springframework.jdbc.core.simple.JdbcClient;

/** The rule of the house as assertions on PostgreSQL and on what the SMTP server received. */
final class Expectations {

    private Expectations() {
    }

    /** Waits until all n mails of the prefix are registered, each with a sent acknowledgement. */
    static void awaitAllRegisteredAndAcknowledged(JdbcClient jdbc, MailServers mail, String prefix, List<String> senders,
                                                  Duration atMost) {
        int n = senders.size();
        await().atMost(atMost).pollInterval(Duration.ofMillis(250)).ignoreExceptions()
                .failFast("a mail was quarantined", () -> FaultsWorld.states(jdbc, prefix).containsKey("QUARANTINED"))
                .untilAsserted(() -> assertThat(FaultsWorld.states(jdbc, prefix)).isEqualTo(Map.of("REGISTERED", (long) n)));
        await().atMost(atMost).pollInterval(Duration.ofMillis(250)).ignoreExceptions()
                .until(() -> FaultsWorld.count(jdbc, """
                        SELECT count(*) FROM outbox WHERE kind = 'ACKNOWLEDGEMENT' AND to_address LIKE ?
                           AND sent_at IS NOT NULL""", FaultsWorld.like(prefix)) == n
                        && senders.stream().allMatch(s -> !mail.sentTo(s).isEmpty()));
    }

    /**
     * Every mail once, every sender one acknowledgement, and it stays so for {@code quiet} (longer than
     * the outbox lease and retry pause: a lost "sent" mark or a second registration would show by then).
     */
    static void assertExactlyOnce(JdbcClient jdbc, MailServers mail, String prefix, List<String> senders, Duration quiet) {
        int n = senders.size();
        await().pollDelay(quiet).atMost(quiet.plusSeconds(5)).until(() -> true);
        assertThat(FaultsWorld.states(jdbc, prefix)).as("intake states").isEqualTo(Map.of("REGISTERED", (long) n));
        assertThat(FaultsWorld.count(jdbc, "SELECT count(*) FROM inbound_message WHERE from_address LIKE ?",
                FaultsWorld.like(prefix))).as("stored mails").isEqualTo(n);
        assertThat(FaultsWorld.count(jdbc, "SELECT count(*) FROM request WHERE contact_email LIKE ?",
                FaultsWorld.like(prefix))).as("requests").isEqualTo(n);
        assertThat(FaultsWorld.count(jdbc, "SELECT count(DISTINCT contact_email) FROM request WHERE contact_email LIKE ?",
                FaultsWorld.like(prefix))).as("senders with a request").isEqualTo(n);
        assertThat(FaultsWorld.count(jdbc, """
                SELECT count(*) FROM outbox WHERE kind = 'ACKNOWLEDGEMENT' AND to_address LIKE ?
                   AND sent_at IS NOT NULL AND failed_at IS NULL""", FaultsWorld.like(prefix)))
                .as("acknowledgements queued and sent").isEqualTo(n);
        assertThat(FaultsWorld.count(jdbc, "SELECT count(*) FROM outbox WHERE to_address LIKE ?",
                FaultsWorld.like(prefix))).as("outbox rows").isEqualTo(n);
        for (String sender : senders) {
            assertThat(mail.sentTo(sender)).as("acknowledgements received by %s", sender).hasSize(1);
        }
        assertNumbersConsecutive(jdbc);
    }

    /** The faults desk's request numbers: unique and 1, 2, 3... with no gap, per year. */
    static void assertNumbersConsecutive(JdbcClient jdbc) {
        List<Integer> years = jdbc.sql("SELECT DISTINCT seq_year FROM request WHERE desk_id = 'faults'")
                .query(Integer.class).list();
        for (int year : years) {
            List<Long> numbers = jdbc.sql("SELECT seq_no FROM request WHERE desk_id = 'faults' AND seq_year = ? ORDER BY seq_no")
                    .param(year).query(Long.class).list();
            assertThat(numbers).as("request numbers of desk faults in %s", year)
                    .containsExactlyElementsOf(LongStream.rangeClosed(1, numbers.size()).boxed().toList());
            assertThat(FaultsWorld.count(jdbc, "SELECT count(DISTINCT number) FROM request WHERE desk_id = 'faults' AND seq_year = ?",
                    year)).isEqualTo(numbers.size());
        }
    }
}
