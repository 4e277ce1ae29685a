package ru.supportgateway.telephony.it;

import static org.assertj.core.api.Assertions.assertThat;
import static ru.supportgateway.telephony.Eventually.await;

import java.nio.file.Files;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

import ru.supportgateway.journal.Channel;
import ru.supportgateway.journal.JournalQueries;
import ru.supportgateway.journal.JournalRequest;
import ru.supportgateway.journal.RequestType;
import ru.supportgateway.telephony.fake.AmiMessage;

/** Each recorded call, replayed by the fake Asterisk over TCP, ends up where an operator sees it. */
@AmiGatewayTest
class CallOutcomesIT extends TelephonyItSupport {

    /** Monday 23 Nov 2026, 10:00 in Tyumen: desk sc is open. */
    static final String MONDAY_OPEN = "2026-11-23T05:00:00Z";
    /** Sunday 22 Nov 2026 in the morning, when 02b/03 were recorded: desk sc is closed until Monday 08:30. */
    static final String SUNDAY = "2026-11-22T07:54:00Z";
    static final Instant SC_MONDAY_OPENING = Instant.parse("2026-11-23T03:30:00Z");

    @Autowired
    JournalQueries journal;

    @BeforeEach
    void operators() {
        operator("anna", "201", "sc");
        operator("ben", "202", "sc");
        operator("olga", "301", "portal");
    }

    @Test
    void answeredCallIsADraftOfTheOperatorWhoTookItAndRegistersAsPhoneRequest_01() {
        clock.set(MONDAY_OPEN);
        String linkedid = FakeAsterisk.replayAsNewCall("01-queue-answered", Map.of()) + "1795334012.0";
        long callId = awaitCall(linkedid);

        Map<String, Object> call = row("SELECT * FROM call WHERE id = ?", callId);
        assertThat(call).containsEntry("outcome", "ANSWERED").containsEntry("desk_id", "sc")
                .containsEntry("caller_number", "+15555550123").containsEntry("caller_name", "Parent Miller")
                .containsEntry("wait_seconds", 2).containsEntry("talk_seconds", 7)
                .containsEntry("operator_username", "anna").containsEntry("queue", "support");
        assertThat(count("SELECT count(*) FROM callback")).isZero();

        ResponseEntity<List<Map<String, Object>>> annas = as("anna").exchange("/api/calls/drafts", HttpMethod.GET, null, JSON_LIST);
        assertThat(annas.getBody()).singleElement().satisfies(d -> {
            assertThat(((Number) d.get("id")).longValue()).isEqualTo(callId);
            assertThat(d).containsEntry("callerNumber", "+15555550123").containsEntry("operatorName", "Anna Admin");
        });
        assertThat(as("ben").exchange("/api/calls/drafts", HttpMethod.GET, null, JSON_LIST).getBody()).isEmpty();
        assertThat(post("olga", "/api/calls/" + callId + "/register", Map.of("description", "x")).getStatusCode())
                .isEqualTo(HttpStatus.FORBIDDEN);

        ResponseEntity<Map<String, Object>> registered = post("anna", "/api/calls/" + callId + "/register",
                Map.of("type", "ERROR", "description", "Не открывается электронный дневник", "organisation", "МАОУ СОШ № 5"));
        assertThat(registered.getStatusCode()).isEqualTo(HttpStatus.CREATED);
        String number = (String) registered.getBody().get("number");
        JournalRequest request = journal.find(number).orElseThrow();
        assertThat(request.channel()).isEqualTo(Channel.PHONE);
        assertThat(request.type()).isEqualTo(RequestType.ERROR);
        assertThat(request.contactPhone()).isEqualTo("+15555550123");
        assertThat(request.person()).isEqualTo("Parent Miller");
        assertThat(request.organisation()).isEqualTo("МАОУ СОШ № 5");
        assertThat(request.receivedAt()).isEqualTo(Instant.parse(MONDAY_OPEN));
        assertThat(as("anna").exchange("/api/calls/drafts", HttpMethod.GET, null, JSON_LIST).getBody()).isEmpty();
        assertThat(post("anna", "/api/calls/" + callId + "/register", Map.of("description", "again")).getStatusCode())
                .isEqualTo(HttpStatus.CONFLICT);
    }

    @Test
    void callerWhoGaveUpAfterTheThresholdIsCalledBack_02a() {
        clock.set(MONDAY_OPEN);
        String linkedid = FakeAsterisk.replayAsNewCall("02a-queue-abandon", Map.of()) + "1795334027.6";
        long callId = awaitCall(linkedid);
        assertThat(row("SELECT outcome, wait_seconds, desk_id FROM call WHERE id = ?", callId))
                .containsEntry("outcome", "ABANDONED").containsEntry("wait_seconds", 24).containsEntry("desk_id", "sc");

        List<Map<String, Object>> queue = as("anna").exchange("/api/callbacks", HttpMethod.GET, null, JSON_LIST).getBody();
        assertThat(queue).singleElement().satisfies(c -> {
            assertThat(c).containsEntry("reason", "ABANDONED").containsEntry("callerNumber", "+15555550123")
                    .containsEntry("status", "OPEN").containsEntry("desk", "sc").containsEntry("recordingUrl", null);
            // the desk is open: due at once
            assertThat(Instant.parse((String) c.get("dueAt"))).isEqualTo(Instant.parse(MONDAY_OPEN));
        });
        assertThat(as("olga").exchange("/api/callbacks", HttpMethod.GET, null, JSON_LIST).getBody()).isEmpty();
    }

    @Test
    void noCallBackUnderTheDesksThresholdOrWhenTheDeskDoesNotCallBack_02a() {
        clock.set(MONDAY_OPEN);
        // portal calls back after 30 s in the queue; this caller waited 24 s
        long portal = awaitCall(FakeAsterisk.replayAsNewCall("02a-queue-abandon", Map.of("Queue", "portal")) + "1795334027.6");
        // dnevnik does not call back abandoned calls at all
        long dnevnik = awaitCall(FakeAsterisk.replayAsNewCall("02a-queue-abandon", Map.of("Queue", "dnevnik")) + "1795334027.6");
        assertThat(row("SELECT desk_id, outcome, wait_seconds FROM call WHERE id = ?", portal))
                .containsEntry("desk_id", "portal").containsEntry("outcome", "ABANDONED").containsEntry("wait_seconds", 24);
        assertThat(row("SELECT desk_id, outcome FROM call WHERE id = ?", dnevnik))
                .containsEntry("desk_id", "dnevnik").containsEntry("outcome", "ABANDONED");
        assertThat(count("SELECT count(*) FROM callback")).isZero();
    }

    @Test
    void voicemailAfterQueueTimeoutIsACallBackWithTheRecording_02b() throws Exception {
        clock.set(SUNDAY);
        long callId = awaitCall(FakeAsterisk.replayAsNewCall("02b-queue-timeout-voicemail", Map.of()) + "1795334058.16");
        assertThat(row("SELECT outcome, voicemail_msg_id FROM call WHERE id = ?", callId))
                .containsEntry("outcome", "VOICEMAIL").containsEntry("voicemail_msg_id", "1795334091-00000000");
        await("call-back", () -> count("SELECT count(*) FROM callback WHERE call_id = ?", callId) == 1);
        Map<String, Object> cb = row("SELECT * FROM callback WHERE call_id = ?", callId);
        assertThat(cb).containsEntry("reason", "VOICEMAIL").containsEntry("caller_number", "+15555550123")
                .containsEntry("caller_name", "Parent Miller").containsEntry("duration_seconds", 12)
                .containsEntry("recording_type", "audio/wav");
        assertThat(instant("SELECT voicemail_at FROM callback WHERE call_id = ?", callId))
                .isEqualTo(Instant.ofEpochSecond(1795334091L));
        assertThat(instant("SELECT due_at FROM callback WHERE call_id = ?", callId)).isEqualTo(SC_MONDAY_OPENING);
        byte[] spooled = Files.readAllBytes(FakeAsterisk.spool().resolve("support/100/INBOX/msg0000.wav"));
        assertThat((byte[]) cb.get("recording")).isEqualTo(spooled);
    }

    @Test
    void afterHoursVoicemailIsCalledBackAtTheNextOpeningAndPlaysToEntitledOperatorsOnly_03() {
        clock.set(SUNDAY);
        long callId = awaitCall(FakeAsterisk.replayAsNewCall("03-after-hours-voicemail", Map.of()) + "1795334112.18");
        await("call-back", () -> count("SELECT count(*) FROM callback WHERE call_id = ?", callId) == 1);

        Map<String, Object> listed = as("anna").exchange("/api/callbacks", HttpMethod.GET, null, JSON_LIST).getBody().get(0);
        assertThat(listed).containsEntry("reason", "VOICEMAIL").containsEntry("voicemailMsgId", "1795334115-00000001")
                .containsEntry("durationSeconds", 12).containsEntry("callerName", "Parent Miller");
        assertThat(Instant.parse((String) listed.get("dueAt"))).isEqualTo(SC_MONDAY_OPENING);
        assertThat(Instant.parse((String) listed.get("voicemailAt"))).isEqualTo(Instant.parse("2026-11-22T07:55:15Z"));

        String url = (String) listed.get("recordingUrl");
        ResponseEntity<byte[]> audio = as("anna").getForEntity(url, byte[].class);
        assertThat(audio.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(audio.getHeaders().getContentType()).isEqualTo(MediaType.parseMediaType("audio/wav"));
        assertThat(audio.getBody()).hasSize(193_988).isEqualTo(FakeAsterisk.capturedWav());
        assertThat(as("olga").getForEntity(url, byte[].class).getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(rest.getForEntity(url, byte[].class).getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
    }

    @Test
    void aCallerWhoRingsAgainWhileTheirCallBackIsOpenGetsNoSecondEntry() {
        clock.set(SUNDAY);
        long first = awaitCall(FakeAsterisk.replayAsNewCall("02b-queue-timeout-voicemail", Map.of()) + "1795334058.16");
        long second = awaitCall(FakeAsterisk.replayAsNewCall("03-after-hours-voicemail", Map.of()) + "1795334112.18");

        assertThat(count("SELECT count(*) FROM callback")).isEqualTo(1);
        Map<String, Object> entry = row("SELECT id, call_id, repeat_count, voicemail_msg_id FROM callback");
        assertThat(entry).containsEntry("call_id", first).containsEntry("repeat_count", 1)
                .containsEntry("voicemail_msg_id", "1795334091-00000000");
        Map<String, Object> json = get("anna", "/api/callbacks/" + entry.get("id")).getBody();
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> repeats = (List<Map<String, Object>>) json.get("repeats");
        assertThat(repeats).singleElement().satisfies(r -> {
            assertThat(r).containsEntry("outcome", "VOICEMAIL");
            assertThat((String) r.get("note")).startsWith("Повторный звонок 22.11.2026 12:55")
                    .contains("оставлено голосовое сообщение (12 с)");
            assertThat(as("anna").getForEntity((String) r.get("recordingUrl"), byte[].class).getBody())
                    .isEqualTo(FakeAsterisk.capturedWav());
        });
        assertThat(row("SELECT call_id FROM callback_repeat")).containsEntry("call_id", second);
    }

    @Test
    void malformedAndUnknownEventsAreSkippedAndTheLinkStaysUp() {
        clock.set(SUNDAY);
        int logins = fake().successfulLogins();
        fake().replay(List.of(
                AmiMessage.ofLines(List.of("Event: NoSuchEventInAsterisk", "Privilege: call,all", "Foo: bar")),
                AmiMessage.ofLines(List.of("Event: QueueCallerAbandon", "Privilege: agent,all", "Channel: PJSIP/x-1",
                        "Uniqueid: 7.1", "Linkedid: 7.1", "Queue: support", "HoldTime: forty")),
                AmiMessage.ofLines(List.of("Event: UserEvent", "Privilege: user,all", "UserEvent: SupportVoicemail",
                        "Mailbox: 100@support", "MsgId: ", "Duration: x")),
                AmiMessage.ofLines(List.of("Event: Hangup", "Privilege: call,all", "this line has no colon",
                        "Uniqueid: 7.1", "Linkedid: 7.1"))));
        long callId = awaitCall(FakeAsterisk.replayAsNewCall("03-after-hours-voicemail", Map.of()) + "1795334112.18");
        await("call-back of the good call", () -> count("SELECT count(*) FROM callback WHERE call_id = ?", callId) == 1);
        assertThat(fake().successfulLogins()).isEqualTo(logins);
        assertThat(telephony.health().orElseThrow().isUp()).isTrue();
        assertThat(count("SELECT count(*) FROM callback")).isEqualTo(1);
    }
}
