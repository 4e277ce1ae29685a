package ru.supportgateway.db;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ServerSocket;
import java.sql.DriverManager;

import org.junit.jupiter.api.Test;
import org.springframework.mock.env.MockEnvironment;

import ru.supportgateway.testsupport.FreshDatabase;

class DatabaseReachabilityTest {

    @Test
    void anUnreachableServerGivesOneLineSayingWhatToStart() throws Exception {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0)) {
            closedPort = s.getLocalPort();
        }
        MockEnvironment env = new MockEnvironment()
                .withProperty("spring.datasource.url", "jdbc:postgresql://127.0.0.1:" + closedPort + "/gateway");
        String line = DatabaseReachability.problem(env).orElseThrow();
        assertThat(line).doesNotContain("\n").contains("127.0.0.1:" + closedPort).contains("Connection refused")
                .contains("pg_ctlcluster").contains("SPRING_DATASOURCE_URL");
    }

    @Test
    void aMissingDatabaseIsCreatedWithUtf8() throws Exception {
        String name = "sg_test_missing_" + System.nanoTime();
        MockEnvironment env = new MockEnvironment().withProperty("spring.datasource.url", FreshDatabase.url(name))
                .withProperty("spring.datasource.username", "postgres");
        try {
            assertThat(DatabaseReachability.problem(env)).isEmpty();
            try (var c = DriverManager.getConnection(FreshDatabase.url("postgres"), "postgres", "");
                 var rs = c.createStatement().executeQuery(
                         "SELECT pg_encoding_to_char(encoding), datctype FROM pg_database WHERE datname = '" + name + "'")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString(1)).isEqualTo("UTF8");
                assertThat(rs.getString(2)).isEqualTo("C.UTF-8");
            }
        } finally {
            try (var c = DriverManager.getConnection(FreshDatabase.url("postgres"), "postgres", "")) {
                c.createStatement().execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
            }
        }
    }
}
