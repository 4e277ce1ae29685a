package ru.supportgateway.feedback;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.lang.Nullable;
import org.springframework.stereotype.Repository;

import ru.supportgateway.escalation.Chain;
import ru.supportgateway.escalation.Level;

/** The {@code feedback_question} rows (the chain columns are moved by {@link Chain}) and their steps. */
@Repository
public class Questions {

    private final JdbcClient jdbc;

    public Questions(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** A question as stored. */
    public record Question(long id, long requestId, String number, Rubric rubric, long schoolId, String applicantName,
                           String applicantEmail, String text, String statusToken, Level level, Chain.State state,
                           int step, @Nullable Instant deadline, @Nullable Long techRequestId,
                           @Nullable Instant warnedAt, int repeatCount, @Nullable Instant departmentNotifiedAt,
                           Instant clockBase, Instant createdAt) {
    }

    /** A step of the chain as the status page shows it. */
    public record Step(int seq, Level level, @Nullable String holderName, Instant startedAt, @Nullable Instant deadline,
                       @Nullable Instant endedAt, @Nullable Chain.Outcome outcome, @Nullable String answerText) {
    }

    private static final String COLUMNS = """
            id, request_id, number, rubric, school_id, applicant_name, applicant_email, text, status_token, level, state,
            step, deadline_at, tech_request_id, warned_at, repeat_count, department_notified_at, clock_base_at, created_at""";

    long insert(long requestId, String number, Rubric rubric, long schoolId, NewQuestion q, String statusToken,
                Instant now) {
        return jdbc.sql("""
                INSERT INTO feedback_question (request_id, number, rubric, school_id, applicant_name, applicant_email,
                    text, source, client_ip, status_token, level, state, step, clock_base_at, created_at, updated_at)
                VALUES (:request, :number, :rubric, :school, :name, :email, :text, :source, :ip, :token,
                    :level, 'OPEN', 1, :now, :now, :now)
                RETURNING id""")
                .param("request", requestId).param("number", number).param("rubric", rubric.name())
                .param("school", schoolId).param("name", q.name()).param("email", q.email()).param("text", q.text())
                .param("source", q.source().name()).param("ip", q.clientIp()).param("token", statusToken)
                .param("level", rubric == Rubric.TECHNICAL ? Level.TECHNICAL.name() : Level.DEPUTY.name())
                .param("now", Timestamp.from(now))
                .query(Long.class).single();
    }

    public Optional<Question> find(long id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM feedback_question WHERE id = ?").param(id)
                .query(Questions::question).optional();
    }

    public Optional<Question> findByNumber(String number) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM feedback_question WHERE number = ?").param(number)
                .query(Questions::question).optional();
    }

    public Optional<Question> findByStatusToken(String token) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM feedback_question WHERE status_token = ?").param(token)
                .query(Questions::question).optional();
    }

    public List<Step> steps(long questionId) {
        return jdbc.sql("""
                SELECT seq, level, holder_name, started_at, deadline_at, ended_at, outcome, answer_text
                  FROM feedback_step WHERE question_id = ? ORDER BY seq""")
                .param(questionId)
                .query((rs, n) -> new Step(rs.getInt("seq"), Level.valueOf(rs.getString("level")),
                        rs.getString("holder_name"), instant(rs, "started_at"), instant(rs, "deadline_at"),
                        instant(rs, "ended_at"), rs.getString("outcome") == null ? null
                        : Chain.Outcome.valueOf(rs.getString("outcome")), rs.getString("answer_text")))
                .list();
    }

    /** The journal number of a request by its id. */
    public String requestNumber(long requestId) {
        return jdbc.sql("SELECT number FROM request WHERE id = ?").param(requestId).query(String.class).single();
    }

    /** Counts the repeat; returns the new count. */
    int countRepeat(long questionId) {
        return jdbc.sql("UPDATE feedback_question SET repeat_count = repeat_count + 1 WHERE id = ? RETURNING repeat_count")
                .param(questionId).query(Integer.class).single();
    }

    /** Marks the department notified once; false if it already was. */
    boolean markDepartmentNotified(long questionId, Instant now) {
        return jdbc.sql("UPDATE feedback_question SET department_notified_at = ? WHERE id = ? AND department_notified_at IS NULL")
                .params(Timestamp.from(now), questionId).update() == 1;
    }

    /** Questions accepted since {@code since} from this address / this applicant (the rate limit). */
    int countSinceByIp(String ip, Instant since, Instant now) {
        return jdbc.sql("SELECT count(*) FROM feedback_question WHERE client_ip = ? AND created_at > ? AND created_at <= ?")
                .params(ip, Timestamp.from(since), Timestamp.from(now)).query(Integer.class).single();
    }

    int countSinceByEmail(String email, Instant since, Instant now) {
        return jdbc.sql("""
                SELECT count(*) FROM feedback_question WHERE lower(applicant_email) = lower(?) AND created_at > ? AND created_at <= ?""")
                .params(email, Timestamp.from(since), Timestamp.from(now)).query(Integer.class).single();
    }

    /** Open technical questions of the technical desk with their deadlines, soonest first (for the operators' UI). */
    public List<Question> openTechnical() {
        return jdbc.sql("SELECT " + COLUMNS + " FROM feedback_question WHERE level = 'TECHNICAL' AND state = 'OPEN' ORDER BY deadline_at, id")
                .query(Questions::question).list();
    }

    private static Question question(ResultSet rs, int n) throws SQLException {
        long tech = rs.getLong("tech_request_id");
        Long techId = rs.wasNull() ? null : tech;
        return new Question(rs.getLong("id"), rs.getLong("request_id"), rs.getString("number"),
                Rubric.valueOf(rs.getString("rubric")), rs.getLong("school_id"), rs.getString("applicant_name"),
                rs.getString("applicant_email"), rs.getString("text"), rs.getString("status_token"),
                Level.valueOf(rs.getString("level")), Chain.State.valueOf(rs.getString("state")), rs.getInt("step"),
                instant(rs, "deadline_at"), techId, instant(rs, "warned_at"), rs.getInt("repeat_count"),
                instant(rs, "department_notified_at"), instant(rs, "clock_base_at"), instant(rs, "created_at"));
    }

    static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
        return t == null ? null : t.toInstant();
    }
}
