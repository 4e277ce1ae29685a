package ru.supportgateway.email.intake;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import ru.supportgateway.calendar.WorkingCalendar;
import ru.supportgateway.desk.Desk;
import ru.supportgateway.desk.Desks;
import ru.supportgateway.email.MailAddress;
import ru.supportgateway.email.ParsedMail;
import ru.supportgateway.email.SubjectCleaner;
import ru.supportgateway.journal.Channel;
import ru.supportgateway.journal.Correspondence;
import ru.supportgateway.journal.Journal;
import ru.supportgateway.journal.NewRequest;
import ru.supportgateway.journal.RegisteredRequest;

/**
 * Pipeline step 6: registers a new request now, or defers it, by the desk's working-hours rules.
 * <ul>
 * <li>Received in working hours: registered at once.</li>
 * <li>After hours, {@code after-hours: register} (24x7 registration): registered at once.</li>
 * <li>After hours, {@code after-hours: defer} (regulation: "registered during the next working day"):
 *     kept DEFERRED until the next opening; the deferred poll registers it then, with that time as the
 *     registration time and the desk's next number at that moment.</li>
 * </ul>
 * Deadline: {@code answer-within-days} working days counted from the registration day; a registration
 * after hours counts from the next working day ({@link WorkingCalendar#plusWorkingDays}), so 24x7
 * registration never shortens the desk's time to answer.
 */
@Component("intakeRegistration")
public class Registration {

    private static final Logger log = LoggerFactory.getLogger(Registration.class);

    private final Desks desks;
    private final Journal journal;
    private final Correspondence correspondence;
    private final JdbcClient jdbc;
    private final Clock clock;

    public Registration(Desks desks, Journal journal, Correspondence correspondence, JdbcClient jdbc, Clock clock) {
        this.desks = desks;
        this.journal = journal;
        this.correspondence = correspondence;
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /**
     * Registers the batch's unsettled mail now, or defers it; the registrations in one go, in the batch's
     * order (numbers ascend with it).
     */
    public List<Intake> registerOrDefer(List<Intake> batch) {
        List<Intake> out = new ArrayList<>(batch);
        List<Integer> positions = new ArrayList<>();
        List<Intake.Kind> kinds = new ArrayList<>();
        List<Instant> dues = new ArrayList<>();
        List<NewRequest> requests = new ArrayList<>();
        Instant now = clock.instant();
        for (int i = 0; i < batch.size(); i++) {
            Intake in = batch.get(i);
            if (in.settled()) {
                continue;
            }
            Desk desk = desks.get(in.deskId());
            Desk.EmailSettings email = desk.email().orElseThrow();
            WorkingCalendar calendar = desk.calendar();
            Intake.Kind kind;
            Instant registeredAt;
            if (in.phase() == Intake.Phase.DEFERRED_DUE) {
                kind = Intake.Kind.REGISTERED_AT_OPENING;
                registeredAt = in.registerAt();
            } else if (calendar.isOpen(in.receivedAt())) {
                kind = Intake.Kind.REGISTERED_IN_HOURS;
                registeredAt = now;
            } else if (email.afterHours() == Desk.AfterHoursEmail.REGISTER) {
                kind = Intake.Kind.REGISTERED_AFTER_HOURS;
                registeredAt = now;
            } else {
                Instant opening = calendar.nextOpening(in.receivedAt());
                log.info("Inbound mail {} of desk {} arrived after hours: registration deferred to {}", in.inboundId(),
                        desk.id(), opening);
                out.set(i, in.deferUntil(opening, Intake.Kind.DEFERRED));
                continue;
            }
            Instant dueAt = calendar.plusWorkingDays(registeredAt, email.answerWithinDays());
            ParsedMail m = in.mail();
            MailAddress contact = MailRecords.replyAddress(m);
            String subject = SubjectCleaner.clean(m.subject());
            positions.add(i);
            kinds.add(kind);
            dues.add(dueAt);
            requests.add(NewRequest.builder(desk.id(), desk.zone(), Channel.EMAIL)
                    .subject(subject.isEmpty() ? "(без темы)" : subject)
                    .description(m.textBody())
                    .person(m.from() == null ? null : m.from().displayName())
                    .contactEmail(contact == null ? null : contact.address())
                    .receivedAt(in.receivedAt())
                    .registeredAt(registeredAt)
                    .dueAt(dueAt)
                    .build());
        }
        if (requests.isEmpty()) {
            return out;
        }
        List<RegisteredRequest> registered = journal.register(requests);
        List<Correspondence.NewMessage> letters = new ArrayList<>(registered.size());
        for (int k = 0; k < registered.size(); k++) {
            Intake in = batch.get(positions.get(k));
            letters.add(MailRecords.incoming(registered.get(k).id(), in.mail(), in.receivedAt(),
                    desks.get(in.deskId()).email().orElseThrow().address()));
        }
        correspondence.add(letters);
        for (int k = 0; k < registered.size(); k++) {
            RegisteredRequest r = registered.get(k);
            Intake in = batch.get(positions.get(k));
            if (in.ackMessageId() != null) {
                keepEarlierAcknowledgement(r.id(), in.ackMessageId());
            }
            log.info("Inbound mail {} registered as {} ({})", in.inboundId(), r.number(), kinds.get(k));
            out.set(positions.get(k), in.settle(kinds.get(k),
                    new Intake.Request(r.id(), r.number(), r.registeredAt(), dues.get(k), r.statusToken())));
        }
        return out;
    }

    /**
     * The "received, will be registered" letter sent on receipt joins the request, so a reply to it
     * threads into this request like a reply to any of our letters.
     */
    private void keepEarlierAcknowledgement(long requestId, String ackMessageId) {
        jdbc.sql("UPDATE outbox SET request_id = ? WHERE message_id = ?").params(requestId, ackMessageId).update();
        jdbc.sql("SELECT from_address, to_address, subject, body_text, created_at FROM outbox WHERE message_id = ?")
                .param(ackMessageId).query().listOfRows().stream().findFirst()
                .ifPresent((Map<String, Object> row) -> correspondence.add(new Correspondence.NewMessage(requestId,
                        Correspondence.Direction.OUT, Correspondence.Kind.EMAIL,
                        ((java.sql.Timestamp) row.get("created_at")).toInstant(), Acknowledgement.AUTHOR,
                        (String) row.get("from_address"), (String) row.get("to_address"), (String) row.get("subject"),
                        ackMessageId, (String) row.get("body_text"), null, java.util.List.of())));
    }
}
