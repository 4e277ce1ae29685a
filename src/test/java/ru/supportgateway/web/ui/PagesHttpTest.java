package ru.supportgateway.web.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.security.crypto.password.PasswordEncoder;

import ru.supportgateway.journal.Channel;
import ru.supportgateway.journal.Correspondence;
import ru.supportgateway.journal.Journal;
import ru.supportgateway.journal.JournalQueries;
import ru.supportgateway.journal.NewRequest;
import ru.supportgateway.journal.RegisteredRequest;
import ru.supportgateway.journal.RequestStatus;
import ru.supportgateway.operator.Operator;
import ru.supportgateway.operator.OperatorRepository;
import ru.supportgateway.operator.Role;
import ru.supportgateway.testsupport.GatewayTest;
import ru.supportgateway.testsupport.TestClock;

/** The pages over plain HTTP: CSRF on forms, attachment downloads, the administrator's users page, headers. */
@GatewayTest
class PagesHttpTest {

    @LocalServerPort int port;
    @Autowired Journal journal;
    @Autowired JournalQueries queries;
    @Autowired Correspondence correspondence;
    @Autowired OperatorRepository operators;
    @Autowired PasswordEncoder encoder;
    @Autowired TestClock clock;

    final String suffix = UUID.randomUUID().toString().substring(0, 8);
    final String operator = "http-op-" + suffix;
    final String otherDesk = "http-portal-" + suffix;
    final String password = "http-secret-" + suffix;
    RegisteredRequest request;
    long attachmentId;
    long foreignAttachmentId;

    @BeforeEach
    void aRequestWithAnAttachment() {
        operators.createIfAbsent(new Operator(operator, "Оператор", Role.OPERATOR, true, Set.of("sc")), encoder.encode(password));
        operators.createIfAbsent(new Operator(otherDesk, "Оператор", Role.OPERATOR, true, Set.of("portal")), encoder.encode(password));
        request = register("sc");
        byte[] html = "<script>alert(1)</script>".getBytes(StandardCharsets.UTF_8);
        correspondence.add(new Correspondence.NewMessage(request.id(), Correspondence.Direction.IN, Correspondence.Kind.EMAIL,
                request.registeredAt(), "p@mail.example", "p@mail.example", "sc-support@example.org", "Скриншот", null,
                "см. вложение", null, List.of(new Correspondence.Attachment("ошибка экрана.html", "text/html", html.length,
                "0".repeat(64), html))));
        attachmentId = correspondence.of(request.id()).get(0).attachments().get(0).id();
        RegisteredRequest foreign = register("portal");
        correspondence.add(new Correspondence.NewMessage(foreign.id(), Correspondence.Direction.IN, Correspondence.Kind.EMAIL,
                foreign.registeredAt(), "q@mail.example", "q@mail.example", "portal@example.org", "Файл", null, "",
                null, List.of(new Correspondence.Attachment("a.txt", "text/plain", 1, "0".repeat(64), new byte[] {'x'}))));
        foreignAttachmentId = correspondence.of(foreign.id()).get(0).attachments().get(0).id();
    }

    RegisteredRequest register(String desk) {
        return journal.register(NewRequest.builder(desk, ZoneId.of("Asia/Yekaterinburg"), Channel.EMAIL)
                .subject("HTTP " + suffix).contactEmail("p@mail.example").build());
    }

    @Test
    void aFormPostWithoutTheCsrfTokenIsRefused() {
        SessionClient session = new SessionClient(port).login(operator, password);
        String page = "/requests/" + request.number();
        assertThat(session.post(page + "/status", null, Map.of("status", "RESOLVED")).statusCode()).isEqualTo(403);
        assertThat(queries.find(request.number()).orElseThrow().status()).isEqualTo(RequestStatus.IN_PROGRESS);

        HttpResponse<String> ok = session.post(page + "/status", session.csrfOf(page), Map.of("status", "RESOLVED"));
        assertThat(ok.statusCode()).isEqualTo(302);
        assertThat(queries.find(request.number()).orElseThrow().status()).isEqualTo(RequestStatus.RESOLVED);
    }

    @Test
    void attachmentsDownloadAsFilesOnlyForTheirDesk() {
        SessionClient session = new SessionClient(port).login(operator, password);
        HttpResponse<byte[]> file = session.getBytes("/requests/" + request.number() + "/attachments/" + attachmentId);
        assertThat(file.statusCode()).isEqualTo(200);
        assertThat(file.body()).isEqualTo("<script>alert(1)</script>".getBytes(StandardCharsets.UTF_8));
        assertThat(file.headers().firstValue("Content-Disposition").orElseThrow()).startsWith("attachment;")
                .contains("filename*=UTF-8''%D0%BE%D1%88%D0%B8%D0%B1%D0%BA%D0%B0%20%D1%8D%D0%BA%D1%80%D0%B0%D0%BD%D0%B0.html");
        assertThat(file.headers().firstValue("X-Content-Type-Options")).contains("nosniff");
        assertThat(file.headers().firstValue("Content-Type")).contains("application/octet-stream");

        // Another request's attachment through this request's URL: not found, not served.
        assertThat(session.getBytes("/requests/" + request.number() + "/attachments/" + foreignAttachmentId).statusCode())
                .isEqualTo(404);
        SessionClient other = new SessionClient(port).login(otherDesk, password);
        assertThat(other.getBytes("/requests/" + request.number() + "/attachments/" + attachmentId).statusCode())
                .isEqualTo(403);
    }

    @Test
    void theAdministratorAddsAnOperatorWhoCanThenLogIn() {
        SessionClient op = new SessionClient(port).login(operator, password);
        assertThat(op.get("/admin/operators").statusCode()).isEqualTo(403);

        SessionClient admin = new SessionClient(port).login("admin", ru.supportgateway.testsupport.GatewayTest.ADMIN_PASSWORD);
        String name = "new-" + suffix;
        HttpResponse<String> created = admin.post("/admin/operators", admin.csrfOf("/admin/operators"), Map.of(
                "username", name, "fullName", "Новикова Ирина", "password", "long-enough-1", "role", "SUPERVISOR",
                "desk", "sc"));
        assertThat(created.statusCode()).isEqualTo(302);
        assertThat(admin.get("/admin/operators").body()).contains("Пользователь " + name + " создан.", "Новикова Ирина");
        assertThat(operators.find(name)).get().extracting(Operator::role, Operator::desks)
                .containsExactly(Role.SUPERVISOR, Set.of("sc"));

        HttpResponse<String> journal = new SessionClient(port).login(name, "long-enough-1").get("/journal");
        assertThat(journal.statusCode()).isEqualTo(200);
        assertThat(journal.body()).contains("Журнал специалиста");

        HttpResponse<String> shortPassword = admin.post("/admin/operators", admin.csrfOf("/admin/operators"), Map.of(
                "username", "short-" + suffix, "fullName", "Х", "password", "short", "role", "OPERATOR", "desk", "sc"));
        assertThat(shortPassword.statusCode()).isEqualTo(302);
        assertThat(operators.exists("short-" + suffix)).isFalse();
    }

    @Test
    void anOpenJournalStopsPollingBeforeTheSessionWouldTimeOut() {
        SessionClient session = new SessionClient(port).login(operator, password);
        long now = clock.instant().getEpochSecond();
        // The request of this test is the desk's newest: it comes as a new row, and the next poll starts after it.
        HttpResponse<String> fresh = session.get("/journal/live?desk=sc&since=" + (request.id() - 1) + "&opened=" + now);
        assertThat(fresh.statusCode()).isEqualTo(200);
        assertThat(fresh.body()).contains("hx-get=\"/journal/live?desk=sc&amp;since=" + request.id() + "&amp;opened=" + now + "\"")
                .contains("data-number=\"" + request.number() + "\"").contains("hx-swap-oob=\"afterbegin:#rows\"");
        long lastId = queries.lastId();

        HttpResponse<String> old = session.get("/journal/live?desk=sc&since=" + lastId + "&opened=" + (now - 21 * 60));
        assertThat(old.statusCode()).as("htmx stops polling on 286").isEqualTo(286);
        assertThat(old.body()).contains("Автообновление остановлено").doesNotContain("hx-get");
    }

    @Test
    void pagesCarryTheSecurityHeaders() {
        HttpResponse<String> login = new SessionClient(port).get("/login");
        assertThat(login.statusCode()).isEqualTo(200);
        assertThat(login.body()).contains("Вход", "Имя пользователя", "name=\"_csrf\"");
        assertThat(login.headers().firstValue("Content-Security-Policy").orElseThrow())
                .contains("default-src 'self'", "script-src 'self'", "style-src 'self'");
        assertThat(login.headers().firstValue("Referrer-Policy")).contains("no-referrer");
        assertThat(login.headers().firstValue("X-Frame-Options")).contains("DENY");
    }
}
