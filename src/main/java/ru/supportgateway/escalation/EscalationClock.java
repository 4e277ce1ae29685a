package ru.supportgateway.escalation;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The escalation clock, run by the {@code feedback-escalation} route on every node. Deadlines live in
 * PostgreSQL, so a restart loses nothing: the next run moves whatever fell due meanwhile.
 *
 * <p>Each question is moved in a transaction of its own: it is claimed with {@code FOR UPDATE SKIP LOCKED}
 * (another node's run takes the next one instead of waiting), and the move itself is a compare-and-set on
 * the step number, so even a run that read the row before another committed does nothing twice. A
 * question that fails (e.g. nobody in the directory above it) is logged and left for the next run without
 * holding up the rest.
 */
@Component("feedbackEscalation")
public class EscalationClock {

    private static final Logger log = LoggerFactory.getLogger(EscalationClock.class);

    private final JdbcClient jdbc;
    private final Clock clock;
    private final Chain chain;
    private final ChainListener listener;
    private final TransactionTemplate tx;
    private final EscalationProperties settings;

    public EscalationClock(JdbcClient jdbc, Clock clock, Chain chain, ChainListener listener,
                           TransactionTemplate tx, EscalationProperties settings) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.chain = chain;
        this.listener = listener;
        this.tx = tx;
        this.settings = settings;
    }

    /** Moves every question whose holder's deadline has passed one level up; returns how many this run moved. */
    public int escalateDue() {
        List<Long> failed = new ArrayList<>(List.of(-1L));
        int moved = 0;
        for (int i = 0; i < settings.batchSize(); i++) {
            long[] claimed = {-1};
            try {
                Boolean result = tx.execute(status -> {
                    Optional<Chain.Position> due = jdbc.sql("SELECT " + Chain.POSITION_COLUMNS + """
                                     FROM feedback_question
                                    WHERE state = 'OPEN' AND level IN ('DEPUTY', 'DIRECTOR', 'MUNICIPALITY')
                                      AND deadline_at <= :now AND id NOT IN (:failed)
                                    ORDER BY deadline_at, id LIMIT 1 FOR UPDATE SKIP LOCKED""")
                            .param("now", Chain.ts(clock.instant())).param("failed", failed)
                            .query(Chain::position).optional();
                    if (due.isEmpty()) {
                        return null;
                    }
                    claimed[0] = due.get().questionId();
                    return chain.escalate(due.get()).isPresent();
                });
                if (result == null) {
                    break;
                }
                if (result) {
                    moved++;
                }
            } catch (RuntimeException e) {
                if (claimed[0] < 0) {
                    throw e;
                }
                log.error("Feedback question {} could not be escalated; will retry on the next run: {}",
                        claimed[0], e.getMessage());
                failed.add(claimed[0]);
            }
        }
        return moved;
    }

    /**
     * Warns the technical desk once about each unanswered technical question whose deadline is within
     * {@code gateway.escalation.technical-warn-before}; returns how many warnings this run gave.
     */
    public int warnTechnicalDeadlines() {
        int warned = 0;
        for (int i = 0; i < settings.batchSize(); i++) {
            Boolean result = tx.execute(status -> {
                Instant now = clock.instant();
                Optional<Near> near = jdbc.sql("""
                        SELECT q.id, q.tech_request_id, q.deadline_at FROM feedback_question q
                          JOIN request r ON r.id = q.tech_request_id
                         WHERE q.level = 'TECHNICAL' AND q.state = 'OPEN' AND q.warned_at IS NULL
                           AND q.deadline_at <= :warnUntil
                           AND r.status NOT IN ('RESOLVED', 'CLOSED')
                           AND NOT EXISTS (SELECT 1 FROM request_event e WHERE e.request_id = r.id
                                             AND e.kind = 'REPLY_SENT' AND e.at >= q.clock_base_at)
                         ORDER BY q.deadline_at, q.id LIMIT 1 FOR UPDATE OF q SKIP LOCKED""")
                        .param("warnUntil", Chain.ts(now.plus(settings.technicalWarnBefore())))
                        .query((rs, n) -> new Near(rs.getLong("id"), rs.getLong("tech_request_id"),
                                Chain.instant(rs, "deadline_at")))
                        .optional();
                if (near.isEmpty()) {
                    return null;
                }
                int rows = jdbc.sql("UPDATE feedback_question SET warned_at = ? WHERE id = ? AND warned_at IS NULL")
                        .params(Chain.ts(now), near.get().id()).update();
                if (rows == 1) {
                    listener.technicalDeadlineNear(near.get().id(), near.get().techRequestId(), near.get().deadline());
                }
                return rows == 1;
            });
            if (result == null) {
                break;
            }
            if (result) {
                warned++;
            }
        }
        return warned;
    }

    /** One run of the clock: escalations, then warnings (what the route calls). */
    public void tick() {
        int moved = escalateDue();
        int warned = warnTechnicalDeadlines();
        if (moved > 0 || warned > 0) {
            log.info("Feedback clock: {} question(s) escalated, {} deadline warning(s)", moved, warned);
        }
    }

    private record Near(long id, long techRequestId, Instant deadline) {
    }
}
