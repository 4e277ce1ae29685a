package ru.supportgateway.journal;

import static ru.supportgateway.journal.JournalQueries.instant;
import static ru.supportgateway.journal.JournalQueries.timestamp;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import ru.supportgateway.operator.DeskAccessDeniedException;
import ru.supportgateway.operator.Operator;
import ru.supportgateway.operator.Role;

/**
 * Supervisors' approvals of Error and Improvement requests (regulation 001, 3.5: such a request "requires
 * the agreement of the system operator and may be rejected until agreed"). {@link Journal#moveStatus}
 * refuses {@link RequestStatus#PASSED_TO_DEVELOPER} for them until an approval is recorded here.
 */
@Service
public class Approvals {

    private final JdbcClient jdbc;
    private final Clock clock;

    public Approvals(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** The types that need an approval before they go to the developer. */
    public static boolean needsApproval(RequestType type) {
        return type == RequestType.ERROR || type == RequestType.IMPROVEMENT;
    }

    /** May this operator approve requests of that desk? Supervisors of the desk and administrators. */
    public static boolean mayApprove(Operator operator, String deskId) {
        return (operator.role() == Role.SUPERVISOR || operator.role() == Role.ADMIN) && operator.worksAt(deskId);
    }

    /**
     * Records the approval (once; approving again changes nothing) and a history row.
     *
     * @throws DeskAccessDeniedException  unless the approver is a supervisor of the request's desk or an administrator
     * @throws IllegalStateException      if the request is not an Error/Improvement still with the specialist
     */
    @Transactional
    public Approval approve(String number, Operator approver, String note) {
        JournalRequest r = jdbc.sql("SELECT " + JournalQueries.COLUMNS + " FROM request WHERE number = ? FOR UPDATE")
                .param(number).query(JournalQueries.REQUEST).optional()
                .orElseThrow(() -> new RequestNotFoundException(number));
        if (!mayApprove(approver, r.deskId())) {
            throw new DeskAccessDeniedException(r.deskId());
        }
        Optional<Approval> existing = of(r.id());
        if (existing.isPresent()) {
            return existing.get();
        }
        if (!needsApproval(r.type())) {
            throw new IllegalStateException(("Обращение %s типа «%s» не требует согласования. / "
                    + "Request %s of type %s needs no approval.").formatted(number, r.type().label(), number, r.type()));
        }
        if (r.status() != RequestStatus.IN_PROGRESS) {
            throw new IllegalStateException(("Согласовать можно только обращение «%s». / Only a request in progress "
                    + "can be approved.").formatted(RequestStatus.IN_PROGRESS.label()));
        }
        Instant now = clock.instant();
        String text = note == null || note.isBlank() ? null : note.strip();
        jdbc.sql("INSERT INTO request_approval (request_id, approved_by, approved_at, note) VALUES (?, ?, ?, ?)")
                .params(r.id(), approver.username(), timestamp(now), text).update();
        jdbc.sql("""
                INSERT INTO request_event (request_id, at, actor, kind, note, details)
                VALUES (?, ?, ?, ?, ?, CAST(? AS jsonb))""")
                .params(r.id(), timestamp(now), approver.username(), EventKind.APPROVED.name(), text,
                        "{\"type\":\"" + r.type().name() + "\"}")
                .update();
        return new Approval(r.id(), approver.username(), now, text);
    }

    public Optional<Approval> of(long requestId) {
        return jdbc.sql("SELECT request_id, approved_by, approved_at, note FROM request_approval WHERE request_id = ?")
                .param(requestId)
                .query((rs, n) -> new Approval(rs.getLong(1), rs.getString(2), instant(rs, "approved_at"), rs.getString(4)))
                .optional();
    }
}
