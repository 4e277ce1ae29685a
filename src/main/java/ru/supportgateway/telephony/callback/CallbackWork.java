package ru.supportgateway.telephony.callback;

import static ru.supportgateway.telephony.Sql.ts;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import ru.supportgateway.desk.Desk;
import ru.supportgateway.desk.Desks;
import ru.supportgateway.email.DeskHours;
import ru.supportgateway.email.MailTemplates;
import ru.supportgateway.email.Outbox;
import ru.supportgateway.email.OutgoingMail;
import ru.supportgateway.journal.Channel;
import ru.supportgateway.journal.JournalQueries;
import ru.supportgateway.journal.Journal;
import ru.supportgateway.journal.JournalRequest;
import ru.supportgateway.journal.NewRequest;
import ru.supportgateway.journal.RegisteredRequest;
import ru.supportgateway.journal.RequestFilter;
import ru.supportgateway.journal.RequestType;
import ru.supportgateway.telephony.AsteriskTelephony;
import ru.supportgateway.telephony.PhoneNumbers;
import ru.supportgateway.telephony.callback.CallbackAttempts.Outcome;
import ru.supportgateway.telephony.callback.CallbackEntry.Reason;
import ru.supportgateway.telephony.callback.CallbackEntry.Status;

/**
 * An operator working the call-back queue: dialling through Asterisk, and reporting how the call went —
 * reached (a request is registered), wrong number (closed), or not reached (retried later in working hours;
 * after {@code gateway.callbacks.max-attempts} given up, and the parent is told by email if we have one).
 */
@Service
public class CallbackWork {

    private static final Logger log = LoggerFactory.getLogger(CallbackWork.class);
    static final String FAILED_TEMPLATE = "callback-failed";

    private final JdbcClient jdbc;
    private final Clock clock;
    private final Desks desks;
    private final CallbackQueue queue;
    private final CallbackAttempts attempts;
    private final CallbackProperties settings;
    private final AsteriskTelephony telephony;
    private final Journal journal;
    private final JournalQueries journalQueries;
    private final Outbox outbox;
    private final MailTemplates templates;

    public CallbackWork(JdbcClient jdbc, Clock clock, Desks desks, CallbackQueue queue, CallbackAttempts attempts,
                        CallbackProperties settings, AsteriskTelephony telephony, Journal journal,
                        JournalQueries journalQueries, Outbox outbox, MailTemplates templates) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.desks = desks;
        this.queue = queue;
        this.attempts = attempts;
        this.settings = settings;
        this.telephony = telephony;
        this.journal = journal;
        this.journalQueries = journalQueries;
        this.outbox = outbox;
        this.templates = templates;
    }

    /** Something the current state does not allow (HTTP 409), with a Russian message for the operator. */
    public static class NotPossibleException extends RuntimeException {
        public NotPossibleException(String message) {
            super(message);
        }
    }

    /** Asterisk is not configured (HTTP 503). */
    public static class TelephonyOffException extends RuntimeException {
        public TelephonyOffException() {
            super("Телефония не настроена (gateway.asterisk.host). / Telephony is not configured.");
        }
    }

    /** What the operator says about a call-back. Request fields are used for REACHED only. */
    public record Report(Outcome outcome, String note, RequestType type, String subject, String description,
                         String organisation, String person) {
    }

    /** The result of a report: the entry as it is now and, for REACHED, the registered request. */
    public record Reported(CallbackEntry entry, String requestNumber, boolean emailQueued) {
    }

    /**
     * Rings the operator's extension and then the parent (asynchronously); the attempt records what Asterisk
     * answers. Returns the attempt id at once.
     */
    public long dial(long callbackId, String operator) {
        CallbackDialer dialer = telephony.dialer().orElseThrow(TelephonyOffException::new);
        CallbackEntry entry = queue.find(callbackId).orElseThrow();
        if (entry.callerNumber() == null) {
            throw new NotPossibleException("Номер звонившего неизвестен: перезвонить нельзя.");
        }
        String extension = jdbc.sql("SELECT extension FROM operator WHERE username = ?").param(operator)
                .query(String.class).optional().filter(e -> !e.isBlank())
                .orElseThrow(() -> new NotPossibleException(
                        "У оператора " + operator + " не указан внутренний номер телефона."));
        long attemptId = attempts.start(callbackId, operator, extension);
        dialer.dial(new CallbackRequest(CallbackAttempts.ticketOf(attemptId), extension, entry.callerNumber()));
        return attemptId;
    }

    @Transactional
    public Reported report(long callbackId, String operator, Report report) {
        if (report == null || report.outcome() == null) {
            throw new IllegalArgumentException("Не указан результат звонка (outcome). / outcome is required.");
        }
        CallbackEntry entry = jdbc.sql("SELECT " + CallbackQueue.COLUMNS + " FROM callback WHERE id = ? FOR UPDATE")
                .param(callbackId).query(CallbackQueue.ENTRY).single();
        if (!entry.status().isOpen()) {
            throw new NotPossibleException("Обратный звонок уже закрыт (" + entry.status() + ").");
        }
        Desk desk = desks.get(entry.deskId());
        Instant now = clock.instant();
        recordOutcome(entry.id(), operator, report, now);
        int made = entry.attempts() + 1;
        String requestNumber = null;
        boolean emailed = false;
        switch (report.outcome()) {
            case REACHED -> {
                RegisteredRequest r = register(entry, desk, operator, report);
                requestNumber = r.number();
                jdbc.sql("""
                        UPDATE callback SET status = 'DONE', attempts = ?, request_id = ?, closed_at = ?, updated_at = ?
                        WHERE id = ?""").params(made, r.id(), ts(now), ts(now), entry.id()).update();
            }
            case WRONG_NUMBER -> jdbc.sql("""
                    UPDATE callback SET status = 'DONE', attempts = ?, closed_at = ?, updated_at = ? WHERE id = ?""")
                    .params(made, ts(now), ts(now), entry.id()).update();
            default -> {
                long unsuccessful = jdbc.sql("""
                        SELECT count(*) FROM callback_attempt
                        WHERE callback_id = ? AND outcome IN ('NO_ANSWER', 'BUSY', 'FAILED')""")
                        .param(entry.id()).query(Long.class).single();
                if (unsuccessful >= settings.maxAttempts()) {
                    Optional<String> email = emailOnFile(entry);
                    jdbc.sql("""
                            UPDATE callback SET status = 'GAVE_UP', attempts = ?, taken_by = NULL, closed_at = ?,
                                notified_email = ?, updated_at = ? WHERE id = ?""")
                            .params(made, ts(now), email.orElse(null), ts(now), entry.id()).update();
                    emailed = email.map(to -> tellByEmail(entry, desk, to, made)).orElse(false);
                    log.info("call-back {} given up after {} unsuccessful attempts; email: {}", entry.id(), unsuccessful,
                            email.orElse("none on file"));
                } else {
                    Instant due = desk.calendar().plusWorkingHours(now, settings.retryInterval());
                    jdbc.sql("""
                            UPDATE callback SET status = 'OPEN', attempts = ?, taken_by = NULL, taken_at = NULL, due_at = ?,
                                updated_at = ? WHERE id = ?""")
                            .params(made, ts(due), ts(now), entry.id()).update();
                }
            }
        }
        return new Reported(queue.find(entry.id()).orElseThrow(), requestNumber, emailed);
    }

    /** The operator's last open attempt gets the outcome; without one (dialled by hand) a new attempt is kept. */
    private void recordOutcome(long callbackId, String operator, Report report, Instant now) {
        Optional<Long> open = jdbc.sql("""
                SELECT id FROM callback_attempt WHERE callback_id = ? AND operator_username = ? AND outcome IS NULL
                ORDER BY started_at DESC, id DESC LIMIT 1""").params(callbackId, operator).query(Long.class).optional();
        if (open.isPresent()) {
            jdbc.sql("UPDATE callback_attempt SET outcome = ?, outcome_at = ?, note = ? WHERE id = ?")
                    .params(report.outcome().name(), ts(now), report.note(), open.get()).update();
        } else {
            jdbc.sql("""
                    INSERT INTO callback_attempt (callback_id, operator_username, started_at, outcome, outcome_at, note)
                    VALUES (?, ?, ?, ?, ?, ?)""")
                    .params(callbackId, operator, ts(now), report.outcome().name(), ts(now), report.note()).update();
        }
    }

    private RegisteredRequest register(CallbackEntry entry, Desk desk, String operator, Report report) {
        Channel channel = entry.reason() == Reason.VOICEMAIL ? Channel.VOICEMAIL : Channel.MISSED_CALL;
        String subject = report.subject() != null && !report.subject().isBlank() ? report.subject()
                : (entry.reason() == Reason.VOICEMAIL ? "Голосовое сообщение" : "Пропущенный звонок")
                        + " с номера " + entry.callerNumber();
        String description = report.description() != null && !report.description().isBlank() ? report.description()
                : report.note();
        NewRequest request = NewRequest.builder(desk.id(), desk.zone(), channel)
                .type(report.type())
                .subject(subject)
                .description(description)
                .organisation(report.organisation())
                .person(report.person() != null && !report.person().isBlank() ? report.person() : entry.callerName())
                .contactPhone(entry.callerNumber())
                .receivedAt(entry.voicemailAt() != null ? entry.voicemailAt() : entry.createdAt())
                .registeredBy(operator)
                .build();
        RegisteredRequest r = journal.register(request);
        log.info("call-back {} reached {}: registered {}", entry.id(), entry.callerNumber(), r.number());
        return r;
    }

    /**
     * Earlier requests of the caller's number at the entry's desk, newest first: found through the journal's
     * search by the number's digits, then kept only when the stored phone normalises to the same number.
     */
    public List<JournalRequest> earlierRequests(String deskId, String number) {
        if (number == null) {
            return List.of();
        }
        String digits = number.replaceAll("\\D", "");
        String tail = digits.length() > 10 ? digits.substring(digits.length() - 10) : digits;
        RequestFilter filter = new RequestFilter(java.util.Set.of(deskId), deskId, null, null, null, null, null, tail);
        return journalQueries.search(filter, 0, 20).content().stream()
                .filter(r -> PhoneNumbers.normalize(r.contactPhone()).filter(number::equals).isPresent())
                .toList();
    }

    private Optional<String> emailOnFile(CallbackEntry entry) {
        return earlierRequests(entry.deskId(), entry.callerNumber()).stream()
                .map(JournalRequest::contactEmail)
                .filter(e -> e != null && !e.isBlank())
                .findFirst();
    }

    private boolean tellByEmail(CallbackEntry entry, Desk desk, String to, int attemptsMade) {
        if (desk.email().isEmpty()) {
            log.warn("call-back {}: desk {} has no email address to write from; {} not told", entry.id(), desk.id(), to);
            return false;
        }
        Map<String, Object> vars = MailTemplates.deskVariables(desk, clock.instant());
        vars.put("callerName", entry.callerName());
        vars.put("callerNumber", entry.callerNumber());
        vars.put("callTime", DeskHours.when(entry.createdAt(), desk.zone()));
        vars.put("attempts", attemptsMade);
        MailTemplates.Rendered mail = templates.render(FAILED_TEMPLATE, vars);
        outbox.enqueue(new OutgoingMail(desk.id(), entry.requestId(), OutgoingMail.Kind.NOTICE,
                desk.email().get().address(), to, mail.subject(), mail.body(), null, List.of(), true));
        return true;
    }
}
