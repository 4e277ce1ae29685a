package ru.supportgateway.email.intake;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import ru.supportgateway.desk.Desk;
import ru.supportgateway.desk.Desks;
import ru.supportgateway.email.MailAddress;
import ru.supportgateway.email.DeskHours;
import ru.supportgateway.email.MailTemplates;
import ru.supportgateway.email.Outbox;
import ru.supportgateway.email.OutgoingMail;
import ru.supportgateway.email.RequestNumbers;
import ru.supportgateway.email.SubjectCleaner;
import ru.supportgateway.journal.Correspondence;
import ru.supportgateway.journal.StatusLinks;

/**
 * Pipeline step 7: tells the sender what happens next, through the outbox (in the processing
 * transaction, so an acknowledgement exists exactly when its mail's outcome does). Templates in
 * {@code templates/mail/}: {@code ack-registered}, {@code ack-registered-after-hours}, {@code ack-deferred},
 * {@code attachment-refused} for a follow-up whose attachment was too large (follow-ups are not
 * acknowledged otherwise), and {@code feedback-refused} for a letter to a school's feedback address that
 * the feedback service could not accept (with its reason). Never to automatic mail, and at most {@code gateway.email.ack-limit-per-hour}
 * to one address, counted in the outbox: a robot that slips through the loop guard gets a few letters,
 * not an endless exchange.
 */
@Component("intakeAcknowledgement")
public class Acknowledgement {

    /** Recorded as the author of acknowledgements in the correspondence. */
    static final String AUTHOR = "system";
    private static final Logger log = LoggerFactory.getLogger(Acknowledgement.class);

    private final Desks desks;
    private final MailTemplates templates;
    private final Outbox outbox;
    private final Correspondence correspondence;
    private final JdbcClient jdbc;
    private final Clock clock;
    private final IntakeProperties settings;
    private final StatusLinks statusLinks;

    public Acknowledgement(Desks desks, MailTemplates templates, Outbox outbox, Correspondence correspondence,
                           JdbcClient jdbc, Clock clock, IntakeProperties settings, StatusLinks statusLinks) {
        this.desks = desks;
        this.templates = templates;
        this.outbox = outbox;
        this.correspondence = correspondence;
        this.jdbc = jdbc;
        this.clock = clock;
        this.settings = settings;
        this.statusLinks = statusLinks;
    }

    public Intake acknowledge(Intake in) {
        if (!in.settled()) {
            throw new IllegalStateException(in + " reached the acknowledgement unsettled");
        }
        String template = switch (in.outcome().kind()) {
            case REGISTERED_IN_HOURS, REGISTERED_AT_OPENING -> "ack-registered";
            case REGISTERED_AFTER_HOURS -> "ack-registered-after-hours";
            case DEFERRED -> "ack-deferred";
            case THREADED -> in.refused().isEmpty() ? null : "attachment-refused";
            case FEEDBACK_REFUSED -> "feedback-refused";
            // the feedback service mailed its own receipt (number and status link)
            case REGISTERED_AS_FEEDBACK, DEFERRED_FOLLOW_UP, QUARANTINED, IGNORED -> null;
        };
        if (template == null) {
            return in;
        }
        if (!in.human()) {
            return in.withAck(in.ackMessageId(), "no acknowledgement: automatic mail (" + in.verdict().reason()
                    + (in.verdict().detail() == null ? "" : ": " + in.verdict().detail()) + ")");
        }
        MailAddress to = MailRecords.replyAddress(in.mail());
        if (to == null) {
            return in.withAck(in.ackMessageId(), "no acknowledgement: no sender address");
        }
        Instant now = clock.instant();
        // One sender's acknowledgements are counted one transaction at a time, on every node.
        jdbc.sql("SELECT pg_advisory_xact_lock(hashtext(?))").param("ack:" + to.normalised()).query().listOfRows();
        int sent = jdbc.sql("""
                SELECT count(*) FROM outbox
                 WHERE kind = 'ACKNOWLEDGEMENT' AND lower(to_address) = ? AND created_at > ?""")
                .params(to.normalised(), now.minusSeconds(3600).atOffset(ZoneOffset.UTC)).query(Integer.class).single();
        if (sent >= settings.ackLimitPerHour()) {
            log.warn("No acknowledgement to {} for inbound mail {}: {} sent in the last hour", to.address(),
                    in.inboundId(), sent);
            return in.withAck(in.ackMessageId(), "no acknowledgement: " + sent + " acknowledgements to "
                    + to.address() + " in the last hour (limit " + settings.ackLimitPerHour() + ")");
        }

        Desk desk = desks.get(in.deskId());
        Desk.EmailSettings email = desk.email().orElseThrow();
        MailTemplates.Rendered text = templates.render(template, variables(in, desk, now));
        List<String> references = new ArrayList<>(in.mail().references());
        if (in.mail().messageId() != null) {
            references.add(in.mail().messageId());
        }
        Long requestId = in.request() == null ? null : in.request().id();
        String ackId = outbox.enqueue(new OutgoingMail(desk.id(), requestId, OutgoingMail.Kind.ACKNOWLEDGEMENT,
                email.address(), to.address(), text.subject(), text.body(), in.mail().messageId(), references, true));
        if (requestId != null) {
            correspondence.add(new Correspondence.NewMessage(requestId, Correspondence.Direction.OUT,
                    Correspondence.Kind.EMAIL, now, AUTHOR, email.address(), to.address(), text.subject(), ackId,
                    text.body(), null, List.of()));
        }
        return in.withAck(ackId, null);
    }

    private Map<String, Object> variables(Intake in, Desk desk, Instant now) {
        Map<String, Object> v = MailTemplates.deskVariables(desk, now);
        String subject = SubjectCleaner.clean(in.mail().subject());
        v.put("subject", subject.isEmpty() ? "(без темы)" : subject);
        v.put("senderName", in.mail().from() == null ? null : in.mail().from().displayName());
        v.put("receivedAt", DeskHours.when(in.receivedAt(), desk.zone()));
        if (in.request() != null) {
            v.put("number", in.request().number());
            v.put("tag", RequestNumbers.tag(in.request().number()));
            v.put("statusLink", statusLinks.linkFor(in.request().number()).toString());
            v.put("registeredAt", DeskHours.when(in.request().registeredAt(), desk.zone()));
            v.put("dueAt", in.request().dueAt() == null ? null : DeskHours.when(in.request().dueAt(), desk.zone()));
        }
        v.put("reason", in.outcome().reason());
        v.put("processingStartsAt", DeskHours.when(desk.calendar().nextOpening(now), desk.zone()));
        v.put("registerAt", in.registerAt() == null ? null : DeskHours.when(in.registerAt(), desk.zone()));
        v.put("refused", in.refused().stream()
                .map(a -> Map.of("name", a.fileName(), "size", DeskHours.size(a.size()))).toList());
        v.put("maxAttachmentSize", DeskHours.size(desk.email().orElseThrow().maxAttachmentSize()));
        v.put("answerWithinDays", desk.email().orElseThrow().answerWithinDays());
        return v;
    }
}
