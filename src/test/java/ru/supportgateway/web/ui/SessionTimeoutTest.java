package ru.supportgateway.web.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.apache.catalina.Context;
import org.apache.catalina.Session;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.web.embedded.tomcat.TomcatWebServer;
import org.springframework.boot.web.servlet.context.ServletWebServerApplicationContext;
import org.springframework.security.crypto.password.PasswordEncoder;

import ru.supportgateway.operator.Operator;
import ru.supportgateway.operator.OperatorRepository;
import ru.supportgateway.operator.Role;
import ru.supportgateway.testsupport.GatewayTest;
import ru.supportgateway.testsupport.TestClock;

/** A session that ran out: pages go to the login form with a Russian message; htmx polls are told to go there. */
@GatewayTest
class SessionTimeoutTest {

    @LocalServerPort int port;
    @Autowired OperatorRepository operators;
    @Autowired PasswordEncoder encoder;
    @Autowired ServletWebServerApplicationContext server;
    @Autowired TestClock clock;

    final String suffix = UUID.randomUUID().toString().substring(0, 8);
    final String operator = "sess-op-" + suffix;
    final String password = "sess-secret-" + suffix;
    SessionClient session;

    @BeforeEach
    void anOperatorWhoseSessionRunsOut() throws Exception {
        operators.createIfAbsent(new Operator(operator, "Оператор", Role.OPERATOR, true, Set.of("sc")), encoder.encode(password));
        session = new SessionClient(port).login(operator, password);
        assertThat(session.get("/journal").statusCode()).isEqualTo(200);
        // what 30 idle minutes do: the servlet container expires the session
        Context context = (Context) ((TomcatWebServer) server.getWebServer()).getTomcat().getHost().findChildren()[0];
        Session s = context.getManager().findSession(session.sessionId());
        s.expire();
    }

    @Test
    void aPageGoesToTheLoginFormSayingTheSessionExpired() {
        HttpResponse<String> page = session.get("/journal");
        assertThat(page.statusCode()).isEqualTo(302);
        assertThat(page.headers().firstValue("Location").orElseThrow()).endsWith("/login?expired");
        assertThat(session.get("/login?expired").body()).contains("Сеанс истёк, войдите снова.");
    }

    @Test
    void theJournalsPollIsToldToRedirectInsteadOfGettingTheLoginForm() {
        String live = "/journal/live?since=0&opened=" + clock.instant().getEpochSecond();
        HttpResponse<String> poll = session.get(live, Map.of("HX-Request", "true"));
        assertThat(poll.statusCode()).isEqualTo(401);
        assertThat(poll.headers().firstValue("HX-Redirect")).contains("/login?expired");
        assertThat(poll.body()).doesNotContain("password");

        // logging in again leads to the journal, not to the poll's fragment
        HttpResponse<String> login = session.post("/login", session.csrfOf("/login"),
                Map.of("username", operator, "password", password));
        assertThat(login.headers().firstValue("Location").orElseThrow()).endsWith("/journal");
    }

    @Test
    void afterLoggingOutThereIsNoExpiredMessage() {
        SessionClient fresh = new SessionClient(port).login(operator, password);
        fresh.post("/logout", fresh.csrfOf("/journal"), Map.of());
        HttpResponse<String> page = fresh.get("/journal");
        assertThat(page.headers().firstValue("Location").orElseThrow()).endsWith("/login");
    }
}
