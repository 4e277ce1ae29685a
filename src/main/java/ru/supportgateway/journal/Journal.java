package ru.supportgateway.journal;

import static ru.supportgateway.journal.JournalQueries.timestamp;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import ru.supportgateway.calendar.WorkingCalendar;
import ru.supportgateway.desk.Desk;
import ru.supportgateway.db.SqlRows;
import ru.supportgateway.desk.Desks;

/**
 * The one door for writing to the journal. Every change is recorded in the request's history with
 * who and when, in the same transaction as the change itself.
 */
@Service
public class Journal {

    private final JdbcClient jdbc;
    private final Clock clock;
    private final ObjectMapper json;
    private final JournalQueries queries;
    private final Desks desks;
    private final StatusLinks statusLinks;

    public Journal(JdbcClient jdbc, Clock clock, ObjectMapper json, JournalQueries queries, Desks desks,
                   StatusLinks statusLinks) {
        this.statusLinks = statusLinks;
        this.jdbc = jdbc;
        this.clock = clock;
        this.json = json;
        this.queries = queries;
        this.desks = desks;
    }

    /**
     * Registers a request {@link RequestStatus#INITIAL in progress} with the next number of its desk and
     * year. The number comes from {@code request_number_seq} in this transaction: concurrent registrations
     * of one desk wait for each other on that row until commit, so numbers never repeat, and a rolled-back
     * registration gives its number back. Called inside a longer transaction (e.g. storing the inbound
     * message), the desk's registrations wait for that one to end: keep such transactions short.
     */
    @Transactional
    public RegisteredRequest register(NewRequest r) {
        return register(List.of(r)).get(0);
    }

    /**
     * Registers several requests at once, in the order given (numbers ascend with it): per desk and year one
     * step of the number row, then one statement for the requests and one for their history. Each request
     * gets its applicant's status-page token ({@link StatusLinks}) here, so a link costs no later write.
     */
    @Transactional
    public List<RegisteredRequest> register(List<NewRequest> requests) {
        if (requests.isEmpty()) {
            return List.of();
        }
        Instant now = clock.instant();
        // The numbers: per desk and year, the row moves once by the count (locked until commit). Rows are locked
        // in one order, so two registrations never wait for each other in a circle.
        Map<NumberRow, Integer> counts = new TreeMap<>(NumberRow.ORDER);
        List<NumberRow> rowOf = new ArrayList<>(requests.size());
        for (NewRequest r : requests) {
            NumberRow row = new NumberRow(r.deskId(), registeredAt(r, now).atZone(r.deskZone()).getYear());
            rowOf.add(row);
            counts.merge(row, 1, Integer::sum);
        }
        Map<NumberRow, Long> nextNo = new HashMap<>();
        counts.forEach((row, count) -> nextNo.put(row, jdbc.sql("""
                INSERT INTO request_number_seq (desk_id, year, last_no) VALUES (?, ?, ?)
                ON CONFLICT (desk_id, year) DO UPDATE SET last_no = request_number_seq.last_no + EXCLUDED.last_no
                RETURNING last_no""")
                .params(row.deskId(), row.year(), count).query(Long.class).single() - count + 1));
        List<String> numbers = new ArrayList<>(requests.size());
        List<Long> seqNos = new ArrayList<>(requests.size());
        List<String> tokens = new ArrayList<>(requests.size());
        List<List<Object>> values = new ArrayList<>(requests.size());
        for (int i = 0; i < requests.size(); i++) {
            NewRequest r = requests.get(i);
            NumberRow row = rowOf.get(i);
            Instant registeredAt = registeredAt(r, now);
            Instant receivedAt = r.receivedAt() != null ? r.receivedAt() : registeredAt;
            long seqNo = nextNo.merge(row, 1L, Long::sum) - 1;
            seqNos.add(seqNo);
            numbers.add(RequestNumber.format(r.deskId(), row.year(), seqNo));
            tokens.add(statusLinks.newToken());
            values.add(Arrays.asList(numbers.get(i), r.deskId(), row.year(), seqNo, r.channel().name(),
                    r.type().name(), RequestStatus.INITIAL.name(), r.subject(), r.description(), r.organisation(),
                    r.person(), r.additionalInfo(), r.contactEmail(), r.contactPhone(), timestamp(receivedAt),
                    timestamp(registeredAt), timestamp(r.dueAt()), timestamp(now), timestamp(now), tokens.get(i)));
        }
        Map<String, Long> idOf = new HashMap<>();
        for (List<List<Object>> chunk : SqlRows.chunks(values, 20)) {
            jdbc.sql("""
                    INSERT INTO request (number, desk_id, seq_year, seq_no, channel, type, status, subject, description,
                        organisation, person, additional_info, contact_email, contact_phone,
                        received_at, registered_at, due_at, created_at, updated_at, status_token)
                    VALUES %s RETURNING id, number""".formatted(SqlRows.values(chunk.size(),
                            "?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?")))
                    .params(chunk.stream().flatMap(List::stream).toList())
                    .query((rs, n) -> idOf.put(rs.getString("number"), rs.getLong("id"))).list();
        }
        List<RegisteredRequest> registered = new ArrayList<>(requests.size());
        List<NewEvent> events = new ArrayList<>(requests.size());
        for (int i = 0; i < requests.size(); i++) {
            NewRequest r = requests.get(i);
            long id = idOf.get(numbers.get(i));
            registered.add(new RegisteredRequest(id, numbers.get(i), r.deskId(), rowOf.get(i).year(),
                    seqNos.get(i), registeredAt(r, now), tokens.get(i)));
            events.add(new NewEvent(id, now, r.registeredBy(), EventKind.REGISTERED, null, RequestStatus.INITIAL, null,
                    Map.of("channel", r.channel().name())));
        }
        insertEvents(events);
        return registered;
    }

    /** A desk's numbering of one year: the row of {@code request_number_seq}. */
    private record NumberRow(String deskId, int year) {
        static final Comparator<NumberRow> ORDER = Comparator.comparing(NumberRow::deskId)
                .thenComparingInt(NumberRow::year);
    }

    private static Instant registeredAt(NewRequest r, Instant now) {
        return r.registeredAt() != null ? r.registeredAt() : now;
    }

    /**
     * Moves a request to another status if {@link RequestStatus#canMoveTo} allows it, keeping the resolution
     * time in step ({@link RequestStatus#resolvedAtAfter}). An Error/Improvement request goes to the developer
     * only with a supervisor's approval ({@link Approvals}). Entering "Обратная связь" pauses the deadline;
     * leaving it extends {@code due_at} by the desk's working time paused.
     *
     * @param note optional; kept with the history row (e.g. what the answer was)
     * @throws IllegalStatusMoveException if the move is not allowed
     * @throws ApprovalRequiredException  if an Error/Improvement request would go to the developer unapproved
     * @throws RequestNotFoundException   if there is no such request
     */
    @Transactional
    public JournalRequest moveStatus(String number, RequestStatus to, String actor, String note) {
        Objects.requireNonNull(to, "status");
        String who = Actors.required(actor);
        JournalRequest current = lock(number);
        if (!current.status().canMoveTo(to)) {
            throw new IllegalStatusMoveException(number, current.status(), to);
        }
        if (to == RequestStatus.PASSED_TO_DEVELOPER && Approvals.needsApproval(current.type()) && !approved(current.id())) {
            throw new ApprovalRequiredException(("Обращение %s типа «%s» передаётся разработчику только после "
                    + "согласования руководителем. / Request %s (%s) needs a supervisor's approval before it is "
                    + "passed to the developer.").formatted(number, current.type().label(), number, current.type()));
        }
        Instant now = clock.instant();
        setStatus(current, to, now);
        insertEvent(current.id(), now, who, EventKind.STATUS_CHANGED, current.status(), to, Text.orNull(note), null);
        return reread(number);
    }

    /**
     * Edits fields (type, subject, contacts, Form No. 1 columns, deadline); writes one FIELD_CHANGED history
     * row per field that really changed, with its old and new value. Nothing changed, nothing written.
     */
    @Transactional
    public JournalRequest updateFields(String number, RequestChanges changes, String actor) {
        String who = Actors.required(actor);
        JournalRequest c = lock(number);
        List<FieldChange> changed = new ArrayList<>();
        RequestType type = pick("type", c.type(), changes.type(), changed);
        String subject = pick("subject", c.subject(), changes.subject() == null ? null : Text.orEmpty(changes.subject()), changed);
        String description = pick("description", c.description(),
                changes.description() == null ? null : Text.orEmpty(changes.description()), changed);
        String organisation = pickOptional("organisation", c.organisation(), changes.organisation(), changed);
        String person = pickOptional("person", c.person(), changes.person(), changed);
        String additionalInfo = pickOptional("additionalInfo", c.additionalInfo(), changes.additionalInfo(), changed);
        String note = pickOptional("note", c.note(), changes.note(), changed);
        String contactEmail = pickOptional("contactEmail", c.contactEmail(), changes.contactEmail(), changed);
        String contactPhone = pickOptional("contactPhone", c.contactPhone(), changes.contactPhone(), changed);
        Instant dueAt = pick("dueAt", c.dueAt(), changes.dueAt(), changed);
        if (changed.isEmpty()) {
            return c;
        }
        Instant now = clock.instant();
        jdbc.sql("""
                UPDATE request SET type = :type, subject = :subject, description = :description,
                    organisation = :organisation, person = :person, additional_info = :additionalInfo, note = :note,
                    contact_email = :contactEmail, contact_phone = :contactPhone, due_at = :dueAt, updated_at = :now
                WHERE id = :id""")
                .param("type", type.name()).param("subject", subject).param("description", description)
                .param("organisation", organisation).param("person", person).param("additionalInfo", additionalInfo)
                .param("note", note).param("contactEmail", contactEmail).param("contactPhone", contactPhone)
                .param("dueAt", timestamp(dueAt)).param("now", timestamp(now)).param("id", c.id())
                .update();
        for (FieldChange f : changed) {
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("field", f.field());
            details.put("from", f.from());
            details.put("to", f.to());
            insertEvent(c.id(), now, who, EventKind.FIELD_CHANGED, null, null, null, details);
        }
        return reread(number);
    }

    /** An operator's comment in the history. */
    @Transactional
    public void addNote(String number, String actor, String text) {
        record(number, EventKind.NOTE, actor, Text.required(text, "note"), null);
    }

    /**
     * The applicant came back about the same request (a reply to our letter, another call): counts the
     * repeat and, per {@link RequestStatus#afterRepeat}, reopens a finished request or hands one awaiting
     * feedback back to the specialist — recorded as REPEAT plus, if the status moved, STATUS_CHANGED.
     */
    @Transactional
    public JournalRequest recordRepeat(String number, String actor, String note) {
        String who = Actors.required(actor);
        JournalRequest current = lock(number);
        Instant now = clock.instant();
        int repeats = current.repeatCount() + 1;
        jdbc.sql("UPDATE request SET repeat_count = ?, updated_at = ? WHERE id = ?")
                .params(repeats, timestamp(now), current.id()).update();
        insertEvent(current.id(), now, who, EventKind.REPEAT, null, null, Text.orNull(note), Map.of("repeatCount", repeats));
        RequestStatus to = current.status().afterRepeat();
        if (to != current.status()) {
            setStatus(current, to, now);
            insertEvent(current.id(), now, who, EventKind.STATUS_CHANGED, current.status(), to,
                    "Повторное обращение / repeat", null);
        }
        return reread(number);
    }

    /**
     * Records something that happened to a request without changing it (a reply sent, an escalation).
     * Kinds that describe a change ({@link EventKind#journalOnly()}) are refused: use the method that makes the change.
     */
    @Transactional
    public void record(String number, EventKind kind, String actor, String note, Map<String, ?> details) {
        if (kind.journalOnly()) {
            throw new IllegalArgumentException(kind + " is written by the journal together with the change itself");
        }
        String who = Actors.required(actor);
        JournalRequest current = lock(number);
        insertEvent(current.id(), clock.instant(), who, kind, null, null, Text.orNull(note), details);
    }

    private void setStatus(JournalRequest current, RequestStatus to, Instant now) {
        Instant resolvedAt = RequestStatus.resolvedAtAfter(to, current.resolvedAt(), now);
        Instant dueAt = current.dueAt();
        if (current.status() == RequestStatus.AWAITING_FEEDBACK && to != RequestStatus.AWAITING_FEEDBACK) {
            dueAt = resumedDeadline(current, now);
        }
        // The deadline stops while the desk waits for the applicant; the pause start is kept until then.
        Instant pausedAt = to == RequestStatus.AWAITING_FEEDBACK ? now : null;
        jdbc.sql("UPDATE request SET status = ?, resolved_at = ?, due_at = ?, paused_at = ?, updated_at = ? WHERE id = ?")
                .params(to.name(), timestamp(resolvedAt), timestamp(dueAt), timestamp(pausedAt), timestamp(now),
                        current.id()).update();
        if (!Objects.equals(dueAt, current.dueAt())) {
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("field", "dueAt");
            details.put("from", printable(current.dueAt()));
            details.put("to", printable(dueAt));
            insertEvent(current.id(), now, Actors.SYSTEM, EventKind.FIELD_CHANGED, null, null,
                    "Срок продлён на время ожидания ответа заявителя", details);
        }
    }

    /**
     * The deadline after a pause in "Обратная связь": moved on by the working time (per the desk's calendar)
     * that passed while paused, so the applicant's silence does not eat the desk's time. A desk that is no
     * longer configured falls back to the wall-clock time paused.
     */
    private Instant resumedDeadline(JournalRequest current, Instant now) {
        Instant pausedAt = jdbc.sql("SELECT paused_at FROM request WHERE id = ?").param(current.id())
                .query((rs, n) -> JournalQueries.instant(rs, "paused_at")).optional().orElse(null);
        if (current.dueAt() == null || pausedAt == null || !now.isAfter(pausedAt)) {
            return current.dueAt();
        }
        WorkingCalendar calendar = desks.find(current.deskId()).map(Desk::calendar).orElse(null);
        if (calendar == null) {
            return current.dueAt().plus(Duration.between(pausedAt, now));
        }
        Duration paused = calendar.workingTimeBetween(pausedAt, now);
        // Zero paused (asked and answered outside working hours): keep the deadline exactly as it was.
        return paused.isZero() ? current.dueAt() : calendar.plusWorkingHours(current.dueAt(), paused);
    }

    private boolean approved(long requestId) {
        return jdbc.sql("SELECT count(*) FROM request_approval WHERE request_id = ?").param(requestId)
                .query(Integer.class).single() > 0;
    }

    /** Locks the request row so concurrent edits of one request apply one after another. */
    private JournalRequest lock(String number) {
        return jdbc.sql("SELECT " + JournalQueries.COLUMNS + " FROM request WHERE number = ? FOR UPDATE")
                .param(number).query(JournalQueries.REQUEST).optional()
                .orElseThrow(() -> new RequestNotFoundException(number));
    }

    private JournalRequest reread(String number) {
        return queries.find(number).orElseThrow(() -> new RequestNotFoundException(number));
    }

    private void insertEvent(long requestId, Instant at, String actor, EventKind kind, RequestStatus from,
                             RequestStatus to, String note, Map<String, ?> details) {
        insertEvents(List.of(new NewEvent(requestId, at, actor, kind, from, to, note, details)));
    }

    /** A line of a request's history, to be written. */
    private record NewEvent(long requestId, Instant at, String actor, EventKind kind, RequestStatus from,
                            RequestStatus to, String note, Map<String, ?> details) {
    }

    private void insertEvents(List<NewEvent> events) {
        for (List<NewEvent> rows : SqlRows.chunks(events, 8)) {
            List<Object> params = new ArrayList<>(rows.size() * 8);
            for (NewEvent e : rows) {
                params.addAll(Arrays.asList(e.requestId(), timestamp(e.at()), e.actor(), e.kind().name(),
                        e.from() == null ? null : e.from().name(), e.to() == null ? null : e.to().name(), e.note(),
                        e.details() == null || e.details().isEmpty() ? null : toJson(e.details())));
            }
            jdbc.sql("INSERT INTO request_event (request_id, at, actor, kind, from_status, to_status, note, details) VALUES "
                    + SqlRows.values(rows.size(), "?, ?, ?, ?, ?, ?, ?, CAST(? AS jsonb)"))
                    .params(params).update();
        }
    }

    private String toJson(Map<String, ?> details) {
        try {
            return json.writeValueAsString(details);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("Event details must be plain JSON values: " + details, e);
        }
    }

    private static <T> T pick(String field, T current, T requested, List<FieldChange> changed) {
        if (requested == null || requested.equals(current)) {
            return current;
        }
        changed.add(new FieldChange(field, printable(current), printable(requested)));
        return requested;
    }

    /** Optional text: a blank request clears the field. */
    private static String pickOptional(String field, String current, String requested, List<FieldChange> changed) {
        if (requested == null) {
            return current;
        }
        String value = Text.orNull(requested);
        if (Objects.equals(value, current)) {
            return current;
        }
        changed.add(new FieldChange(field, current, value));
        return value;
    }

    private static String printable(Object value) {
        // Enums by code, instants ISO-8601: the history is read by programs as well as people.
        return value == null ? null : value.toString();
    }

    private record FieldChange(String field, String from, String to) {
    }
}
