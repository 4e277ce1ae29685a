package ru.supportgateway.telephony.callback;

import static ru.supportgateway.telephony.Sql.instant;
import static ru.supportgateway.telephony.Sql.integer;
import static ru.supportgateway.telephony.Sql.ts;

import java.time.Clock;
import java.time.Instant;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import ru.supportgateway.telephony.callback.CallbackEntry.Status;

/**
 * Attempts to call a parent back: taking an entry, and what Asterisk reported about the Originate
 * (this is the {@link CallbackDialer}'s result sink; the attempt is found by the ticket id it was given).
 */
@Service
public class CallbackAttempts implements CallbackResultSink {

    private static final Logger log = LoggerFactory.getLogger(CallbackAttempts.class);
    private static final String TICKET_PREFIX = "cb-attempt-";

    private final JdbcClient jdbc;
    private final Clock clock;

    public CallbackAttempts(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** What the operator reports after a call-back. */
    public enum Outcome {
        REACHED, NO_ANSWER, BUSY, WRONG_NUMBER, FAILED;

        public boolean unsuccessful() {
            return this == NO_ANSWER || this == BUSY || this == FAILED;
        }
    }

    public record Attempt(long id, long callbackId, String operator, String extension, Instant startedAt,
                          String actionId, String operatorLeg, Integer originateReason, String customerDialStatus,
                          Integer customerAnsweredSeconds, String dialDetail, Instant dialFinishedAt, Outcome outcome,
                          Instant outcomeAt, String note) {
    }

    /** The entry is taken (or already being worked on) by someone else. */
    public static class TakenException extends RuntimeException {
        public TakenException(String message) {
            super(message);
        }
    }

    public static String ticketOf(long attemptId) {
        return TICKET_PREFIX + attemptId;
    }

    /**
     * The operator takes the entry (IN_PROGRESS, theirs) and an attempt is opened, in one transaction so two
     * operators pressing "call" at once cannot both dial.
     */
    @Transactional
    public long start(long callbackId, String operator, String extension) {
        record Row(Status status, String takenBy) {
        }
        Row row = jdbc.sql("SELECT status, taken_by FROM callback WHERE id = ? FOR UPDATE").param(callbackId)
                .query((rs, n) -> new Row(Status.valueOf(rs.getString("status")), rs.getString("taken_by"))).single();
        if (!row.status().isOpen()) {
            throw new TakenException("Обратный звонок уже закрыт (" + row.status() + ").");
        }
        if (row.status() == Status.IN_PROGRESS && !operator.equals(row.takenBy())) {
            throw new TakenException("Обратный звонок уже выполняет оператор " + row.takenBy() + ".");
        }
        Instant now = clock.instant();
        jdbc.sql("UPDATE callback SET status = 'IN_PROGRESS', taken_by = ?, taken_at = ?, updated_at = ? WHERE id = ?")
                .params(operator, ts(now), ts(now), callbackId).update();
        return jdbc.sql("""
                INSERT INTO callback_attempt (callback_id, operator_username, operator_extension, started_at)
                VALUES (?, ?, ?, ?) RETURNING id""")
                .params(callbackId, operator, extension, ts(now)).query(Long.class).single();
    }

    /** The dialer's report: the operator leg (OriginateResponse) and the customer leg's dial status. */
    @Override
    public void accept(CallbackResult r) {
        if (r.ticketId() == null || !r.ticketId().startsWith(TICKET_PREFIX)) {
            return;
        }
        long attemptId;
        try {
            attemptId = Long.parseLong(r.ticketId().substring(TICKET_PREFIX.length()));
        } catch (NumberFormatException e) {
            return;
        }
        int rows = jdbc.sql("""
                UPDATE callback_attempt SET action_id = ?, operator_leg = ?, originate_reason = ?, customer_dial_status = ?,
                    customer_answered_seconds = ?, dial_detail = ?, dial_finished_at = ?
                WHERE id = ?""")
                .params(r.actionId(), r.operator().name(), r.originateReason(), r.customerDialStatus(),
                        r.customerAnsweredSeconds() == null ? null : r.customerAnsweredSeconds().intValue(),
                        r.detail(), ts(clock.instant()), attemptId)
                .update();
        if (rows == 0) {
            log.warn("call-back result for unknown attempt {}: {}", attemptId, r);
        }
    }

    public List<Attempt> of(long callbackId) {
        return jdbc.sql("""
                SELECT id, callback_id, operator_username, operator_extension, started_at, action_id, operator_leg,
                    originate_reason, customer_dial_status, customer_answered_seconds, dial_detail, dial_finished_at,
                    outcome, outcome_at, note
                FROM callback_attempt WHERE callback_id = ? ORDER BY started_at, id""").param(callbackId)
                .query((rs, n) -> new Attempt(rs.getLong("id"), rs.getLong("callback_id"),
                        rs.getString("operator_username"), rs.getString("operator_extension"), instant(rs, "started_at"),
                        rs.getString("action_id"), rs.getString("operator_leg"), integer(rs, "originate_reason"),
                        rs.getString("customer_dial_status"), integer(rs, "customer_answered_seconds"),
                        rs.getString("dial_detail"), instant(rs, "dial_finished_at"),
                        rs.getString("outcome") == null ? null : Outcome.valueOf(rs.getString("outcome")),
                        instant(rs, "outcome_at"), rs.getString("note")))
                .list();
    }
}
