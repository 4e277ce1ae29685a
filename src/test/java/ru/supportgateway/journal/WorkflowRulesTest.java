package ru.supportgateway.journal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.ZoneId;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.crypto.password.PasswordEncoder;

import com.fasterxml.jackson.databind.JsonNode;

import ru.supportgateway.email.Replies;
import ru.supportgateway.operator.DeskAccessDeniedException;
import ru.supportgateway.operator.Operator;
import ru.supportgateway.operator.OperatorRepository;
import ru.supportgateway.operator.Role;
import ru.supportgateway.testsupport.GatewayTest;
import ru.supportgateway.testsupport.TestClock;

/**
 * The workflow rules behind the operators' page, enforced below it: the supervisor's approval before an
 * Error/Improvement goes to the developer (for the REST API too), rejection only until approval, the
 * deadline pause in "Обратная связь", and the applicant's status link.
 */
@GatewayTest
class WorkflowRulesTest {

    static final ZoneId TYUMEN = ZoneId.of("Asia/Yekaterinburg");

    @Autowired Journal journal;
    @Autowired JournalQueries queries;
    @Autowired Approvals approvals;
    @Autowired Replies replies;
    @Autowired StatusLinks statusLinks;
    @Autowired OperatorRepository operators;
    @Autowired PasswordEncoder encoder;
    @Autowired TestRestTemplate rest;
    @Autowired TestClock clock;

    final String suffix = UUID.randomUUID().toString().substring(0, 8);
    final Operator operator = new Operator("wf-op-" + suffix, "Оператор", Role.OPERATOR, true, Set.of("sc"));
    final Operator supervisor = new Operator("wf-sup-" + suffix, "Руководитель", Role.SUPERVISOR, true, Set.of("sc"));
    final Operator otherSupervisor = new Operator("wf-sup2-" + suffix, "Чужой руководитель", Role.SUPERVISOR, true, Set.of("portal"));

    @BeforeEach
    void people() {
        clock.set("2026-03-02T05:00:00Z"); // Monday 10:00 in Tyumen, the desk is open
        for (Operator o : new Operator[] {operator, supervisor, otherSupervisor}) {
            operators.createIfAbsent(o, encoder.encode("pw-" + suffix));
        }
    }

    String request(RequestType type, Instant due) {
        String number = journal.register(NewRequest.builder("sc", TYUMEN, Channel.EMAIL).subject("Тест " + suffix)
                .contactEmail("wf-" + UUID.randomUUID() + "@mail.example").dueAt(due).build()).number();
        if (type != RequestType.SUPPORT) {
            journal.updateFields(number, RequestChanges.none().withType(type), operator.username());
        }
        return number;
    }

    @Test
    void anErrorNeedsASupervisorsApprovalBeforeTheDeveloper() {
        String n = request(RequestType.ERROR, null);
        assertThatThrownBy(() -> journal.moveStatus(n, RequestStatus.PASSED_TO_DEVELOPER, operator.username(), null))
                .isInstanceOf(ApprovalRequiredException.class).hasMessageContaining("согласования");

        ResponseEntity<JsonNode> api = rest.withBasicAuth(operator.username(), "pw-" + suffix).postForEntity(
                "/api/requests/" + n + "/status", Map.of("status", "PASSED_TO_DEVELOPER"), JsonNode.class);
        assertThat(api.getStatusCode()).as("the REST API is held to the same rule").isEqualTo(HttpStatus.CONFLICT);

        assertThatThrownBy(() -> approvals.approve(n, operator, null)).isInstanceOf(DeskAccessDeniedException.class);
        assertThatThrownBy(() -> approvals.approve(n, otherSupervisor, null)).isInstanceOf(DeskAccessDeniedException.class);
        assertThat(queries.find(n).orElseThrow().status()).isEqualTo(RequestStatus.IN_PROGRESS);

        Approval a = approvals.approve(n, supervisor, "Согласовано с оператором Системы");
        assertThat(a.approvedBy()).isEqualTo(supervisor.username());
        assertThat(journal.moveStatus(n, RequestStatus.PASSED_TO_DEVELOPER, operator.username(), null).status())
                .isEqualTo(RequestStatus.PASSED_TO_DEVELOPER);
        assertThat(queries.history(queries.find(n).orElseThrow().id())).extracting(JournalEvent::kind)
                .containsSubsequence(EventKind.APPROVED, EventKind.STATUS_CHANGED);
    }

    @Test
    void aSupportRequestNeedsNoApproval() {
        String n = request(RequestType.SUPPORT, null);
        assertThat(journal.moveStatus(n, RequestStatus.PASSED_TO_DEVELOPER, operator.username(), null).status())
                .isEqualTo(RequestStatus.PASSED_TO_DEVELOPER);
        assertThatThrownBy(() -> approvals.approve(request(RequestType.SUPPORT, null), supervisor, null))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("не требует согласования");
    }

    @Test
    void anImprovementMayBeRejectedUntilApprovedButNotAfter() {
        String rejectable = request(RequestType.IMPROVEMENT, null);
        assertThat(replies.reject(rejectable, operator.username(), RejectionReason.INSUFFICIENT_INFORMATION, null)).isPresent();
        JournalRequest closed = queries.find(rejectable).orElseThrow();
        assertThat(closed.status()).isEqualTo(RequestStatus.CLOSED);
        assertThat(closed.note()).isEqualTo("Отклонено: недостаточно информации для выявления проблемы");

        String approved = request(RequestType.IMPROVEMENT, null);
        approvals.approve(approved, supervisor, null);
        assertThatThrownBy(() -> replies.reject(approved, operator.username(), RejectionReason.INSUFFICIENT_INFORMATION, null))
                .isInstanceOf(ApprovalRequiredException.class);
        assertThat(queries.find(approved).orElseThrow().status()).isEqualTo(RequestStatus.IN_PROGRESS);
    }

    @Test
    void theDeadlineStopsWhileAwaitingTheApplicantAndMovesOnByTheWorkingTimePaused() {
        // Desk sc: Mon–Thu 08:30–17:00 with lunch 12:30–13:30, Tyumen (UTC+5). Due Wednesday 17:00.
        String n = request(RequestType.SUPPORT, Instant.parse("2026-03-04T12:00:00Z"));
        replies.askForInformation(n, operator.username(), "Укажите класс");
        long id = queries.find(n).orElseThrow().id();
        assertThat(queries.pausedSince(id)).contains(Instant.parse("2026-03-02T05:00:00Z"));

        // The parent answers on Tuesday 10:00: paused Mon 10:00–12:30, 13:30–17:00 and Tue 08:30–10:00 = 7.5 h.
        clock.set("2026-03-03T05:00:00Z");
        JournalRequest resumed = journal.recordRepeat(n, Actors.EMAIL, "Ответ заявителя");
        assertThat(resumed.status()).isEqualTo(RequestStatus.IN_PROGRESS);
        // Wednesday 17:00 + 7.5 working hours = Thursday 08:30–12:30 (4 h) + 13:30–17:00 (3.5 h) = Thursday 17:00.
        assertThat(resumed.dueAt()).isEqualTo(Instant.parse("2026-03-05T12:00:00Z"));
        assertThat(queries.pausedSince(id)).isEmpty();
    }

    @Test
    void aPauseOutsideWorkingHoursKeepsTheDeadline() {
        clock.set("2026-03-02T14:00:00Z"); // Monday 19:00, closed
        String n = request(RequestType.SUPPORT, Instant.parse("2026-03-04T12:00:00Z"));
        replies.askForInformation(n, operator.username(), "Укажите класс");
        clock.set("2026-03-02T18:00:00Z"); // Monday 23:00, still closed
        assertThat(journal.moveStatus(n, RequestStatus.IN_PROGRESS, operator.username(), null).dueAt())
                .isEqualTo(Instant.parse("2026-03-04T12:00:00Z"));
    }

    @Test
    void aStatusLinkIsStableUnguessableAndFindsOnlyItsRequest() {
        String n = request(RequestType.SUPPORT, null);
        String token = statusLinks.tokenFor(n);
        assertThat(token).matches("[A-Za-z0-9_-]{43}");
        assertThat(statusLinks.tokenFor(n)).isEqualTo(token);
        assertThat(statusLinks.linkFor(n).toString()).isEqualTo("http://localhost:8080/status/" + token);
        assertThat(statusLinks.find(token)).map(JournalRequest::number).contains(n);

        Set<String> tokens = new HashSet<>();
        for (int i = 0; i < 20; i++) {
            tokens.add(statusLinks.tokenFor(request(RequestType.SUPPORT, null)));
        }
        assertThat(tokens).hasSize(20).doesNotContain(token);
        // Same selector, different rest; and junk of every shape: nothing found.
        assertThat(statusLinks.find(token.substring(0, 16) + "A".repeat(27))).isEmpty();
        assertThat(statusLinks.find(token.substring(0, 42))).isEmpty();
        assertThat(statusLinks.find(token + "'")).isEmpty();
        assertThat(statusLinks.find(null)).isEmpty();
    }
}
