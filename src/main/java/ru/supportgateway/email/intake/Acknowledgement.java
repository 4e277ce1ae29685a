package ru.supportgateway.email.intake;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import ru.supportgateway.db.SqlRows;
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

    public List<Intake> acknowledge(List<Intake> batch) {
        Instant now = clock.instant();
        List<Intake> out = new ArrayList<>(batch);
        Map<Integer, String> templateOf = new LinkedHashMap<>();
        Map<Integer, MailAddress> toOf = new LinkedHashMap<>();
        for (int i = 0; i < batch.size(); i++) {
            Intake in = batch.get(i);
            String template = template(in);
            if (template == null) {
                continue;
            }
            if (!in.human()) {
                out.set(i, in.withAck(in.ackMessageId(), "no acknowledgement: automatic mail (" + in.verdict().reason()
                        + (in.verdict().detail() == null ? "" : ": " + in.verdict().detail()) + ")"));
                continue;
            }
            MailAddress to = MailRecords.replyAddress(in.mail());
            if (to == null) {
                out.set(i, in.withAck(in.ackMessageId(), "no acknowledgement: no sender address"));
                continue;
            }
            templateOf.put(i, template);
            toOf.put(i, to);
        }
        if (templateOf.isEmpty()) {
            return out;
        }
        Map<String, Integer> sent = sentInTheLastHour(toOf.values().stream().map(MailAddress::normalised).toList(), now);
        Map<String, Map<String, Object>> perDesk = new HashMap<>(); // the same for every mail of a desk
        List<Integer> acknowledged = new ArrayList<>();
        List<OutgoingMail> mails = new ArrayList<>();
        for (Map.Entry<Integer, String> e : templateOf.entrySet()) {
            Intake in = batch.get(e.getKey());
            MailAddress to = toOf.get(e.getKey());
            int already = sent.getOrDefault(to.normalised(), 0);
            if (already >= settings.ackLimitPerHour()) {
                log.warn("No acknowledgement to {} for inbound mail {}: {} sent in the last hour", to.address(),
                        in.inboundId(), already);
                out.set(e.getKey(), in.withAck(in.ackMessageId(), "no acknowledgement: " + already
                        + " acknowledgements to " + to.address() + " in the last hour (limit "
                        + settings.ackLimitPerHour() + ")"));
                continue;
            }
            sent.put(to.normalised(), already + 1);
            Desk desk = desks.get(in.deskId());
            Map<String, Object> deskPart = perDesk.computeIfAbsent(desk.id(), id -> deskVariables(desk, now));
            MailTemplates.Rendered text = templates.render(e.getValue(), variables(in, desk, deskPart));
            List<String> references = new ArrayList<>(in.mail().references());
            if (in.mail().messageId() != null) {
                references.add(in.mail().messageId());
            }
            acknowledged.add(e.getKey());
            mails.add(new OutgoingMail(desk.id(), in.request() == null ? null : in.request().id(),
                    OutgoingMail.Kind.ACKNOWLEDGEMENT, desk.email().orElseThrow().address(), to.address(),
                    text.subject(), text.body(), in.mail().messageId(), references, true));
        }
        List<String> ackIds = outbox.enqueue(mails);
        List<Correspondence.NewMessage> copies = new ArrayList<>();
        for (int k = 0; k < mails.size(); k++) {
            OutgoingMail m = mails.get(k);
            if (m.requestId() != null) {
                copies.add(new Correspondence.NewMessage(m.requestId(), Correspondence.Direction.OUT,
                        Correspondence.Kind.EMAIL, now, AUTHOR, m.from(), m.to(), m.subject(), ackIds.get(k), m.body(),
                        null, List.of()));
            }
            int i = acknowledged.get(k);
            out.set(i, batch.get(i).withAck(ackIds.get(k), null));
        }
        correspondence.add(copies);
        return out;
    }

    private static String template(Intake in) {
        if (!in.settled()) {
            throw new IllegalStateException(in + " reached the acknowledgement unsettled");
        }
        return switch (in.outcome().kind()) {
            case REGISTERED_IN_HOURS, REGISTERED_AT_OPENING -> "ack-registered";
            case REGISTERED_AFTER_HOURS -> "ack-registered-after-hours";
            case DEFERRED -> "ack-deferred";
            case THREADED -> in.refused().isEmpty() ? null : "attachment-refused";
            case FEEDBACK_REFUSED -> "feedback-refused";
            // the feedback service mailed its own receipt (number and status link)
            case REGISTERED_AS_FEEDBACK, DEFERRED_FOLLOW_UP, QUARANTINED, IGNORED -> null;
        };
    }

    /**
     * Acknowledgements to these addresses (normalised) in the last hour. Each sender's count is taken under
     * a lock on the sender until the transaction ends, on every node, so two batches never both send the
     * last one allowed; the locks are taken in one order, so two batches never wait for each other in a circle.
     */
    private Map<String, Integer> sentInTheLastHour(List<String> addresses, Instant now) {
        List<String> distinct = addresses.stream().distinct().toList();
        jdbc.sql("SELECT count(pg_advisory_xact_lock(k)) FROM (SELECT DISTINCT hashtext('ack:' || a) AS k FROM (VALUES "
                        + SqlRows.values(distinct.size(), "?") + ") v(a) ORDER BY 1) s")
                .params(distinct).query(Long.class).single();
        Map<String, Integer> sent = new HashMap<>();
        jdbc.sql("""
                SELECT lower(to_address) AS a, count(*) AS n FROM outbox
                 WHERE kind = 'ACKNOWLEDGEMENT' AND lower(to_address) IN (:addresses) AND created_at > :since
                 GROUP BY 1""")
                .param("addresses", distinct).param("since", now.minusSeconds(3600).atOffset(ZoneOffset.UTC))
                .query((rs, n) -> sent.put(rs.getString("a"), rs.getInt("n"))).list();
        return sent;
    }

    /** What every acknowledgement of a desk's batch says alike (its hours in words are worth computing once). */
    private static Map<String, Object> deskVariables(Desk desk, Instant now) {
        Map<String, Object> v = MailTemplates.deskVariables(desk, now);
        v.put("processingStartsAt", DeskHours.when(desk.calendar().nextOpening(now), desk.zone()));
        v.put("maxAttachmentSize", DeskHours.size(desk.email().orElseThrow().maxAttachmentSize()));
        v.put("answerWithinDays", desk.email().orElseThrow().answerWithinDays());
        return v;
    }

    private Map<String, Object> variables(Intake in, Desk desk, Map<String, Object> deskPart) {
        Map<String, Object> v = new HashMap<>(deskPart);
        String subject = SubjectCleaner.clean(in.mail().subject());
        v.put("subject", subject.isEmpty() ? "(без темы)" : subject);
        v.put("senderName", in.mail().from() == null ? null : in.mail().from().displayName());
        v.put("receivedAt", DeskHours.when(in.receivedAt(), desk.zone()));
        if (in.request() != null) {
            v.put("number", in.request().number());
            v.put("tag", RequestNumbers.tag(in.request().number()));
            v.put("statusLink", (in.request().statusToken() != null
                    ? statusLinks.linkForToken(in.request().statusToken())
                    : statusLinks.linkFor(in.request().number())).toString());
            v.put("registeredAt", DeskHours.when(in.request().registeredAt(), desk.zone()));
            v.put("dueAt", in.request().dueAt() == null ? null : DeskHours.when(in.request().dueAt(), desk.zone()));
        }
        v.put("reason", in.outcome().reason());
        v.put("registerAt", in.registerAt() == null ? null : DeskHours.when(in.registerAt(), desk.zone()));
        v.put("refused", in.refused().stream()
                .map(a -> Map.of("name", a.fileName(), "size", DeskHours.size(a.size()))).toList());
        return v;
    }
}
