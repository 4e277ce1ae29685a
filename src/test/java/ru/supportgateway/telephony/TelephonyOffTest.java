package ru.supportgateway.telephony;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

import ru.supportgateway.desk.Desks;
import ru.supportgateway.telephony.call.CallOutcome;
import ru.supportgateway.telephony.callback.CallbackOffer;
import ru.supportgateway.telephony.callback.CallbackQueue;
import ru.supportgateway.testsupport.GatewayTest;

/** Without gateway.asterisk.host the gateway runs, says so in its health, and refuses to dial. */
@GatewayTest
class TelephonyOffTest {

    private static final ParameterizedTypeReference<Map<String, Object>> JSON = new ParameterizedTypeReference<>() { };

    @Autowired
    TestRestTemplate rest;
    @Autowired
    AsteriskTelephony telephony;
    @Autowired
    CallbackQueue callbacks;
    @Autowired
    Desks desks;

    private TestRestTemplate admin() {
        return rest.withBasicAuth("admin", GatewayTest.ADMIN_PASSWORD);
    }

    @Test
    void healthSaysNotConfiguredAndTheGatewayIsUp() {
        assertThat(telephony.configured()).isFalse();
        ResponseEntity<Map<String, Object>> health = admin().exchange("/actuator/health", HttpMethod.GET, null, JSON);
        assertThat(health.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(health.getBody()).containsEntry("status", "UP");
        @SuppressWarnings("unchecked")
        Map<String, Object> asterisk = (Map<String, Object>) ((Map<String, Object>) health.getBody().get("components"))
                .get("asterisk");
        assertThat(asterisk).containsEntry("status", "UNKNOWN");
        assertThat(asterisk.get("details").toString()).contains("not configured");
    }

    @Test
    void dialingIsRefusedAsUnavailable() {
        long id = callbacks.offer(new CallbackOffer(desks.get("sc"), CallOutcome.ABANDONED, true, "+73452390001", null,
                Instant.parse("2026-11-23T05:00:00Z"), null, null, 40L, null)).orElseThrow();
        ResponseEntity<Map<String, Object>> r = admin().exchange("/api/callbacks/" + id + "/dial", HttpMethod.POST,
                new HttpEntity<>(Map.of()), JSON);
        assertThat(r.getStatusCode()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
        assertThat((String) r.getBody().get("detail")).contains("Телефония не настроена");
    }
}
