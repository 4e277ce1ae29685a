package ru.supportgateway.email;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import jakarta.mail.internet.MimeMessage;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;

import com.fasterxml.jackson.databind.JsonNode;

import ru.supportgateway.journal.Channel;
import ru.supportgateway.journal.Correspondence;
import ru.supportgateway.journal.Journal;
import ru.supportgateway.journal.NewRequest;
import ru.supportgateway.operator.Operator;
import ru.supportgateway.operator.OperatorRepository;
import ru.supportgateway.operator.Role;
import ru.supportgateway.testsupport.GatewayTest;
import ru.supportgateway.testsupport.TestClock;
import ru.supportgateway.testsupport.TestMailServer;

/** An operator answers a parent's email; the answer arrives in the parent's inbox, threaded. */
@GatewayTest
class ReplyApiTest {

    @Autowired TestRestTemplate rest;
    @Autowired Journal journal;
    @Autowired Correspondence correspondence;
    @Autowired OperatorRepository operators;
    @Autowired PasswordEncoder encoder;
    @Autowired JdbcClient jdbc;
    @Autowired TestClock clock;

    final String suffix = UUID.randomUUID().toString().substring(0, 8);
    final String scOperator = "sc-op-" + suffix;
    final String portalOperator = "portal-op-" + suffix;
    final String parent = "parent-" + suffix + "@mail.example";
    String number;
    long requestId;

    @BeforeEach
    void aParentsEmailRequestAtTheSituationalCentre() {
        clock.set(Instant.now());
        operators.createIfAbsent(new Operator(scOperator, "Иванова Ольга", Role.OPERATOR, true, Set.of("sc")), encoder.encode("pw"));
        operators.createIfAbsent(new Operator(portalOperator, "Петров Пётр", Role.OPERATOR, true, Set.of("portal")), encoder.encode("pw"));
        var registered = journal.register(NewRequest.builder("sc", ZoneId.of("Asia/Yekaterinburg"), Channel.EMAIL)
                .subject("Не открывается дневник").description("Пишет «ошибка входа»").contactEmail(parent).build());
        number = registered.number();
        requestId = jdbc.sql("SELECT id FROM request WHERE number = ?").param(number).query(Long.class).single();
        correspondence.add(new Correspondence.NewMessage(requestId, Correspondence.Direction.IN, Correspondence.Kind.EMAIL,
                clock.instant().minusSeconds(60), parent, parent, "sc-support@example.org", "Не открывается дневник",
                "first-" + suffix + "@mail.example", "Пишет «ошибка входа»", null, List.of()));
    }

    private ResponseEntity<JsonNode> reply(String user, Map<String, Object> body) {
        return rest.withBasicAuth(user, "pw").postForEntity("/api/requests/" + number + "/replies", body, JsonNode.class);
    }

    private MimeMessage[] inbox() {
        return Arrays.stream(TestMailServer.greenMail().getReceivedMessages()).filter(m -> {
            try {
                return m.getAllRecipients()[0].toString().equals(parent);
            } catch (Exception e) {
                return false;
            }
        }).toArray(MimeMessage[]::new);
    }

    @Test
    void theAnswerReachesTheSenderThreadedAndTheRequestIsResolved() throws Exception {
        ResponseEntity<JsonNode> r = reply(scOperator, Map.of("text", "Пароль сброшен, войдите заново.", "status", "RESOLVED"));
        assertThat(r.getStatusCode()).as("%s", r.getBody()).isEqualTo(HttpStatus.ACCEPTED);
        assertThat(r.getBody().get("status").asText()).isEqualTo("RESOLVED");

        await().atMost(Duration.ofSeconds(10)).until(() -> inbox().length == 1);
        MimeMessage m = inbox()[0];
        assertThat(m.getSubject()).isEqualTo("Re: [" + number + "] Не открывается дневник");
        assertThat(m.getFrom()[0].toString()).isEqualTo("sc-support@example.org");
        assertThat(m.getHeader("In-Reply-To")[0]).isEqualTo("<first-" + suffix + "@mail.example>");
        assertThat(m.getHeader("References")[0]).isEqualTo("<first-" + suffix + "@mail.example>");
        assertThat(m.getMessageID()).isEqualTo("<" + r.getBody().get("messageId").asText() + ">");
        String body = (String) m.getContent();
        assertThat(body).contains("Здравствуйте!").contains("Пароль сброшен, войдите заново.")
                .contains("Номер вашего обращения: " + number).contains("Ситуационный центр");

        JsonNode request = rest.withBasicAuth(scOperator, "pw").getForObject("/api/requests/" + number, JsonNode.class);
        assertThat(request.get("status").asText()).isEqualTo("RESOLVED");
        assertThat(request.get("resolvedAt").isNull()).isFalse();
        JsonNode items = request.get("correspondence");
        assertThat(items).hasSize(2);
        assertThat(items.get(1).get("direction").asText()).isEqualTo("OUT");
        assertThat(items.get(1).get("author").asText()).isEqualTo(scOperator);
        assertThat(request.get("history").findValuesAsText("kind")).contains("REPLY_SENT", "STATUS_CHANGED");
    }

    @Test
    void anOperatorOfAnotherDeskCannotAnswer() {
        ResponseEntity<JsonNode> r = reply(portalOperator, Map.of("text", "Чужой ответ"));
        assertThat(r.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(jdbc.sql("SELECT count(*) FROM outbox WHERE request_id = ?").param(requestId).query(Integer.class).single())
                .isZero();
    }

    @Test
    void anIllegalStatusMoveSendsNothing() {
        ResponseEntity<JsonNode> r = reply(scOperator, Map.of("text", "Ответ", "status", "IN_PROGRESS"));
        assertThat(r.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
        assertThat(jdbc.sql("SELECT count(*) FROM outbox WHERE request_id = ?").param(requestId).query(Integer.class).single())
                .isZero();
        assertThat(jdbc.sql("SELECT count(*) FROM message WHERE request_id = ? AND direction = 'OUT'").param(requestId)
                .query(Integer.class).single()).isZero();
    }

    @Test
    void anEmptyAnswerIsRefused() {
        assertThat(reply(scOperator, Map.of("text", "  ")).getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    }
}
