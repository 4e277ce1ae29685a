package ru.supportgateway.telephony.call;

import static ru.supportgateway.telephony.Sql.instant;
import static ru.supportgateway.telephony.Sql.integer;
import static ru.supportgateway.telephony.Sql.longOrNull;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import ru.supportgateway.desk.Desk;
import ru.supportgateway.desk.Desks;
import ru.supportgateway.journal.Channel;
import ru.supportgateway.journal.Journal;
import ru.supportgateway.journal.NewRequest;
import ru.supportgateway.journal.RegisteredRequest;
import ru.supportgateway.journal.RequestType;

/**
 * Answered calls are request drafts: the {@code call} row waits for the operator who took the call to
 * register it with what the conversation was about. Registering at once would put calls that were not
 * requests (a wrong number, a question about an existing request) into the journal, whose numbers cannot
 * be taken back; and the operator knows the type and description only after hanging up.
 */
@Service
public class CallDrafts {

    static final String COLUMNS = """
            id, linkedid, desk_id, outcome, caller_number, caller_number_raw, caller_name, started_at, ended_at,
            wait_seconds, talk_seconds, operator_name, operator_username, request_id
            """;

    private final JdbcClient jdbc;
    private final Desks desks;
    private final Journal journal;

    public CallDrafts(JdbcClient jdbc, Desks desks, Journal journal) {
        this.jdbc = jdbc;
        this.desks = desks;
        this.journal = journal;
    }

    public record Call(long id, String linkedid, String deskId, CallOutcome outcome, String callerNumber,
                       String callerNumberRaw, String callerName, Instant startedAt, Instant endedAt,
                       Integer waitSeconds, Integer talkSeconds, String operatorName, String operatorUsername,
                       Long requestId) {
    }

    /** What the operator fills in to register an answered call. */
    public record Registration(RequestType type, String subject, String description, String organisation,
                               String person, String contactEmail) {
    }

    /** The call is already registered (HTTP 409). */
    public static class AlreadyRegisteredException extends RuntimeException {
        public AlreadyRegisteredException(long id) {
            super("Звонок " + id + " уже зарегистрирован. / Call already registered.");
        }
    }

    public Optional<Call> find(long id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM call WHERE id = ?").param(id).query(CallDrafts::call).optional();
    }

    /**
     * Answered, unregistered calls of these desks taken by this operator, or by nobody the gateway could map
     * to an operator (any operator of the desk may then register them); newest first.
     */
    public List<Call> draftsOf(String operator, Collection<String> deskIds) {
        if (deskIds.isEmpty()) {
            return List.of();
        }
        return jdbc.sql("SELECT " + COLUMNS + """
                 FROM call WHERE outcome = 'ANSWERED' AND request_id IS NULL AND desk_id IN (:desks)
                   AND (operator_username = :op OR operator_username IS NULL)
                 ORDER BY started_at DESC, id DESC""")
                .param("desks", deskIds).param("op", operator).query(CallDrafts::call).list();
    }

    /** Registers the call in the journal (channel PHONE, caller's number, time of the call) and links it. */
    @Transactional
    public RegisteredRequest register(long callId, String operator, Registration r) {
        Call call = jdbc.sql("SELECT " + COLUMNS + " FROM call WHERE id = ? FOR UPDATE").param(callId)
                .query(CallDrafts::call).single();
        if (call.requestId() != null) {
            throw new AlreadyRegisteredException(callId);
        }
        if (call.outcome() != CallOutcome.ANSWERED || call.deskId() == null) {
            throw new IllegalArgumentException("Регистрируются только отвеченные звонки службы. / Only answered calls of a desk.");
        }
        if (r == null || r.description() == null || r.description().isBlank()) {
            throw new IllegalArgumentException("Опишите обращение (description). / description is required.");
        }
        Desk desk = desks.get(call.deskId());
        String number = call.callerNumber() != null ? call.callerNumber() : call.callerNumberRaw();
        RegisteredRequest registered = journal.register(NewRequest.builder(desk.id(), desk.zone(), Channel.PHONE)
                .type(r.type())
                .subject(r.subject() != null && !r.subject().isBlank() ? r.subject() : "Звонок с номера " + number)
                .description(r.description())
                .organisation(r.organisation())
                .person(r.person() != null && !r.person().isBlank() ? r.person() : call.callerName())
                .contactPhone(number)
                .contactEmail(r.contactEmail())
                .receivedAt(call.startedAt())
                .registeredBy(operator)
                .build());
        jdbc.sql("UPDATE call SET request_id = ? WHERE id = ?").params(registered.id(), callId).update();
        return registered;
    }

    private static Call call(ResultSet rs, int n) throws SQLException {
        return new Call(rs.getLong("id"), rs.getString("linkedid"), rs.getString("desk_id"),
                CallOutcome.valueOf(rs.getString("outcome")), rs.getString("caller_number"),
                rs.getString("caller_number_raw"), rs.getString("caller_name"), instant(rs, "started_at"),
                instant(rs, "ended_at"), integer(rs, "wait_seconds"), integer(rs, "talk_seconds"),
                rs.getString("operator_name"), rs.getString("operator_username"), longOrNull(rs, "request_id"));
    }
}
