package ru.supportgateway.web.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.http.HttpResponse;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.security.crypto.password.PasswordEncoder;

import ru.supportgateway.operator.Operator;
import ru.supportgateway.operator.OperatorRepository;
import ru.supportgateway.operator.Role;
import ru.supportgateway.testsupport.GatewayTest;

/** The administrator edits users over HTTP: extension, role, desks, name; disables, enables, resets passwords. */
@GatewayTest
class OperatorsAdminTest {

    @LocalServerPort int port;
    @Autowired OperatorRepository operators;
    @Autowired PasswordEncoder encoder;

    final String suffix = UUID.randomUUID().toString().substring(0, 8);
    final String admin = "adm-" + suffix;
    final String user = "user-" + suffix;
    final String password = "users-secret-" + suffix;
    final String extension = String.valueOf(ThreadLocalRandom.current().nextInt(100_000, 999_999));
    SessionClient session;

    @BeforeEach
    void anAdministratorAndAnOperator() {
        operators.createIfAbsent(new Operator(admin, "Администратор " + suffix, Role.ADMIN, true, Set.of()), encoder.encode(password));
        operators.createIfAbsent(new Operator(user, "Иванова", Role.OPERATOR, true, Set.of("sc")), encoder.encode(password));
        session = new SessionClient(port).login(admin, password);
    }

    private HttpResponse<String> post(String path, Map<String, String> form) {
        return session.post(path, session.csrfOf("/admin/operators/" + user), form);
    }

    @Test
    void theAdministratorEditsRoleDesksExtensionAndName() {
        HttpResponse<String> saved = post("/admin/operators/" + user, Map.of("fullName", "Иванова Ольга Николаевна",
                "role", "SUPERVISOR", "desk", "portal", "extension", extension));
        assertThat(saved.statusCode()).isEqualTo(302);

        assertThat(session.get("/admin/operators/" + user).body()).contains("Изменения пользователя " + user + " сохранены.");
        Operator o = operators.find(user).orElseThrow();
        assertThat(o.fullName()).isEqualTo("Иванова Ольга Николаевна");
        assertThat(o.role()).isEqualTo(Role.SUPERVISOR);
        assertThat(o.desks()).containsExactly("portal");
        assertThat(o.extension()).isEqualTo(extension);
        String row = session.get("/admin/operators").body();
        assertThat(row).contains("id=\"op-" + user + "\"", "Иванова Ольга Николаевна", extension);

        // one extension, one person: calls are matched to operators by it
        String other = "other-" + suffix;
        operators.createIfAbsent(new Operator(other, "Петров", Role.OPERATOR, true, Set.of("sc")), encoder.encode(password));
        session.post("/admin/operators/" + other, session.csrfOf("/admin/operators/" + other),
                Map.of("fullName", "Петров", "role", "OPERATOR", "desk", "sc", "extension", extension));
        assertThat(session.get("/admin/operators/" + other).body())
                .contains("Внутренний номер " + extension + " уже у пользователя " + user + ".");
        assertThat(operators.find(other).orElseThrow().extension()).isNull();
    }

    @Test
    void aDisabledUserCannotLogInOrKeepWorkingAndIsEnabledAgain() {
        SessionClient theirs = new SessionClient(port).login(user, password);
        assertThat(theirs.get("/journal").statusCode()).isEqualTo(200);

        post("/admin/operators/" + user + "/enabled", Map.of("enabled", "false"));
        assertThat(session.get("/admin/operators/" + user).body()).contains("отключён");
        assertThat(theirs.get("/journal").statusCode()).isEqualTo(403);
        assertThatThrownBy(() -> new SessionClient(port).login(user, password)).hasMessageContaining("login failed");

        post("/admin/operators/" + user + "/enabled", Map.of("enabled", "true"));
        assertThat(new SessionClient(port).login(user, password).get("/journal").statusCode()).isEqualTo(200);
    }

    @Test
    void aNewPasswordReplacesTheOldOne() {
        String fresh = "new-password-" + suffix;
        post("/admin/operators/" + user + "/password", Map.of("password", fresh));
        assertThat(session.get("/admin/operators/" + user).body()).contains("Новый пароль пользователя " + user + " сохранён.");
        assertThatThrownBy(() -> new SessionClient(port).login(user, password)).hasMessageContaining("login failed");
        assertThat(new SessionClient(port).login(user, fresh).get("/journal").statusCode()).isEqualTo(200);

        post("/admin/operators/" + user + "/password", Map.of("password", "short"));
        assertThat(session.get("/admin/operators/" + user).body()).contains("Пароль должен быть не короче 10 символов.");
    }

    @Test
    void theAdministratorCannotDisableOrDemoteThemselves() {
        session.post("/admin/operators/" + admin + "/enabled", session.csrfOf("/admin/operators/" + admin), Map.of("enabled", "false"));
        assertThat(session.get("/admin/operators/" + admin).body()).contains("Нельзя отключить самого себя.");
        assertThat(operators.find(admin).orElseThrow().enabled()).isTrue();

        session.post("/admin/operators/" + admin, session.csrfOf("/admin/operators/" + admin),
                Map.of("fullName", "Администратор", "role", "OPERATOR", "desk", "sc"));
        assertThat(operators.find(admin).orElseThrow().role()).isEqualTo(Role.ADMIN);
    }

    @Test
    void operatorsCannotManageUsers() {
        SessionClient theirs = new SessionClient(port).login(user, password);
        assertThat(theirs.get("/admin/operators/" + user).statusCode()).isEqualTo(403);
        HttpResponse<String> r = theirs.post("/admin/operators/" + user + "/enabled", theirs.csrfOf("/journal"),
                Map.of("enabled", "false"));
        assertThat(r.statusCode()).isEqualTo(403);
        assertThat(operators.find(user).orElseThrow().enabled()).isTrue();
    }
}
