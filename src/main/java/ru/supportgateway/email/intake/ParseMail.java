package ru.supportgateway.email.intake;

import java.util.ArrayList;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import ru.supportgateway.desk.Desks;
import ru.supportgateway.email.MailAttachment;
import ru.supportgateway.email.MailParser;
import ru.supportgateway.email.MalformedMailException;
import ru.supportgateway.email.ParsedMail;

/**
 * Pipeline step 3: raw bytes to {@link ParsedMail}. A mail that cannot be read is quarantined (its raw
 * bytes stay, with the reason) instead of stopping the intake; attachments over the desk's
 * {@code max-attachment-size} are set aside so the sender can be told.
 */
@Component("intakeParse")
public class ParseMail {

    private static final Logger log = LoggerFactory.getLogger(ParseMail.class);

    private final MailParser parser;
    private final Desks desks;

    public ParseMail(MailParser parser, Desks desks) {
        this.parser = parser;
        this.desks = desks;
    }

    public List<Intake> parse(List<Intake> batch) {
        return batch.stream().map(this::parse).toList();
    }

    private Intake parse(Intake in) {
        if (in.settled()) {
            return in;
        }
        ParsedMail mail;
        try {
            mail = parser.parse(in.raw());
        } catch (MalformedMailException e) {
            log.warn("Inbound mail {} of desk {} quarantined: {}", in.inboundId(), in.deskId(), e.getMessage());
            return in.settle(Intake.Kind.QUARANTINED, "malformed: " + e.getMessage());
        }
        long limit = desks.get(in.deskId()).email().orElseThrow().maxAttachmentSize();
        List<MailAttachment> kept = new ArrayList<>();
        List<MailAttachment> refused = new ArrayList<>();
        for (MailAttachment a : mail.attachments()) {
            (a.size() > limit ? refused : kept).add(a);
        }
        if (!refused.isEmpty()) {
            mail = new ParsedMail(mail.messageId(), mail.inReplyTo(), mail.references(), mail.from(), mail.replyTo(),
                    mail.to(), mail.cc(), mail.subject(), mail.date(), mail.textBody(), mail.sanitisedHtml(), kept,
                    mail.automation(), mail.contentHash(), mail.rawSize());
        }
        return in.withMail(mail, refused);
    }
}
