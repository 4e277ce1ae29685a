package ru.supportgateway.telephony.it;

import static org.assertj.core.api.Assertions.assertThat;
import static ru.supportgateway.telephony.Eventually.await;

import java.time.Instant;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import jakarta.mail.internet.MimeMessage;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

import ru.supportgateway.journal.Channel;
import ru.supportgateway.journal.Journal;
import ru.supportgateway.journal.JournalQueries;
import ru.supportgateway.journal.JournalRequest;
import ru.supportgateway.journal.NewRequest;
import ru.supportgateway.telephony.fake.AmiCapture;
import ru.supportgateway.testsupport.TestMailServer;

/** Operators work the call-back queue over HTTP: dial through Asterisk, report, and the journal and mail follow. */
@AmiGatewayTest
class CallbackFlowIT extends TelephonyItSupport {

    static final String MONDAY_OPEN = "2026-11-23T05:00:00Z";

    @Autowired
    Journal journal;
    @Autowired
    JournalQueries journalQueries;

    @BeforeEach
    void operators() {
        operator("anna", "201", "sc");
        operator("petr", null, "sc");
        operator("olga", "301", "portal");
    }

    /** A caller who waited 24 s and hung up (02a): an open ABANDONED entry of desk sc. */
    private long abandonedCallBack() {
        clock.set(MONDAY_OPEN);
        long callId = awaitCall(FakeAsterisk.replayAsNewCall("02a-queue-abandon", Map.of()) + "1795334027.6");
        await("call-back", () -> count("SELECT count(*) FROM callback WHERE call_id = ?", callId) == 1);
        return jdbc.sql("SELECT id FROM callback WHERE call_id = ?").param(callId).query(Long.class).single();
    }

    private Map<String, Object> outcome(String operator, long id, Map<String, Object> body, HttpStatus expected) {
        ResponseEntity<Map<String, Object>> r = post(operator, "/api/callbacks/" + id + "/outcome", body);
        assertThat(r.getStatusCode()).as(String.valueOf(r.getBody())).isEqualTo(expected);
        return r.getBody();
    }

    @Test
    void dialRingsTheOperatorFirstAndRecordsWhatAsteriskAnswered_05a_05c() {
        long id = abandonedCallBack();

        fake().armOriginate(AmiCapture.load("05a-callback-success"));
        ResponseEntity<Map<String, Object>> dial = post("anna", "/api/callbacks/" + id + "/dial", Map.of());
        assertThat(dial.getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
        long first = ((Number) dial.getBody().get("attemptId")).longValue();
        await("05a reported", () -> count("SELECT count(*) FROM callback_attempt WHERE id = ? AND dial_finished_at IS NOT NULL", first) == 1);
        Map<String, String> originate = fake().receivedActions().stream()
                .filter(a -> "originate".equalsIgnoreCase(a.get("action"))).reduce((a, b) -> b).orElseThrow();
        assertThat(originate).containsEntry("channel", "Local/201@agents/n").containsEntry("exten", "+15555550123")
                .containsEntry("context", "callback-out").containsEntry("variable", "TICKET_ID=cb-attempt-" + first);
        assertThat(row("SELECT * FROM callback_attempt WHERE id = ?", first))
                .containsEntry("operator_username", "anna").containsEntry("operator_extension", "201")
                .containsEntry("operator_leg", "ANSWERED").containsEntry("originate_reason", 4)
                .containsEntry("customer_dial_status", "ANSWER").containsEntry("outcome", null)
                .containsEntry("action_id", originate.get("actionid").substring(originate.get("actionid").indexOf('#') + 1));
        assertThat(row("SELECT status, taken_by FROM callback WHERE id = ?", id))
                .containsEntry("status", "IN_PROGRESS").containsEntry("taken_by", "anna");

        // taken by anna: nobody else dials it; petr could not anyway, he has no extension
        assertThat(post("petr", "/api/callbacks/" + id + "/dial", Map.of()).getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
        assertThat((String) post("petr", "/api/callbacks/" + id + "/dial", Map.of()).getBody().get("detail"))
                .contains("внутренний номер");

        fake().armOriginate(AmiCapture.load("05c-callback-operator-noanswer"));
        long second = ((Number) post("anna", "/api/callbacks/" + id + "/dial", Map.of()).getBody().get("attemptId")).longValue();
        await("05c reported", () -> count("SELECT count(*) FROM callback_attempt WHERE id = ? AND dial_finished_at IS NOT NULL", second) == 1);
        assertThat(row("SELECT operator_leg, originate_reason, customer_dial_status FROM callback_attempt WHERE id = ?", second))
                .containsEntry("operator_leg", "NO_ANSWER").containsEntry("originate_reason", 3)
                .containsEntry("customer_dial_status", null);

        @SuppressWarnings("unchecked")
        List<Map<String, Object>> log = (List<Map<String, Object>>) get("anna", "/api/callbacks/" + id).getBody().get("attemptLog");
        assertThat(log).extracting(a -> a.get("operatorLeg")).containsExactly("ANSWERED", "NO_ANSWER");
    }

    @Test
    void reachedRegistersARequestWithTheRightChannel() {
        // a voicemail left on Sunday, called back on Monday
        clock.set("2026-11-22T07:54:00Z");
        long vmCall = awaitCall(FakeAsterisk.replayAsNewCall("03-after-hours-voicemail", Map.of()) + "1795334112.18");
        await("call-back", () -> count("SELECT count(*) FROM callback WHERE call_id = ?", vmCall) == 1);
        long vm = jdbc.sql("SELECT id FROM callback WHERE call_id = ?").param(vmCall).query(Long.class).single();
        clock.set(MONDAY_OPEN);
        Map<String, Object> reached = outcome("anna", vm, Map.of("outcome", "REACHED", "note", "Перезвонили, объяснили",
                "description", "Не приходит код подтверждения", "person", "Миллер П.", "organisation", "МАОУ СОШ № 5"),
                HttpStatus.OK);
        String number = (String) reached.get("requestNumber");
        JournalRequest request = journalQueries.find(number).orElseThrow();
        assertThat(request.channel()).isEqualTo(Channel.VOICEMAIL);
        assertThat(request.contactPhone()).isEqualTo("+15555550123");
        assertThat(request.person()).isEqualTo("Миллер П.");
        assertThat(request.description()).isEqualTo("Не приходит код подтверждения");
        assertThat(request.receivedAt()).isEqualTo(Instant.parse("2026-11-22T07:55:15Z"));
        assertThat(row("SELECT status, attempts, request_id FROM callback WHERE id = ?", vm))
                .containsEntry("status", "DONE").containsEntry("attempts", 1).containsEntry("request_id", request.id());
        assertThat(row("SELECT outcome, note FROM callback_attempt WHERE callback_id = ?", vm))
                .containsEntry("outcome", "REACHED").containsEntry("note", "Перезвонили, объяснили");
        assertThat(as("anna").exchange("/api/callbacks", HttpMethod.GET, null, JSON_LIST).getBody()).isEmpty();
        outcome("anna", vm, Map.of("outcome", "NO_ANSWER"), HttpStatus.CONFLICT);

        // the same caller's next missed call is a new entry again (the first is closed)
        long missed = abandonedCallBack();
        String second = (String) outcome("anna", missed, Map.of("outcome", "REACHED", "note", "Всё решено"), HttpStatus.OK)
                .get("requestNumber");
        JournalRequest missedRequest = journalQueries.find(second).orElseThrow();
        assertThat(missedRequest.channel()).isEqualTo(Channel.MISSED_CALL);
        assertThat(missedRequest.description()).isEqualTo("Всё решено");
        assertThat(missedRequest.person()).isEqualTo("Parent Miller");
    }

    @Test
    void notReachedIsRetriedInWorkingHoursThenGivenUpAndTheCallerIsToldByEmail() throws Exception {
        String email = "miller-" + System.nanoTime() + "@parents.example";
        clock.set("2026-11-20T06:00:00Z");
        journal.register(NewRequest.builder("sc", ZoneId.of("Asia/Yekaterinburg"), Channel.EMAIL)
                .subject("Пароль от дневника").description("Не могу войти").contactEmail(email)
                .contactPhone("+1 (555) 555-0123").build());
        long id = abandonedCallBack();

        Map<String, Object> listed = get("anna", "/api/callbacks/" + id).getBody();
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> earlier = (List<Map<String, Object>>) listed.get("earlierRequests");
        assertThat(earlier).singleElement().satisfies(r -> assertThat(r).containsEntry("contactEmail", email)
                .containsEntry("subject", "Пароль от дневника"));

        Map<String, Object> first = outcome("anna", id, Map.of("outcome", "NO_ANSWER"), HttpStatus.OK);
        @SuppressWarnings("unchecked")
        Map<String, Object> entry = (Map<String, Object>) first.get("callback");
        assertThat(entry).containsEntry("status", "OPEN").containsEntry("attempts", 1);
        // 10:00 + 30 min of working time, Monday in Tyumen
        assertThat(Instant.parse((String) entry.get("dueAt"))).isEqualTo(Instant.parse("2026-11-23T05:30:00Z"));
        outcome("petr", id, Map.of("outcome", "BUSY"), HttpStatus.OK);
        assertThat(TestMailServer.greenMail().getReceivedMessages()).noneMatch(m -> sentTo(m, email));

        Map<String, Object> last = outcome("anna", id, Map.of("outcome", "FAILED", "note", "Абонент недоступен"), HttpStatus.OK);
        assertThat(last).containsEntry("emailQueued", true);
        assertThat(row("SELECT status, attempts, notified_email FROM callback WHERE id = ?", id))
                .containsEntry("status", "GAVE_UP").containsEntry("attempts", 3).containsEntry("notified_email", email);

        await("mail to the caller", () -> Arrays.stream(TestMailServer.greenMail().getReceivedMessages())
                .anyMatch(m -> sentTo(m, email)));
        MimeMessage mail = Arrays.stream(TestMailServer.greenMail().getReceivedMessages()).filter(m -> sentTo(m, email))
                .findFirst().orElseThrow();
        assertThat(mail.getSubject()).isEqualTo(
                "Ситуационный центр мониторинга показателей сферы образования: не удалось до вас дозвониться");
        assertThat(mail.getFrom()[0].toString()).isEqualTo("sc-support@example.org");
        String body = ((String) mail.getContent()).replace("\r\n", "\n");
        assertThat(body).contains("Здравствуйте, Parent Miller!").contains("23 ноября 2026 г., 10:00")
                .contains("перезванивали вам 3 раз(а)").contains("+7 (3452) 390-679");
        outcome("anna", id, Map.of("outcome", "REACHED"), HttpStatus.CONFLICT);
    }

    @Test
    void wrongNumberClosesTheEntryWithoutARequest() {
        long id = abandonedCallBack();
        outcome("anna", id, Map.of("outcome", "WRONG_NUMBER", "note", "Ошиблись номером"), HttpStatus.OK);
        assertThat(row("SELECT status, request_id FROM callback WHERE id = ?", id))
                .containsEntry("status", "DONE").containsEntry("request_id", null);
        assertThat(count("SELECT count(*) FROM request")).isZero();
    }

    @Test
    void operatorsOfOtherDesksCannotSeeOrWorkTheEntry() {
        long id = abandonedCallBack();
        assertThat(as("olga").exchange("/api/callbacks", HttpMethod.GET, null, JSON_LIST).getBody()).isEmpty();
        assertThat(get("olga", "/api/callbacks/" + id).getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(post("olga", "/api/callbacks/" + id + "/dial", Map.of()).getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(post("olga", "/api/callbacks/" + id + "/outcome", Map.of("outcome", "REACHED")).getStatusCode())
                .isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(count("SELECT count(*) FROM callback_attempt")).isZero();
        assertThat(row("SELECT status FROM callback WHERE id = ?", id)).containsEntry("status", "OPEN");
        assertThat(get("olga", "/api/callbacks/999999").getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
    }

    private static boolean sentTo(MimeMessage m, String address) {
        try {
            return m.getAllRecipients()[0].toString().equals(address);
        } catch (Exception e) {
            return false;
        }
    }
}
