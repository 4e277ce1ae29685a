package ru.supportgateway.email;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.lang.Nullable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import ru.supportgateway.desk.Desk;
import ru.supportgateway.desk.Desks;
import ru.supportgateway.journal.ApprovalRequiredException;
import ru.supportgateway.journal.Approvals;
import ru.supportgateway.journal.Correspondence;
import ru.supportgateway.journal.EventKind;
import ru.supportgateway.journal.Journal;
import ru.supportgateway.journal.JournalQueries;
import ru.supportgateway.journal.JournalRequest;
import ru.supportgateway.journal.RejectionReason;
import ru.supportgateway.journal.RequestChanges;
import ru.supportgateway.journal.RequestNotFoundException;
import ru.supportgateway.journal.RequestStatus;
import ru.supportgateway.journal.StatusLinks;

/**
 * An operator's mail to the applicant — an answer, a request for more information, a rejection: rendered
 * from {@code templates/mail/<name>.txt}, sent from the
 * desk's address to the address the request came from, threaded under the sender's mail, recorded in
 * the correspondence and history, and (optionally) with a status move. All of it in one transaction:
 * an illegal status move sends nothing.
 */
@Service
public class Replies {

    private final JournalQueries queries;
    private final Journal journal;
    private final Correspondence correspondence;
    private final Outbox outbox;
    private final MailTemplates templates;
    private final Desks desks;
    private final Clock clock;
    private final Approvals approvals;
    private final JdbcClient jdbc;
    private final StatusLinks statusLinks;

    public Replies(JournalQueries queries, Journal journal, Correspondence correspondence, Outbox outbox,
                   MailTemplates templates, Desks desks, Clock clock, Approvals approvals, StatusLinks statusLinks, JdbcClient jdbc) {
        this.jdbc = jdbc;
        this.approvals = approvals;
        this.statusLinks = statusLinks;
        this.queries = queries;
        this.journal = journal;
        this.correspondence = correspondence;
        this.outbox = outbox;
        this.templates = templates;
        this.desks = desks;
        this.clock = clock;
    }

    /** What was sent. */
    public record Sent(String number, String messageId, String to, String subject, String status) {
    }

    /** An answer to the applicant ({@code answer.txt}), optionally moving the request on. */
    @Transactional
    public Sent send(String number, String operator, String text, @Nullable RequestStatus newStatus) {
        String answer = required(text, "Текст ответа пуст. / The answer text is empty.");
        return sendTemplate(number, operator, OutgoingMail.Kind.ANSWER, "answer", answer, newStatus, "Ответ отправлен заявителю", answer);
    }

    /**
     * Asks the applicant for the missing information ({@code info-request.txt}, regulation 001, 3.4.2) and
     * moves the request to "Обратная связь"; the journal pauses its deadline until the request leaves it.
     */
    @Transactional
    public Sent askForInformation(String number, String operator, String question) {
        String text = required(question, "Не указано, какая информация нужна. / The question is empty.");
        return sendTemplate(number, operator, OutgoingMail.Kind.INFO_REQUEST, "info-request", text, RequestStatus.AWAITING_FEEDBACK,
                "Запрошена дополнительная информация", text);
    }

    /**
     * Rejects a request for one of the regulations' reasons: a mail from {@code rejection-*.txt} (when the
     * applicant has an address), status "Закрыт", and the reason in the Form No. 1 note. Only a request
     * still being worked on can be rejected, and an Error/Improvement one only until a supervisor approved it.
     *
     * @return what was sent, or empty if the applicant has no email address (a phone request)
     */
    @Transactional
    public Optional<Sent> reject(String number, String operator, RejectionReason reason, @Nullable String comment) {
        Objects.requireNonNull(reason, "reason");
        JournalRequest request = queries.find(number).orElseThrow(() -> new RequestNotFoundException(number));
        if (request.status() != RequestStatus.IN_PROGRESS && request.status() != RequestStatus.AWAITING_FEEDBACK) {
            throw new IllegalStateException(("Отклонить можно обращение «%s» или «%s», а это — «%s». / Only a request "
                    + "in progress or awaiting feedback can be rejected.").formatted(RequestStatus.IN_PROGRESS.label(),
                    RequestStatus.AWAITING_FEEDBACK.label(), request.status().label()));
        }
        if (Approvals.needsApproval(request.type()) && approvals.of(request.id()).isPresent()) {
            throw new ApprovalRequiredException(("Обращение %s уже согласовано руководителем и не может быть отклонено. / "
                    + "Request %s is approved and can no longer be rejected.").formatted(number, number));
        }
        String extra = comment == null || comment.isBlank() ? "" : comment.strip();
        String note = "Отклонено: " + reason.label() + (extra.isEmpty() ? "" : ". " + extra);
        journal.updateFields(number, RequestChanges.none().withNote(
                request.note() == null ? note : request.note() + "\n" + note), operator);
        if (request.contactEmail() == null) {
            journal.moveStatus(number, RequestStatus.CLOSED, operator, note);
            return Optional.empty();
        }
        // No comment: the template leaves its paragraph out (null is false in th:if, "" would not be).
        return Optional.of(sendTemplate(number, operator, OutgoingMail.Kind.REJECTION, reason.template(), extra.isEmpty() ? null : extra,
                RequestStatus.CLOSED, note, note));
    }

    private Sent sendTemplate(String number, String operator, OutgoingMail.Kind kind, String template, @Nullable String text,
                              @Nullable RequestStatus newStatus, String statusNote, String historyNote) {
        JournalRequest request = queries.find(number).orElseThrow(() -> new RequestNotFoundException(number));
        Desk desk = desks.get(request.deskId());
        String from = desk.email().map(Desk.EmailSettings::address).orElseThrow(() -> new IllegalStateException(
                "У службы %s нет адреса электронной почты. / Desk %s has no email address.".formatted(desk.id(), desk.id())));
        String to = request.contactEmail();
        if (to == null || to.isBlank()) {
            throw new IllegalStateException(("У обращения %s нет адреса электронной почты заявителя. / "
                    + "Request %s has no contact email.").formatted(number, number));
        }
        if (newStatus != null) {
            journal.moveStatus(number, newStatus, operator, statusNote);
        }
        Instant now = clock.instant();
        Map<String, Object> vars = MailTemplates.deskVariables(desk, now);
        vars.put("number", request.number());
        vars.put("tag", "[" + request.number() + "]");
        vars.put("subject", request.subject());
        vars.put("text", text);
        vars.put("statusLink", statusLinks.linkFor(number).toString());
        MailTemplates.Rendered mail = templates.render(template, vars);

        List<String> references = correspondence.messageIds(request.id());
        String inReplyTo = references.isEmpty() ? null : references.get(references.size() - 1);
        String messageId = outbox.enqueue(new OutgoingMail(desk.id(), request.id(), kind, from, to,
                mail.subject(), mail.body(), inReplyTo, references, false));
        correspondence.add(new Correspondence.NewMessage(request.id(), Correspondence.Direction.OUT,
                Correspondence.Kind.EMAIL, now, operator, from, to, mail.subject(), messageId, mail.body(), null, List.of()));
        journal.record(number, EventKind.REPLY_SENT, operator, historyNote,
                Map.of("to", to, "messageId", messageId, "template", template));
        String status = queries.find(number).map(r -> r.status().name()).orElseThrow();
        return new Sent(number, messageId, to, mail.subject(), status);
    }

    /** A mail the desk sent about a request: for the applicant's status page. */
    public record SentMail(Instant at, String subject, String body) {
    }

    /**
     * The answers, information requests and rejections sent to the applicant, oldest first — not
     * acknowledgements or notices, which may quote the applicant's own letter.
     */
    public List<SentMail> sentToApplicant(long requestId) {
        return jdbc.sql("""
                SELECT m.at, m.subject, m.text_body FROM message m JOIN outbox o ON o.message_id = m.message_id
                 WHERE m.request_id = ? AND m.direction = 'OUT' AND o.kind IN ('ANSWER', 'INFO_REQUEST', 'REJECTION')
                 ORDER BY m.at, m.id""")
                .param(requestId)
                .query((rs, n) -> new SentMail(rs.getTimestamp(1).toInstant(), rs.getString(2), rs.getString(3)))
                .list();
    }

    private static String required(String text, String message) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException(message);
        }
        return text.strip();
    }
}
