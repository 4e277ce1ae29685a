package ru.supportgateway.web.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.ZoneId;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.security.crypto.password.PasswordEncoder;

import ru.supportgateway.desk.Desks;
import ru.supportgateway.journal.Channel;
import ru.supportgateway.journal.Journal;
import ru.supportgateway.journal.JournalQueries;
import ru.supportgateway.journal.JournalRequest;
import ru.supportgateway.journal.NewRequest;
import ru.supportgateway.operator.Operator;
import ru.supportgateway.operator.OperatorRepository;
import ru.supportgateway.operator.Role;
import ru.supportgateway.telephony.call.CallOutcome;
import ru.supportgateway.telephony.callback.CallbackOffer;
import ru.supportgateway.telephony.callback.CallbackQueue;
import ru.supportgateway.telephony.voicemail.Voicemail;
import ru.supportgateway.testsupport.GatewayTest;
import ru.supportgateway.testsupport.TestClock;

/** The call-back queue page: the entry with the caller's earlier requests, outcomes, a request from the call. */
@GatewayTest
class CallbacksPageTest {

    @LocalServerPort int port;
    @Autowired CallbackQueue queue;
    @Autowired Desks desks;
    @Autowired Journal journal;
    @Autowired JournalQueries queries;
    @Autowired OperatorRepository operators;
    @Autowired PasswordEncoder encoder;
    @Autowired TestClock clock;

    final String suffix = UUID.randomUUID().toString().substring(0, 8);
    final String operator = "cb-op-" + suffix;
    final String otherDesk = "cb-portal-" + suffix;
    final String password = "cb-secret-" + suffix;
    final String caller = "+7912" + (1_000_000 + ThreadLocalRandom.current().nextInt(8_999_999));
    String earlier;
    long id;

    @BeforeEach
    void aMissedCallFromAParentWhoCalledBefore() {
        operators.createIfAbsent(new Operator(operator, "Оператор", Role.OPERATOR, true, Set.of("sc")), encoder.encode(password));
        operators.createIfAbsent(new Operator(otherDesk, "Оператор", Role.OPERATOR, true, Set.of("portal")), encoder.encode(password));
        earlier = journal.register(NewRequest.builder("sc", ZoneId.of("Asia/Yekaterinburg"), Channel.PHONE)
                .subject("Не приходит СМС " + suffix).contactPhone(caller).build()).number();
        id = queue.offer(new CallbackOffer(desks.get("sc"), CallOutcome.ABANDONED, true, caller, null, clock.instant(),
                null, null, 40L, null)).orElseThrow();
    }

    @Test
    void theQueueShowsTheCallerAndTheirEarlierRequestsOnlyToTheDesk() {
        HttpResponse<String> page = new SessionClient(port).login(operator, password).get("/callbacks");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("id=\"cb-" + id + "\"", caller, "Не дождался ответа", earlier,
                "Не приходит СМС " + suffix, "Позвонить");

        HttpResponse<String> other = new SessionClient(port).login(otherDesk, password).get("/callbacks");
        assertThat(other.body()).doesNotContain(caller);
    }

    @Test
    void anUnansweredAttemptIsCountedAndReachingTheParentRegistersARequest() {
        SessionClient session = new SessionClient(port).login(operator, password);
        HttpResponse<String> noAnswer = session.post("/callbacks/" + id + "/outcome", session.csrfOf("/callbacks"),
                Map.of("outcome", "NO_ANSWER"));
        assertThat(noAnswer.statusCode()).isEqualTo(302);
        assertThat(session.get("/callbacks").body()).contains("Результат звонка записан.", "попыток: 1");

        HttpResponse<String> reached = session.post("/callbacks/" + id + "/outcome", session.csrfOf("/callbacks"), Map.of(
                "outcome", "REACHED", "type", "SUPPORT", "subject", "Перезвонили: сброс пароля " + suffix,
                "description", "Сбросили пароль по телефону", "organisation", "МАОУ СОШ № 9", "person", "Котова Анна"));
        assertThat(reached.statusCode()).isEqualTo(302);
        String location = reached.headers().firstValue("Location").orElseThrow();
        assertThat(location).contains("/requests/SC-");
        String number = location.substring(location.indexOf("/requests/") + "/requests/".length());
        JournalRequest r = queries.find(number).orElseThrow();
        assertThat(r.subject()).isEqualTo("Перезвонили: сброс пароля " + suffix);
        assertThat(r.contactPhone()).isEqualTo(caller);
        assertThat(session.get("/callbacks").body()).doesNotContain("id=\"cb-" + id + "\"");
    }

    @Test
    void theRequestFromAVoicemailsCallBackPlaysTheVoicemail() {
        byte[] wav = "RIFF\0\0\0\0WAVEfmt voicemail-of-the-test".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        String parent = "+7912" + (1_000_000 + ThreadLocalRandom.current().nextInt(8_999_999));
        long vm = queue.offer(new CallbackOffer(desks.get("sc"), CallOutcome.VOICEMAIL, true, parent, null, clock.instant(),
                null, null, null, new Voicemail("vm-" + suffix, clock.instant(), parent, null, 12, wav, "audio/wav")))
                .orElseThrow();
        SessionClient session = new SessionClient(port).login(operator, password);
        HttpResponse<String> reached = session.post("/callbacks/" + vm + "/outcome", session.csrfOf("/callbacks"), Map.of(
                "outcome", "REACHED", "type", "SUPPORT", "subject", "Перезвонили по голосовому " + suffix,
                "description", "Объяснили, как войти", "organisation", "", "person", ""));
        String location = reached.headers().firstValue("Location").orElseThrow();
        String number = location.substring(location.indexOf("/requests/") + "/requests/".length());

        String page = session.get("/requests/" + number).body();
        assertThat(page).contains("Голосовое сообщение", "<audio controls preload=\"none\" src=\"/api/callbacks/" + vm + "/recording\"");

        HttpResponse<byte[]> audio = session.getBytes("/api/callbacks/" + vm + "/recording");
        assertThat(audio.statusCode()).isEqualTo(200);
        assertThat(audio.headers().firstValue("Content-Type")).contains("audio/wav");
        assertThat(audio.body()).isEqualTo(wav);
        assertThat(new SessionClient(port).login(otherDesk, password).getBytes("/api/callbacks/" + vm + "/recording")
                .statusCode()).isEqualTo(403);
    }

    @Test
    void anOperatorOfAnotherDeskCannotReportOnTheEntry() {
        SessionClient session = new SessionClient(port).login(otherDesk, password);
        HttpResponse<String> r = session.post("/callbacks/" + id + "/outcome", session.csrfOf("/journal"),
                Map.of("outcome", "NO_ANSWER"));
        assertThat(r.statusCode()).isEqualTo(403);
    }
}
