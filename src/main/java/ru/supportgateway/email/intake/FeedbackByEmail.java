package ru.supportgateway.email.intake;

import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.InternetHeaders;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import ru.supportgateway.email.MailAddress;
import ru.supportgateway.email.MailAttachment;
import ru.supportgateway.email.ParsedMail;
import ru.supportgateway.email.SubjectCleaner;
import ru.supportgateway.escalation.EscalationProperties;
import ru.supportgateway.feedback.Directory;
import ru.supportgateway.feedback.FeedbackService;
import ru.supportgateway.feedback.InvalidQuestionException;
import ru.supportgateway.feedback.Organisation;
import ru.supportgateway.feedback.TooManyQuestionsException;
import ru.supportgateway.feedback.Upload;
import ru.supportgateway.journal.JournalQueries;
import ru.supportgateway.journal.JournalRequest;

/**
 * Pipeline step between threading and registration, for the feedback desk's mailbox only: schools'
 * feedback addresses are aliases delivered to that mailbox, and a letter sent to one of them (To, Cc, or
 * the alias the mail server recorded in X-Original-To / Delivered-To) is a question to that school, as if
 * asked on the form with the rubric «Вопрос к школе»: the feedback service registers it, starts the
 * school's chain and mails the parent its receipt. A letter the service refuses (over 500 characters,
 * more than one file, asked too often) is answered with the reason and kept as REFUSED. A letter naming no
 * school, or written by a robot, goes on to ordinary registration.
 */
@Component("intakeFeedback")
public class FeedbackByEmail {

    private static final Logger log = LoggerFactory.getLogger(FeedbackByEmail.class);
    /** Headers where mail servers record the address a letter was delivered for (aliases). */
    private static final List<String> DELIVERY_HEADERS = List.of("X-Original-To", "Delivered-To");

    private final EscalationProperties chain;
    private final Directory directory;
    private final FeedbackService feedback;
    private final JournalQueries queries;

    public FeedbackByEmail(EscalationProperties chain, Directory directory, FeedbackService feedback,
                           JournalQueries queries) {
        this.chain = chain;
        this.directory = directory;
        this.feedback = feedback;
        this.queries = queries;
    }

    public List<Intake> ask(List<Intake> batch) {
        return batch.stream().map(this::ask).toList();
    }

    private Intake ask(Intake in) {
        if (in.settled() || !in.deskId().equals(chain.desk()) || !in.human()) {
            return in;
        }
        ParsedMail m = in.mail();
        MailAddress contact = MailRecords.replyAddress(m);
        if (contact == null) {
            return in;
        }
        Optional<Organisation> school = directory.schoolByEmail(recipients(m, in.raw()));
        if (school.isEmpty()) {
            return in;
        }
        String name = m.from() != null && m.from().displayName() != null && !m.from().displayName().isBlank()
                ? m.from().displayName() : contact.address();
        String text = m.textBody().isBlank() ? SubjectCleaner.clean(m.subject()) : m.textBody();
        try {
            FeedbackService.Registered r = feedback.askByEmail(school.get().id(), name, contact.address(), text,
                    uploads(in), m.messageId());
            JournalRequest request = queries.find(r.number()).orElseThrow();
            log.info("Inbound mail {} registered as feedback question {} to {}", in.inboundId(), r.number(),
                    school.get().name());
            return in.settle(Intake.Kind.REGISTERED_AS_FEEDBACK,
                    new Intake.Request(request.id(), request.number(), request.registeredAt(), request.dueAt(), null));
        } catch (InvalidQuestionException e) {
            log.info("Inbound mail {} to {} refused as a feedback question: {}", in.inboundId(), school.get().name(),
                    e.getMessage());
            return in.settle(Intake.Kind.FEEDBACK_REFUSED, String.join("\n", e.errors().values()));
        } catch (TooManyQuestionsException e) {
            log.info("Inbound mail {} to {} refused: rate limit", in.inboundId(), school.get().name());
            return in.settle(Intake.Kind.FEEDBACK_REFUSED, e.getMessage());
        }
    }

    /**
     * The letter's files as the form would get them: real attachments only, not images shown in the body
     * (a signature's logo). Attachments the intake set aside as too large are included, so the parent is
     * told about them by the feedback service's own check instead of losing them silently.
     */
    private static List<Upload> uploads(Intake in) {
        String html = in.mail().sanitisedHtml();
        return Stream.concat(in.mail().attachments().stream(), in.refused().stream())
                .filter(a -> realAttachment(a, html))
                .map(a -> new Upload(a.fileName(), a.contentType(), a.bytes()))
                .toList();
    }

    /** To, Cc, then the delivery headers: a school's alias may be only in the latter (Bcc, lists). */
    static List<String> recipients(ParsedMail m, byte[] raw) {
        List<String> all = new ArrayList<>();
        Stream.concat(m.to().stream(), m.cc().stream()).map(MailAddress::address).forEach(all::add);
        try {
            InternetHeaders headers = new InternetHeaders(new ByteArrayInputStream(raw));
            for (String name : DELIVERY_HEADERS) {
                String[] values = headers.getHeader(name);
                if (values == null) {
                    continue;
                }
                for (String v : values) {
                    try {
                        for (InternetAddress a : InternetAddress.parseHeader(v, false)) {
                            all.add(a.getAddress());
                        }
                    } catch (AddressException unreadable) {
                        // a broken delivery header names no school; To and Cc still count
                    }
                }
            }
        } catch (MessagingException unreadable) {
            // the parser read the mail already; without its raw headers To and Cc still count
        }
        return all.stream().filter(a -> a != null && !a.isBlank()).distinct().toList();
    }

    /** Inline parts, and parts the HTML body shows by their Content-ID, are the body's pictures, not files. */
    static boolean realAttachment(MailAttachment a, String html) {
        return !a.inline() && !(a.contentId() != null && html != null && html.contains("cid:" + a.contentId()));
    }
}
