package ru.supportgateway.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;

import ru.supportgateway.testsupport.GatewayTest;

@GatewayTest
class SecurityTest {

    @Autowired
    TestRestTemplate rest;

    @Autowired
    JdbcClient jdbc;

    @Test
    void adminIsCreatedOnFirstStartWithAHashedPassword() {
        String hash = jdbc.sql("SELECT password_hash FROM operator WHERE username = 'admin' AND role = 'ADMIN'")
                .query(String.class).single();
        assertThat(hash).startsWith("{bcrypt}").doesNotContain(GatewayTest.ADMIN_PASSWORD);
    }

    @Test
    void apiNeedsALogin() {
        ResponseEntity<String> anonymous = rest.getForEntity("/api/requests", String.class);
        assertThat(anonymous.getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
        assertThat(anonymous.getHeaders().getFirst("WWW-Authenticate")).startsWith("Basic");

        ResponseEntity<String> wrong = rest.withBasicAuth("admin", "guess").getForEntity("/api/requests", String.class);
        assertThat(wrong.getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
    }

    @Test
    void pagesRedirectToTheLoginForm() {
        // TestRestTemplate follows the redirect: what arrives is the login form, not the page.
        ResponseEntity<String> page = rest.getForEntity("/", String.class);
        assertThat(page.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(page.getBody()).contains("name=\"username\"").contains("name=\"password\"")
                .contains("name=\"_csrf\"");
    }

    @Test
    void healthIsPublicAndIncludesTheDatabase() {
        ResponseEntity<String> health = rest.withBasicAuth("admin", GatewayTest.ADMIN_PASSWORD)
                .getForEntity("/actuator/health", String.class);
        assertThat(health.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(health.getBody()).contains("\"status\":\"UP\"").contains("\"db\"");
        assertThat(rest.getForEntity("/actuator/health", String.class).getStatusCode()).isEqualTo(HttpStatus.OK);
    }

    @Test
    void prometheusMetricsAreForTheAdministrator() {
        assertThat(rest.getForEntity("/actuator/prometheus", String.class).getStatusCode())
                .isEqualTo(HttpStatus.UNAUTHORIZED);
        ResponseEntity<String> metrics = rest.withBasicAuth("admin", GatewayTest.ADMIN_PASSWORD)
                .getForEntity("/actuator/prometheus", String.class);
        assertThat(metrics.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(metrics.getBody()).contains("jvm_memory_used_bytes").contains("hikaricp_connections");
    }
}
