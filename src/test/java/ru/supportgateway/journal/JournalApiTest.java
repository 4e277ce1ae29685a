package ru.supportgateway.journal;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.web.util.UriComponentsBuilder;

import com.fasterxml.jackson.databind.JsonNode;

import ru.supportgateway.operator.Operator;
import ru.supportgateway.operator.OperatorRepository;
import ru.supportgateway.operator.Role;
import ru.supportgateway.testsupport.GatewayTest;
import ru.supportgateway.testsupport.TestClock;

/** The journal's REST API as an operator, a supervisor of another desk and the administrator see it. */
@GatewayTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class JournalApiTest {

    static final ZoneId TYUMEN = ZoneId.of("Asia/Yekaterinburg");
    static final String PASSWORD = "operator-secret";

    @Autowired TestRestTemplate rest;
    @Autowired Journal journal;
    @Autowired Approvals approvals;
    @Autowired OperatorRepository operators;
    @Autowired PasswordEncoder encoder;
    @Autowired TestClock clock;

    // Desks and people of this class only: the database is shared with other test classes.
    final String suffix = UUID.randomUUID().toString().substring(0, 6);
    final String deskA = "a" + suffix;
    final String deskB = "b" + suffix;
    final String deskC = "c" + suffix;
    final String operatorA = "op-a-" + suffix;
    final String supervisorB = "sup-b-" + suffix;
    final String supervisorA = "sup-a-" + suffix;
    final Map<String, String> number = new LinkedHashMap<>();

    @BeforeAll
    void journalWithRequestsOnTwoDesks() {
        operators.createIfAbsent(new Operator(operatorA, "Иванова Ольга", Role.OPERATOR, true, Set.of(deskA, deskC)),
                encoder.encode(PASSWORD));
        operators.createIfAbsent(new Operator(supervisorB, "Петров Пётр", Role.SUPERVISOR, true, Set.of(deskB)),
                encoder.encode(PASSWORD));
        clock.set("2026-02-20T06:00:00Z");

        number.put("A1", journal.register(NewRequest.builder(deskA, TYUMEN, Channel.EMAIL)
                .subject("Не открывается электронный дневник").description("Ошибка 500 при входе")
                .contactEmail("ivanova@example.ru").person("Иванова Анна").organisation("МАОУ СОШ № 5")
                .receivedAt(Instant.parse("2026-01-10T04:55:00Z")).registeredAt(Instant.parse("2026-01-10T05:00:00Z"))
                .dueAt(Instant.parse("2026-01-12T12:00:00Z")).build()).number());
        number.put("A2", journal.register(NewRequest.builder(deskA, TYUMEN, Channel.PHONE)
                .subject("Сброс пароля").contactPhone("+7 (912) 345-67-89")
                .registeredAt(Instant.parse("2026-01-20T05:00:00Z")).registeredBy(operatorA).build()).number());
        journal.updateFields(number.get("A2"), RequestChanges.none().withType(RequestType.ERROR), operatorA);
        // An error goes to the developer only after a supervisor of the desk agreed (regulation 001, 3.5).
        approvals.approve(number.get("A2"), new Operator(supervisorA, "Сидорова Анна", Role.SUPERVISOR, true, Set.of(deskA)), null);
        journal.moveStatus(number.get("A2"), RequestStatus.PASSED_TO_DEVELOPER, operatorA, null);
        // Late on 31 January in UTC, already 1 February in Tyumen.
        number.put("A3", journal.register(NewRequest.builder(deskA, TYUMEN, Channel.VOICEMAIL)
                .subject("Голосовое сообщение").registeredAt(Instant.parse("2026-01-31T23:30:00Z")).build()).number());
        number.put("A4", journal.register(NewRequest.builder(deskA, TYUMEN, Channel.EMAIL)
                .subject("Расписание уроков").registeredAt(Instant.parse("2026-02-01T00:00:00Z")).build()).number());
        number.put("A5", journal.register(NewRequest.builder(deskA, TYUMEN, Channel.WEB)
                .subject("Скидка 100% на питание").registeredAt(Instant.parse("2026-02-15T05:00:00Z")).build()).number());
        number.put("B1", journal.register(NewRequest.builder(deskB, TYUMEN, Channel.EMAIL)
                .subject("Не открывается электронный дневник").person("Сидоров Иван")
                .registeredAt(Instant.parse("2026-01-11T05:00:00Z")).build()).number());
    }

    // --- helpers -------------------------------------------------------------------------------

    TestRestTemplate as(String user) {
        return rest.withBasicAuth(user, user.equals("admin") ? GatewayTest.ADMIN_PASSWORD : PASSWORD);
    }

    /** GET /api/requests with the parameters strictly encoded ('+' and '%' included). */
    ResponseEntity<JsonNode> list(String user, String... params) {
        UriComponentsBuilder b = UriComponentsBuilder.fromPath("/api/requests");
        Map<String, String> values = new LinkedHashMap<>();
        for (int i = 0; i < params.length; i += 2) {
            b.queryParam(params[i], "{" + params[i] + "}");
            values.put(params[i], params[i + 1]);
        }
        URI uri = b.encode().buildAndExpand(values).toUri();
        return as(user).getForEntity(uri, JsonNode.class);
    }

    JsonNode ok(ResponseEntity<JsonNode> r) {
        assertThat(r.getStatusCode()).as("%s", r.getBody()).isEqualTo(HttpStatus.OK);
        return r.getBody();
    }

    static List<String> numbers(JsonNode page) {
        List<String> n = new ArrayList<>();
        page.get("content").forEach(r -> n.add(r.get("number").asText()));
        return n;
    }

    List<String> numbersOf(String... keys) {
        return Arrays.stream(keys).map(number::get).toList();
    }

    // --- access ------------------------------------------------------------------------------------

    @Test
    void anonymousIsRefused() {
        assertThat(rest.getForEntity("/api/requests", String.class).getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
        assertThat(rest.getForEntity("/api/requests/" + number.get("A1"), String.class).getStatusCode())
                .isEqualTo(HttpStatus.UNAUTHORIZED);
    }

    @Test
    void operatorsSeeOnlyTheirDesksAndTheAdministratorSeesAll() {
        JsonNode mine = ok(list(operatorA, "size", "200"));
        mine.get("content").forEach(r -> assertThat(r.get("desk").asText()).isIn(deskA, deskC));
        assertThat(numbers(mine)).containsAll(numbersOf("A1", "A2", "A3", "A4", "A5")).doesNotContain(number.get("B1"));

        // The same words in both desks: each side finds only its own, personal data included.
        assertThat(numbers(ok(list(supervisorB, "q", "электронный дневник")))).containsExactly(number.get("B1"));
        assertThat(numbers(ok(list(operatorA, "q", "Сидоров")))).isEmpty();
        assertThat(numbers(ok(list("admin", "q", "электронный дневник")))).contains(number.get("A1"), number.get("B1"));

        ResponseEntity<JsonNode> otherDesk = list(operatorA, "desk", deskB);
        assertThat(otherDesk.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(otherDesk.getBody().get("detail").asText()).contains("Нет доступа").contains("No access").contains(deskB);
    }

    @Test
    void anotherDesksRequestIsForbiddenAndAnUnknownOneNotFound() {
        ResponseEntity<JsonNode> foreign = as(supervisorB).getForEntity("/api/requests/" + number.get("A1"), JsonNode.class);
        assertThat(foreign.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(foreign.getBody().toString()).doesNotContain("Иванова").doesNotContain("ivanova@example.ru");

        ResponseEntity<JsonNode> unknown = as(operatorA).getForEntity("/api/requests/ZZ-2026-999999", JsonNode.class);
        assertThat(unknown.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(unknown.getBody().get("detail").asText()).contains("ZZ-2026-999999").contains("не найдено");

        assertThat(as("admin").getForEntity("/api/requests/" + number.get("A1"), JsonNode.class).getStatusCode())
                .isEqualTo(HttpStatus.OK);
    }

    // --- the JSON ------------------------------------------------------------------------------------

    @Test
    void aRequestCarriesCodesRussianLabelsIsoInstantsAndItsHistory() {
        JsonNode r = ok(as(operatorA).getForEntity("/api/requests/" + number.get("A1"), JsonNode.class));
        assertThat(r.get("number").asText()).isEqualTo(deskA.toUpperCase() + "-2026-000001");
        assertThat(r.get("desk").asText()).isEqualTo(deskA);
        assertThat(r.get("channel").asText()).isEqualTo("EMAIL");
        assertThat(r.get("channelLabel").asText()).isEqualTo("Электронная почта");
        assertThat(r.get("type").asText()).isEqualTo("SUPPORT");
        assertThat(r.get("typeLabel").asText()).isEqualTo("Поддержка");
        assertThat(r.get("status").asText()).isEqualTo("IN_PROGRESS");
        assertThat(r.get("statusLabel").asText()).isEqualTo("В работе");
        assertThat(r.get("nextStatuses")).extracting(JsonNode::asText)
                .containsExactly("PASSED_TO_DEVELOPER", "AWAITING_FEEDBACK", "RESOLVED", "CLOSED");
        assertThat(r.get("subject").asText()).isEqualTo("Не открывается электронный дневник");
        assertThat(r.get("description").asText()).isEqualTo("Ошибка 500 при входе");
        assertThat(r.get("organisation").asText()).isEqualTo("МАОУ СОШ № 5");
        assertThat(r.get("person").asText()).isEqualTo("Иванова Анна");
        assertThat(r.get("contactEmail").asText()).isEqualTo("ivanova@example.ru");
        assertThat(r.get("receivedAt").asText()).isEqualTo("2026-01-10T04:55:00Z");
        assertThat(r.get("registeredAt").asText()).isEqualTo("2026-01-10T05:00:00Z");
        assertThat(r.get("dueAt").asText()).isEqualTo("2026-01-12T12:00:00Z");
        assertThat(r.get("repeatCount").asInt()).isZero();
        // Empty fields are present as null, so a client sees the full shape every time.
        for (String empty : List.of("contactPhone", "resolvedAt", "additionalInfo", "note")) {
            assertThat(r.has(empty)).as(empty).isTrue();
            assertThat(r.get(empty).isNull()).as(empty).isTrue();
        }
        JsonNode registered = r.get("history").get(0);
        assertThat(r.get("history")).hasSize(1);
        assertThat(registered.get("kind").asText()).isEqualTo("REGISTERED");
        assertThat(registered.get("actor").asText()).isEqualTo("email");
        assertThat(registered.get("at").asText()).isEqualTo("2026-02-20T06:00:00Z");
        assertThat(registered.get("toStatus").asText()).isEqualTo("IN_PROGRESS");
        assertThat(registered.get("details").get("channel").asText()).isEqualTo("EMAIL");

        JsonNode inList = ok(list(operatorA, "desk", deskA, "size", "200")).get("content").get(0);
        assertThat(inList.has("history")).isFalse();
        assertThat(inList.has("registeredAt")).isTrue();
    }

    @Test
    void historyShowsFieldChangesAndStatusMovesWithWhoAndWhen() {
        JsonNode r = ok(as(operatorA).getForEntity("/api/requests/" + number.get("A2"), JsonNode.class));
        assertThat(r.get("typeLabel").asText()).isEqualTo("Ошибка");
        assertThat(r.get("statusLabel").asText()).isEqualTo("Передано разработчику");
        JsonNode h = r.get("history");
        assertThat(h).extracting(e -> e.get("kind").asText())
                .containsExactly("REGISTERED", "FIELD_CHANGED", "APPROVED", "STATUS_CHANGED");
        assertThat(h).extracting(e -> e.get("actor").asText()).containsExactly(operatorA, operatorA, supervisorA, operatorA);
        JsonNode change = h.get(1).get("details");
        assertThat(List.of(change.get("field").asText(), change.get("from").asText(), change.get("to").asText()))
                .containsExactly("type", "SUPPORT", "ERROR");
        assertThat(h.get(3).get("fromStatus").asText()).isEqualTo("IN_PROGRESS");
        assertThat(h.get(3).get("toStatus").asText()).isEqualTo("PASSED_TO_DEVELOPER");
    }

    // --- filters and paging ------------------------------------------------------------------------

    @Test
    void filtersByStatusTypeAndChannel() {
        assertThat(numbers(ok(list(operatorA, "desk", deskA, "status", "PASSED_TO_DEVELOPER")))).isEqualTo(numbersOf("A2"));
        assertThat(numbers(ok(list(operatorA, "desk", deskA, "type", "ERROR")))).isEqualTo(numbersOf("A2"));
        assertThat(numbers(ok(list(operatorA, "desk", deskA, "channel", "VOICEMAIL")))).isEqualTo(numbersOf("A3"));
        assertThat(numbers(ok(list(operatorA, "desk", deskA, "channel", "EMAIL")))).isEqualTo(numbersOf("A4", "A1"));
        assertThat(list(operatorA, "status", "DONE").getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    }

    @Test
    void registrationDatesAreWholeDaysInclusiveInUtcOrTheGivenZone() {
        assertThat(numbers(ok(list(operatorA, "desk", deskA, "from", "2026-01-20", "to", "2026-01-31"))))
                .isEqualTo(numbersOf("A3", "A2"));
        // In Tyumen, A3 was registered on 1 February.
        assertThat(numbers(ok(list(operatorA, "desk", deskA, "from", "2026-01-20", "to", "2026-01-31", "zone", "Asia/Yekaterinburg"))))
                .isEqualTo(numbersOf("A2"));
        assertThat(numbers(ok(list(operatorA, "desk", deskA, "from", "2026-02-01"))))
                .isEqualTo(numbersOf("A5", "A4"));
        // Instants: from inclusive, to exclusive.
        assertThat(numbers(ok(list(operatorA, "desk", deskA, "from", "2026-01-20T05:00:00Z", "to", "2026-01-31T23:30:00Z"))))
                .isEqualTo(numbersOf("A2"));
        ResponseEntity<JsonNode> bad = list(operatorA, "from", "20.01.2026");
        assertThat(bad.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(bad.getBody().get("detail").asText()).contains("20.01.2026");
    }

    @Test
    void datesFollowTheDesksOwnZoneWhenOneDeskIsListed() {
        // 20:00 UTC on 31 May is 1 June in Tyumen, the zone of the configured desk "sc".
        String token = "метка" + suffix;
        String sc = journal.register(NewRequest.builder("sc", TYUMEN, Channel.EMAIL).subject("Вопрос " + token)
                .registeredAt(Instant.parse("2026-05-31T20:00:00Z")).build()).number();
        assertThat(numbers(ok(list("admin", "desk", "sc", "from", "2026-06-01", "to", "2026-06-01", "q", token))))
                .containsExactly(sc);
        assertThat(numbers(ok(list("admin", "desk", "sc", "from", "2026-06-01", "to", "2026-06-01", "zone", "UTC", "q", token))))
                .isEmpty();
    }

    @Test
    void textSearchLooksInNumberSubjectDescriptionContactsOrganisationAndPerson() {
        assertThat(numbers(ok(list(operatorA, "q", "ИВАНОВА")))).isEqualTo(numbersOf("A1"));
        assertThat(numbers(ok(list(operatorA, "q", "ivanova@example")))).isEqualTo(numbersOf("A1"));
        assertThat(numbers(ok(list(operatorA, "q", "маоу сош № 5")))).isEqualTo(numbersOf("A1"));
        assertThat(numbers(ok(list(operatorA, "q", "ошибка 500")))).isEqualTo(numbersOf("A1"));
        assertThat(numbers(ok(list(operatorA, "q", "+7 (912) 345-67-89")))).isEqualTo(numbersOf("A2"));
        assertThat(numbers(ok(list(operatorA, "q", "9123456")))).isEqualTo(numbersOf("A2"));
        assertThat(numbers(ok(list(operatorA, "q", number.get("A4").toLowerCase())))).isEqualTo(numbersOf("A4"));
        // The user's % and _ are literal characters, not wildcards.
        assertThat(numbers(ok(list(operatorA, "q", "100%")))).isEqualTo(numbersOf("A5"));
        assertThat(numbers(ok(list(operatorA, "desk", deskA, "q", "%")))).isEqualTo(numbersOf("A5"));
        assertThat(numbers(ok(list(operatorA, "desk", deskA, "q", "_")))).isEmpty();
        JsonNode none = ok(list(operatorA, "q", "несуществующее слово"));
        assertThat(none.get("content")).isEmpty();
        assertThat(none.get("page").get("totalElements").asLong()).isZero();
    }

    @Test
    void pagesAreNewestRegisteredFirst() {
        JsonNode first = ok(list(operatorA, "desk", deskA, "size", "2"));
        assertThat(numbers(first)).isEqualTo(numbersOf("A5", "A4"));
        JsonNode page = first.get("page");
        assertThat(page.get("number").asInt()).isZero();
        assertThat(page.get("size").asInt()).isEqualTo(2);
        assertThat(page.get("totalElements").asLong()).isEqualTo(5);
        assertThat(page.get("totalPages").asInt()).isEqualTo(3);
        assertThat(numbers(ok(list(operatorA, "desk", deskA, "size", "2", "page", "1")))).isEqualTo(numbersOf("A3", "A2"));
        assertThat(numbers(ok(list(operatorA, "desk", deskA, "size", "2", "page", "2")))).isEqualTo(numbersOf("A1"));
        assertThat(numbers(ok(list(operatorA, "desk", deskA, "size", "2", "page", "3")))).isEmpty();
        assertThat(ok(list(operatorA, "desk", deskA)).get("page").get("size").asInt()).isEqualTo(20);
        assertThat(list(operatorA, "size", "0").getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(list(operatorA, "size", "201").getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    }

    // --- status moves ----------------------------------------------------------------------------------

    ResponseEntity<JsonNode> move(String user, String number, String status, String note) {
        Map<String, String> body = new LinkedHashMap<>();
        body.put("status", status);
        body.put("note", note);
        return as(user).postForEntity("/api/requests/" + number + "/status", body, JsonNode.class);
    }

    @Test
    void anOperatorMovesTheStatusAndTheHistorySaysWhoAndWhen() {
        String n = journal.register(NewRequest.builder(deskC, TYUMEN, Channel.EMAIL).subject("Вопрос").build()).number();
        clock.set("2026-03-03T07:15:00Z");
        JsonNode resolved = ok(move(operatorA, n, "RESOLVED", "Ответ дан по телефону"));
        assertThat(resolved.get("status").asText()).isEqualTo("RESOLVED");
        assertThat(resolved.get("statusLabel").asText()).isEqualTo("Решен");
        assertThat(resolved.get("resolvedAt").asText()).isEqualTo("2026-03-03T07:15:00Z");

        JsonNode last = ok(as(operatorA).getForEntity("/api/requests/" + n, JsonNode.class)).get("history").get(1);
        assertThat(last.get("kind").asText()).isEqualTo("STATUS_CHANGED");
        assertThat(last.get("actor").asText()).isEqualTo(operatorA);
        assertThat(last.get("at").asText()).isEqualTo("2026-03-03T07:15:00Z");
        assertThat(last.get("note").asText()).isEqualTo("Ответ дан по телефону");
    }

    @Test
    void anIllegalMoveIsAConflictExplainedInRussianAndEnglish() {
        String n = journal.register(NewRequest.builder(deskC, TYUMEN, Channel.EMAIL).subject("Вопрос").build()).number();
        ok(move(operatorA, n, "CLOSED", null));
        ResponseEntity<JsonNode> refused = move(operatorA, n, "RESOLVED", null);
        assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
        assertThat(refused.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        JsonNode body = refused.getBody();
        assertThat(body.get("detail").asText())
                .contains("нельзя сменить статус «Закрыт» на «Решен»").contains("cannot move from CLOSED to RESOLVED");
        assertThat(body.get("from").asText()).isEqualTo("CLOSED");
        assertThat(body.get("allowed")).extracting(JsonNode::asText).containsExactly("IN_PROGRESS");
        assertThat(ok(as(operatorA).getForEntity("/api/requests/" + n, JsonNode.class)).get("status").asText())
                .isEqualTo("CLOSED");
    }

    @Test
    void movesAreRefusedForAnotherDeskAnUnknownStatusOrNumber() {
        String n = journal.register(NewRequest.builder(deskC, TYUMEN, Channel.EMAIL).subject("Вопрос").build()).number();
        assertThat(move(supervisorB, n, "RESOLVED", null).getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(move(operatorA, n, "DONE", null).getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(move(operatorA, n, null, null).getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(move(operatorA, "ZZ-2026-999999", "RESOLVED", null).getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
        JsonNode unchanged = ok(as(operatorA).getForEntity("/api/requests/" + n, JsonNode.class));
        assertThat(unchanged.get("status").asText()).isEqualTo("IN_PROGRESS");
        assertThat(unchanged.get("history")).hasSize(1);
    }
}
