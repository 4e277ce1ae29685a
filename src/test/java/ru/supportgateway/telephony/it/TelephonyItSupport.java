package ru.supportgateway.telephony.it;

import static ru.supportgateway.telephony.Eventually.await;

import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpMethod;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;

import ru.supportgateway.operator.Operator;
import ru.supportgateway.operator.OperatorRepository;
import ru.supportgateway.operator.Role;
import ru.supportgateway.telephony.AsteriskTelephony;
import ru.supportgateway.telephony.fake.FakeAmiServer;
import ru.supportgateway.testsupport.TestClock;

/** Shared steps of the AMI integration tests: a clean telephony state, operators, HTTP as an operator. */
abstract class TelephonyItSupport {

    static final String PASSWORD = "operator-pw-1";
    static final ParameterizedTypeReference<Map<String, Object>> JSON = new ParameterizedTypeReference<>() { };
    static final ParameterizedTypeReference<List<Map<String, Object>>> JSON_LIST = new ParameterizedTypeReference<>() { };

    @Autowired
    JdbcClient jdbc;
    @Autowired
    TestClock clock;
    @Autowired
    TestRestTemplate rest;
    @Autowired
    OperatorRepository operators;
    @Autowired
    PasswordEncoder encoder;
    @Autowired
    AsteriskTelephony telephony;

    FakeAmiServer fake() {
        return FakeAsterisk.fake();
    }

    @BeforeEach
    void cleanTelephonyState() {
        fake().secret(FakeAsterisk.SECRET).voicemailBox(FakeAsterisk.BOX, List.of());
        await("AMI link up", () -> telephony.health().orElseThrow().isUp());
        jdbc.sql("TRUNCATE callback_attempt, callback_repeat, callback, call, request_event, request, request_number_seq,"
                + " outbox CASCADE").update();
    }

    void operator(String username, String extension, String... desks) {
        operators.createIfAbsent(new Operator(username, username, Role.OPERATOR, true, Set.of(desks)),
                encoder.encode(PASSWORD));
        jdbc.sql("UPDATE operator SET extension = ? WHERE username = ?").params(extension, username).update();
    }

    TestRestTemplate as(String username) {
        return rest.withBasicAuth(username, PASSWORD);
    }

    ResponseEntity<Map<String, Object>> get(String username, String path) {
        return as(username).exchange(path, HttpMethod.GET, null, JSON);
    }

    ResponseEntity<Map<String, Object>> post(String username, String path, Object body) {
        return as(username).exchange(path, HttpMethod.POST, new HttpEntity<>(body), JSON);
    }

    long count(String sql, Object... params) {
        return jdbc.sql(sql).params(params).query(Long.class).single();
    }

    Map<String, Object> row(String sql, Object... params) {
        return jdbc.sql(sql).params(params).query().singleRow();
    }

    /** A single timestamptz value, read as java.time. */
    java.time.Instant instant(String sql, Object... params) {
        return jdbc.sql(sql).params(params).query((rs, n) -> rs.getObject(1, java.time.OffsetDateTime.class))
                .single().toInstant();
    }

    /** Waits until the call with this Linkedid is recorded (the tracker reports it at the last hangup). */
    long awaitCall(String linkedid) {
        await("call " + linkedid + " recorded", () -> count("SELECT count(*) FROM call WHERE linkedid = ?", linkedid) == 1);
        return jdbc.sql("SELECT id FROM call WHERE linkedid = ?").param(linkedid).query(Long.class).single();
    }
}
