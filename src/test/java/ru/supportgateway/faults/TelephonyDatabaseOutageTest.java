package ru.supportgateway.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import ru.supportgateway.telephony.AsteriskTelephony;
import ru.supportgateway.telephony.call.CallRecordRetry;
import ru.supportgateway.telephony.fake.AmiCapture;
import ru.supportgateway.telephony.fake.AmiMessage;

/**
 * Calls that end while PostgreSQL is down (connections cut, new ones refused), replayed over TCP by a fake
 * Asterisk from the captures: once the database is back, each call and its call-back are there exactly once.
 */
@ExtendWith(FaultsWorld.Shared.class)
class TelephonyDatabaseOutageTest {

    private static final Logger log = LoggerFactory.getLogger(TelephonyDatabaseOutageTest.class);

    @Test
    void callsEndingWhileTheDatabaseIsDownAreRecordedOnceWithTheirCallBacksWhenItIsBack(FaultsWorld world) {
        AsteriskTelephony telephony = world.bean(AsteriskTelephony.class);
        CallRecordRetry records = world.bean(CallRecordRetry.class);
        await().atMost(Duration.ofSeconds(20)).until(() -> telephony.health().orElseThrow().isUp());
        // an abandoned call (24 s in the queue, over desk sc's 20 s: called back) and an after-hours voicemail
        // from another number
        String abandoned = "dbdown1-1795334027.6";
        String voicemail = "dbdown2-1795334112.18";
        List<AmiMessage> abandonedCall = newCall("02a-queue-abandon", "dbdown1-", Map.of());
        List<AmiMessage> voicemailCall = newCall("03-after-hours-voicemail", "dbdown2-",
                Map.of("CallerIDNum", "+15555550177"));

        long started = System.nanoTime();
        PostgresFaults.down(world.database);
        try {
            world.asterisk.replay(abandonedCall);
            world.asterisk.replay(voicemailCall);
            // both calls ended and wait in memory; they stay there while the database stays down (retries fail)
            await().atMost(Duration.ofSeconds(15)).until(() -> records.pending() == 2);
            await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(4)).until(() -> records.pending() == 2);
        } finally {
            PostgresFaults.up(world.database);
        }
        long back = System.nanoTime();
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).ignoreExceptions()
                .until(() -> world.count("SELECT count(*) FROM call WHERE linkedid IN (?, ?)", abandoned, voicemail) == 2
                        && world.count("""
                                SELECT count(*) FROM callback cb JOIN call c ON c.id = cb.call_id
                                 WHERE c.linkedid IN (?, ?)""", abandoned, voicemail) == 2
                        && records.pending() == 0);
        long recorded = System.nanoTime();
        await().pollDelay(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(4)).until(() -> true); // no late doubles

        assertThat(world.jdbc.sql("SELECT outcome FROM call WHERE linkedid = ?").param(abandoned).query(String.class).list())
                .containsExactly("ABANDONED");
        assertThat(world.jdbc.sql("SELECT outcome FROM call WHERE linkedid = ?").param(voicemail).query(String.class).list())
                .containsExactly("VOICEMAIL");
        assertThat(world.jdbc.sql("""
                SELECT cb.reason FROM callback cb JOIN call c ON c.id = cb.call_id WHERE c.linkedid = ?""")
                .param(abandoned).query(String.class).list()).containsExactly("ABANDONED");
        assertThat(world.jdbc.sql("""
                SELECT cb.reason FROM callback cb JOIN call c ON c.id = cb.call_id WHERE c.linkedid = ?""")
                .param(voicemail).query(String.class).list()).containsExactly("VOICEMAIL");
        assertThat(world.count("SELECT count(*) FROM callback WHERE caller_number IN ('+15555550123', '+15555550177')"))
                .as("call-backs of the two callers").isEqualTo(2);
        assertThat(world.count("SELECT count(*) FROM callback WHERE voicemail_msg_id = '1795334115-00000001' AND recording IS NOT NULL"))
                .as("the voicemail with its recording").isEqualTo(1);
        assertThat(records.retried()).as("records written by a retry").isGreaterThanOrEqualTo(2);
        assertThat(records.dropped()).isZero();
        log.info("Telephony, database down: 2 calls ended during a {} ms outage; recorded with their call-backs "
                + "{} ms after the database came back", (back - started) / 1_000_000, (recorded - back) / 1_000_000);
    }

    private static List<AmiMessage> newCall(String capture, String prefix, Map<String, String> rewrite) {
        return AmiCapture.load(capture).scenarioEvents().stream().map(m -> {
            List<String> lines = m.lines().stream().map(line -> {
                String key = AmiMessage.keyOf(line);
                String value = AmiMessage.valueOf(line);
                if (List.of("uniqueid", "linkedid", "destuniqueid", "destlinkedid").contains(key.toLowerCase())
                        && value.matches("\\d+\\.\\d+")) {
                    return key + ": " + prefix + value;
                }
                return rewrite.containsKey(key) ? key + ": " + rewrite.get(key) : line;
            }).toList();
            return AmiMessage.ofLines(lines);
        }).toList();
    }
}
