package ru.supportgateway.escalation;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.lang.Nullable;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/**
 * The chain state of a question (columns {@code level, state, step, deadline_at, clock_*} of
 * {@code feedback_question}) and its steps ({@code feedback_step}). Every move is a compare-and-set on
 * {@code step}: {@code UPDATE ... WHERE step = :expected}, so an answer racing an escalation, or two
 * nodes' clocks, make exactly one move and the loser changes nothing.
 */
@Repository
public class Chain {

    private final JdbcClient jdbc;
    private final Clock clock;
    private final EscalationRule rule;
    private final Holders holders;
    private final ChainListener listener;

    public Chain(JdbcClient jdbc, Clock clock, EscalationRule rule, Holders holders, ChainListener listener) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.rule = rule;
        this.holders = holders;
        this.listener = listener;
    }

    /** How a step ended. */
    public enum Outcome { ANSWERED, ESCALATED, OUT_OF_COMPETENCE, REPEATED }

    public enum State { OPEN, ANSWERED }

    /** The chain columns of a question. */
    public record Position(long questionId, String number, long schoolId, Level level, State state, int step,
                           @Nullable Instant deadline, Instant clockBase, int clockDays) {
        EscalationRule.Schedule schedule() {
            return new EscalationRule.Schedule(clockBase, clockDays, deadline);
        }
    }

    /** A step as its answer link sees it. */
    public record StepView(long questionId, int seq, Level level, @Nullable String holderName,
                           @Nullable String holderEmail, @Nullable Instant deadline, @Nullable Outcome outcome,
                           boolean current) {
    }

    static final String POSITION_COLUMNS =
            "id, number, school_id, level, state, step, deadline_at, clock_base_at, clock_days";

    static Position position(ResultSet rs, int n) throws SQLException {
        return new Position(rs.getLong("id"), rs.getString("number"), rs.getLong("school_id"),
                Level.valueOf(rs.getString("level")), State.valueOf(rs.getString("state")), rs.getInt("step"),
                instant(rs, "deadline_at"), instant(rs, "clock_base_at"), rs.getInt("clock_days"));
    }

    public Optional<Position> position(long questionId) {
        return jdbc.sql("SELECT " + POSITION_COLUMNS + " FROM feedback_question WHERE id = ?")
                .param(questionId).query(Chain::position).optional();
    }

    /**
     * Puts a new school question with its first holder: the deputy head, or the first level above that
     * has somebody in the directory. The question row must exist (level and step 1 are set here).
     */
    @Transactional
    public Handover begin(long questionId) {
        Position p = position(questionId).orElseThrow();
        Instant now = clock.instant();
        Holder holder = firstHolderFrom(p.schoolId(), Level.DEPUTY);
        EscalationRule.Schedule s = rule.start(holder.level(), now);
        int rows = jdbc.sql("""
                UPDATE feedback_question SET level = :level, state = 'OPEN', deadline_at = :deadline,
                       clock_base_at = :base, clock_days = :days, updated_at = :now
                 WHERE id = :id AND step = 1""")
                .param("level", holder.level().name()).param("deadline", ts(s.deadline())).param("base", ts(s.base()))
                .param("days", s.days()).param("now", ts(now)).param("id", questionId).update();
        if (rows != 1) {
            throw new IllegalStateException("Question " + p.number() + " has already started");
        }
        String token = openStep(questionId, 1, holder.level(), holder, now, s.deadline());
        Handover h = new Handover(questionId, p.number(), 1, holder, null, s.deadline(), token, Handover.Reason.NEW);
        listener.handedOver(h);
        return h;
    }

    /** Puts a technical question with the technical desk (no answer link: the desk answers from its journal). */
    @Transactional
    public void beginTechnical(long questionId, long techRequestId) {
        Instant now = clock.instant();
        Instant deadline = rule.technicalDeadline(now);
        jdbc.sql("""
                UPDATE feedback_question SET level = 'TECHNICAL', state = 'OPEN', deadline_at = :deadline,
                       clock_base_at = :now, clock_days = 0, tech_request_id = :tech, updated_at = :now
                 WHERE id = :id AND step = 1""")
                .param("deadline", ts(deadline)).param("now", ts(now)).param("tech", techRequestId)
                .param("id", questionId).update();
        openStep(questionId, 1, Level.TECHNICAL, null, now, deadline);
    }

    /**
     * Moves a question whose holder's deadline has passed to the next holder up.
     *
     * @return the handover, or empty when another node (or an answer) moved it first
     */
    @Transactional
    public Optional<Handover> escalate(Position p) {
        Level next = p.level().next().orElseThrow(() -> new IllegalArgumentException(p.level() + " does not climb"));
        Instant now = clock.instant();
        Holder holder = firstHolderFrom(p.schoolId(), next);
        EscalationRule.Schedule s = rule.next(p.schedule(), holder.level(), now);
        int rows = jdbc.sql("""
                UPDATE feedback_question SET level = :level, step = step + 1, deadline_at = :deadline,
                       clock_base_at = :base, clock_days = :days, updated_at = :now
                 WHERE id = :id AND step = :step AND state = 'OPEN'""")
                .param("level", holder.level().name()).param("deadline", ts(s.deadline())).param("base", ts(s.base()))
                .param("days", s.days()).param("now", ts(now)).param("id", p.questionId()).param("step", p.step())
                .update();
        if (rows == 0) {
            return Optional.empty();
        }
        endStep(p.questionId(), p.step(), Outcome.ESCALATED, now, null);
        String token = openStep(p.questionId(), p.step() + 1, holder.level(), holder, now, s.deadline());
        Handover h = new Handover(p.questionId(), p.number(), p.step() + 1, holder, p.level(), s.deadline(), token,
                Handover.Reason.ESCALATED);
        listener.handedOver(h);
        return Optional.of(h);
    }

    /**
     * Records the current holder's answer; stops the climb.
     *
     * @return false when the step is no longer current (escalated or answered meanwhile)
     */
    @Transactional
    public boolean answer(long questionId, int step, String text) {
        Instant now = clock.instant();
        int rows = jdbc.sql("""
                UPDATE feedback_question SET state = 'ANSWERED', deadline_at = NULL, updated_at = :now
                 WHERE id = :id AND step = :step AND state = 'OPEN'""")
                .param("now", ts(now)).param("id", questionId).param("step", step).update();
        if (rows == 0) {
            return false;
        }
        endStep(questionId, step, Outcome.ANSWERED, now, text);
        return true;
    }

    /**
     * The deputy head passes the question on as not the school's matter: the technical desk holds it
     * from now on, with its 30-day deadline.
     *
     * @return false when the step is no longer current
     */
    @Transactional
    public boolean passToTechnicalDesk(long questionId, int step, long techRequestId, @Nullable String comment) {
        Instant now = clock.instant();
        Instant deadline = rule.technicalDeadline(now);
        int rows = jdbc.sql("""
                UPDATE feedback_question SET level = 'TECHNICAL', step = step + 1, deadline_at = :deadline,
                       clock_base_at = :now, clock_days = 0, tech_request_id = :tech, updated_at = :now
                 WHERE id = :id AND step = :step AND state = 'OPEN' AND level = 'DEPUTY'""")
                .param("deadline", ts(deadline)).param("now", ts(now)).param("tech", techRequestId)
                .param("id", questionId).param("step", step).update();
        if (rows == 0) {
            return false;
        }
        endStep(questionId, step, Outcome.OUT_OF_COMPETENCE, now, comment);
        openStep(questionId, step + 1, Level.TECHNICAL, null, now, deadline);
        return true;
    }

    /**
     * The parent asked again after an answer: the holder who answered gets the question back with a
     * fresh period (a new answer link); the technical desk a fresh 30 days.
     *
     * @return the handover to a school-chain holder, or empty for the technical desk
     * @throws IllegalStateException when the question has no answer to be unhappy with
     */
    @Transactional
    public Optional<Handover> reopen(long questionId) {
        Position p = position(questionId).orElseThrow();
        if (p.state() != State.ANSWERED && p.level() != Level.TECHNICAL) {
            throw new IllegalStateException("На вопрос ещё не ответили: повторить его можно после ответа.");
        }
        Instant now = clock.instant();
        if (p.level() == Level.TECHNICAL) {
            Instant deadline = rule.technicalDeadline(now);
            jdbc.sql("""
                    UPDATE feedback_question SET state = 'OPEN', step = step + 1, deadline_at = :deadline,
                           clock_base_at = :now, warned_at = NULL, updated_at = :now WHERE id = :id AND step = :step""")
                    .param("deadline", ts(deadline)).param("now", ts(now)).param("id", questionId)
                    .param("step", p.step()).update();
            endStep(questionId, p.step(), Outcome.REPEATED, now, null);
            openStep(questionId, p.step() + 1, Level.TECHNICAL, null, now, deadline);
            return Optional.empty();
        }
        Holder holder = firstHolderFrom(p.schoolId(), p.level());
        EscalationRule.Schedule s = rule.start(holder.level(), now);
        int rows = jdbc.sql("""
                UPDATE feedback_question SET level = :level, state = 'OPEN', step = step + 1, deadline_at = :deadline,
                       clock_base_at = :base, clock_days = :days, updated_at = :now
                 WHERE id = :id AND step = :step AND state = 'ANSWERED'""")
                .param("level", holder.level().name()).param("deadline", ts(s.deadline())).param("base", ts(s.base()))
                .param("days", s.days()).param("now", ts(now)).param("id", questionId).param("step", p.step())
                .update();
        if (rows == 0) {
            throw new IllegalStateException("Вопрос уже повторён.");
        }
        String token = openStep(questionId, p.step() + 1, holder.level(), holder, now, s.deadline());
        Handover h = new Handover(questionId, p.number(), p.step() + 1, holder, p.level(), s.deadline(), token,
                Handover.Reason.REPEATED);
        listener.handedOver(h);
        return Optional.of(h);
    }

    /** The step an answer link belongs to. */
    public Optional<StepView> stepByToken(String token) {
        if (!Tokens.wellFormed(token)) {
            return Optional.empty();
        }
        return jdbc.sql("""
                SELECT s.question_id, s.seq, s.level, s.holder_name, s.holder_email, s.deadline_at, s.outcome,
                       (q.step = s.seq AND q.state = 'OPEN') AS current
                  FROM feedback_step s JOIN feedback_question q ON q.id = s.question_id
                 WHERE s.answer_token_hash = ?""")
                .param(Tokens.hash(token))
                .query((rs, n) -> new StepView(rs.getLong("question_id"), rs.getInt("seq"),
                        Level.valueOf(rs.getString("level")), rs.getString("holder_name"), rs.getString("holder_email"),
                        instant(rs, "deadline_at"), rs.getString("outcome") == null ? null
                        : Outcome.valueOf(rs.getString("outcome")), rs.getBoolean("current")))
                .optional();
    }

    private Holder firstHolderFrom(long schoolId, Level level) {
        for (Level l = level; l != null; l = l.next().orElse(null)) {
            Optional<Holder> h = holders.holderFor(schoolId, l);
            if (h.isPresent()) {
                return h.get();
            }
        }
        throw new IllegalStateException("Nobody in the feedback directory answers for school " + schoolId
                + " at level " + level + " or above: add the responsible people");
    }

    private String openStep(long questionId, int seq, Level level, @Nullable Holder holder, Instant at,
                            @Nullable Instant deadline) {
        String token = holder == null ? null : Tokens.newToken();
        jdbc.sql("""
                INSERT INTO feedback_step (question_id, seq, level, holder_org_id, holder_name, holder_email,
                                           answer_token_hash, started_at, deadline_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(questionId, seq, level.name(), holder == null ? null : holder.orgId(),
                        holder == null ? null : holder.name(), holder == null ? null : holder.email(),
                        token == null ? null : Tokens.hash(token), ts(at), ts(deadline))
                .update();
        return token;
    }

    private void endStep(long questionId, int seq, Outcome outcome, Instant at, @Nullable String text) {
        jdbc.sql("UPDATE feedback_step SET ended_at = ?, outcome = ?, answer_text = ? WHERE question_id = ? AND seq = ?")
                .params(ts(at), outcome.name(), text, questionId, seq).update();
    }

    static Timestamp ts(Instant i) {
        return i == null ? null : Timestamp.from(i);
    }

    static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
        return t == null ? null : t.toInstant();
    }
}
