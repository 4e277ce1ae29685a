package ru.supportgateway.email;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.springframework.lang.Nullable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import ru.supportgateway.desk.Desk;
import ru.supportgateway.desk.Desks;
import ru.supportgateway.journal.Correspondence;
import ru.supportgateway.journal.EventKind;
import ru.supportgateway.journal.Journal;
import ru.supportgateway.journal.JournalQueries;
import ru.supportgateway.journal.JournalRequest;
import ru.supportgateway.journal.RequestNotFoundException;
import ru.supportgateway.journal.RequestStatus;

/**
 * An operator's answer to a request: rendered from {@code templates/mail/answer.txt}, sent from the
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

    public Replies(JournalQueries queries, Journal journal, Correspondence correspondence, Outbox outbox,
                   MailTemplates templates, Desks desks, Clock clock) {
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

    @Transactional
    public Sent send(String number, String operator, String text, @Nullable RequestStatus newStatus) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("Текст ответа пуст. / The answer text is empty.");
        }
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
            journal.moveStatus(number, newStatus, operator, "Ответ отправлен заявителю");
        }
        Instant now = clock.instant();
        Map<String, Object> vars = MailTemplates.deskVariables(desk, now);
        vars.put("number", request.number());
        vars.put("tag", "[" + request.number() + "]");
        vars.put("subject", request.subject());
        vars.put("text", text.strip());
        MailTemplates.Rendered mail = templates.render("answer", vars);

        List<String> references = correspondence.messageIds(request.id());
        String inReplyTo = references.isEmpty() ? null : references.get(references.size() - 1);
        String messageId = outbox.enqueue(new OutgoingMail(desk.id(), request.id(), OutgoingMail.Kind.ANSWER, from, to,
                mail.subject(), mail.body(), inReplyTo, references, false));
        correspondence.add(new Correspondence.NewMessage(request.id(), Correspondence.Direction.OUT,
                Correspondence.Kind.EMAIL, now, operator, from, to, mail.subject(), messageId, mail.body(), null, List.of()));
        journal.record(number, EventKind.REPLY_SENT, operator, text.strip(), Map.of("to", to, "messageId", messageId));
        String status = queries.find(number).map(r -> r.status().name()).orElseThrow();
        return new Sent(number, messageId, to, mail.subject(), status);
    }
}
