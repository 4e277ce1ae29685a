package ru.supportgateway.telephony.it;

import static org.assertj.core.api.Assertions.assertThat;
import static ru.supportgateway.telephony.Eventually.await;

import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

import ru.supportgateway.telephony.fake.AmiMessage;
import ru.supportgateway.testsupport.GatewayTest;

/** The AMI link goes down and comes back: voicemails left meanwhile are filed once; a refused login shows. */
@AmiGatewayTest
class ReconnectIT extends TelephonyItSupport {

    static final String MSG_02B = "1795334091-00000000";
    static final String MSG_03 = "1795334115-00000001";
    static final String MSG_04 = "1795334140-00000002";

    private long boxSummariesAsked() {
        return fake().receivedActions().stream()
                .filter(a -> "VoicemailBoxSummary".equalsIgnoreCase(a.get("action")) && "100".equals(a.get("mailbox")))
                .count();
    }

    /** Drops the link and waits until the gateway has logged in again and listed box 100 again. */
    private void dropAndAwaitReconcile() throws InterruptedException {
        long asked = boxSummariesAsked();
        fake().drop();
        await("reconnected and box listed", () -> boxSummariesAsked() > asked);
        await("link up", () -> telephony.health().orElseThrow().isUp());
        Thread.sleep(300); // the listed messages are filed right after the answer
    }

    @Test
    void voicemailsLeftWhileTheLinkWasDownBecomeOneCallBackAndStayOne() throws Exception {
        clock.set("2026-11-22T08:00:00Z");
        fake().voicemailBox(FakeAsterisk.BOX, List.of(MSG_02B, MSG_03, MSG_04));

        dropAndAwaitReconcile();
        await("filed", () -> count("SELECT count(*) FROM callback") == 1);
        Map<String, Object> entry = row("""
                SELECT id, desk_id, reason, caller_number, caller_name, voicemail_msg_id, duration_seconds, repeat_count,
                       recording, call_id FROM callback""");
        // three messages of one caller: the oldest is the entry, the others its repeats
        assertThat(entry).containsEntry("desk_id", "sc").containsEntry("reason", "VOICEMAIL")
                .containsEntry("caller_number", "+15555550123").containsEntry("caller_name", "Parent Miller")
                .containsEntry("voicemail_msg_id", MSG_02B).containsEntry("duration_seconds", 12)
                .containsEntry("repeat_count", 2).containsEntry("call_id", null);
        assertThat((byte[]) entry.get("recording"))
                .isEqualTo(Files.readAllBytes(FakeAsterisk.spool().resolve("support/100/INBOX/msg0000.wav")));
        assertThat(jdbc.sql("SELECT voicemail_msg_id, recording IS NOT NULL FROM callback_repeat ORDER BY at")
                .query((rs, n) -> rs.getString(1) + "/" + rs.getBoolean(2)).list())
                .containsExactly(MSG_03 + "/true", MSG_04 + "/false"); // 04's audio is not in the spool

        dropAndAwaitReconcile();
        assertThat(count("SELECT count(*) FROM callback")).isEqualTo(1);
        assertThat(count("SELECT count(*) FROM callback_repeat")).isEqualTo(2);
        assertThat(count("SELECT repeat_count FROM callback")).isEqualTo(2);
    }

    @Test
    void linkDropsMidCallAndComesBackBeforeTheCallEnds_noCallBackLostNoneDoubled() throws Exception {
        clock.set("2026-11-22T07:54:40Z");
        String prefix = FakeAsterisk.newPrefix();
        List<AmiMessage> call = FakeAsterisk.eventsAsNewCall("02b-queue-timeout-voicemail", prefix, Map.of());
        int abandon = indexOf(call, "QueueCallerAbandon");
        int hangupRequest = indexOf(call, "HangupRequest");
        fake().replay(call.subList(0, abandon + 1));
        Thread.sleep(200);

        // the link drops while the caller records; by the time it is back the message is in the box
        fake().voicemailBox(FakeAsterisk.BOX, List.of(MSG_02B));
        dropAndAwaitReconcile();
        await("filed by reconciliation", () -> count("SELECT count(*) FROM callback") == 1);
        assertThat(row("SELECT call_id FROM callback")).containsEntry("call_id", null);

        // the rest of the call arrives on the new session: hang-ups and the SupportVoicemail event
        fake().replay(call.subList(hangupRequest, call.size()));
        long callId = awaitCall(prefix + "1795334058.16");
        await("call linked", () -> count("SELECT count(*) FROM callback WHERE call_id = ?", callId) == 1);
        assertThat(row("SELECT outcome, voicemail_msg_id FROM call WHERE id = ?", callId))
                .containsEntry("outcome", "VOICEMAIL").containsEntry("voicemail_msg_id", MSG_02B);
        assertThat(count("SELECT count(*) FROM callback")).isEqualTo(1);
        assertThat(count("SELECT repeat_count FROM callback")).isZero();
        assertThat(count("SELECT count(*) FROM callback_repeat")).isZero();
    }

    @Test
    void aCallWhoseEndWasNeverSeenIsClosedLaterAndJoinsItsVoicemail() throws Exception {
        clock.set("2026-11-22T07:54:40Z");
        String prefix = FakeAsterisk.newPrefix();
        List<AmiMessage> call = FakeAsterisk.eventsAsNewCall("02b-queue-timeout-voicemail", prefix, Map.of());
        fake().replay(call.subList(0, indexOf(call, "QueueCallerAbandon") + 1));
        Thread.sleep(200);
        fake().voicemailBox(FakeAsterisk.BOX, List.of(MSG_02B));
        dropAndAwaitReconcile();
        await("filed by reconciliation", () -> count("SELECT count(*) FROM callback") == 1);

        // no further events of that call ever arrive; after the idle timeout it is closed with what was seen
        clock.set(clock.instant().plus(Duration.ofMinutes(11)));
        telephony.expireIdleCalls();
        long callId = awaitCall(prefix + "1795334058.16");
        assertThat(row("SELECT outcome, wait_seconds FROM call WHERE id = ?", callId))
                .containsEntry("outcome", "ABANDONED").containsEntry("wait_seconds", 20);
        assertThat(count("SELECT count(*) FROM callback")).isEqualTo(1);
        assertThat(count("SELECT count(*) FROM callback WHERE call_id = ?", callId)).isEqualTo(1);
        assertThat(count("SELECT repeat_count FROM callback")).isZero();
    }

    @Test
    void refusedLoginIsShownInHealthAndRetriedUntilAccepted() {
        int refusedBefore = fake().failedLogins();
        fake().secret("rotated-on-the-asterisk-side");
        fake().drop();
        await("two refused logins", () -> fake().failedLogins() >= refusedBefore + 2);

        ResponseEntity<Map<String, Object>> health = rest.withBasicAuth("admin", GatewayTest.ADMIN_PASSWORD)
                .exchange("/actuator/health", HttpMethod.GET, null, JSON);
        assertThat(health.getStatusCode()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
        @SuppressWarnings("unchecked")
        Map<String, Object> asterisk = (Map<String, Object>) ((Map<String, Object>) health.getBody().get("components"))
                .get("asterisk");
        assertThat(asterisk).containsEntry("status", "LOGIN_REFUSED");
        @SuppressWarnings("unchecked")
        Map<String, Object> details = (Map<String, Object>) asterisk.get("details");
        assertThat((String) details.get("message")).startsWith("Asterisk refused the login for user gateway")
                .doesNotContain(FakeAsterisk.SECRET);
        assertThat((Integer) details.get("failedAttempts")).isGreaterThanOrEqualTo(2);
        // without credentials the probe says only the overall status
        assertThat(rest.exchange("/actuator/health", HttpMethod.GET, null, JSON).getBody()).doesNotContainKey("components");

        fake().secret(FakeAsterisk.SECRET);
        await("accepted again", () -> telephony.health().orElseThrow().isUp());
        Map<String, Object> after = rest.withBasicAuth("admin", GatewayTest.ADMIN_PASSWORD)
                .exchange("/actuator/health/asterisk", HttpMethod.GET, null, JSON).getBody();
        assertThat(after).containsEntry("status", "UP");
    }

    private static int indexOf(List<AmiMessage> events, String name) {
        for (int i = 0; i < events.size(); i++) {
            if (events.get(i).eventName().equals(name)) {
                return i;
            }
        }
        throw new IllegalArgumentException(name);
    }
}
