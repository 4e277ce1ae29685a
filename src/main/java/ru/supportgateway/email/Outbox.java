package ru.supportgateway.email;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.stream.Collectors;

import jakarta.activation.DataHandler;
import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.Part;
import jakarta.mail.SendFailedException;
import jakarta.mail.Session;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.util.ByteArrayDataSource;

import org.apache.camel.ExchangeProperty;
import org.apache.camel.Header;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.lang.Nullable;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import ru.supportgateway.db.DatabaseOutage;
import ru.supportgateway.db.SqlRows;


/**
 * The outbox: every mail the gateway sends is stored here first and sent by the
 * {@code email-outbox} route. A mail is marked sent only after the SMTP server accepted it;
 * a failure is retried with back-off; several nodes share the work through short claims.
 * A crash between the server's acceptance and the "sent" mark can repeat that one mail: the
 * same Message-ID then lets the recipient's client show it once.
 */
@Component("outbox")
public class Outbox {

    public static final String HEADER_ID = "outboxId";
    public static final String HEADER_SMTP_URI = "smtpUri";
    private static final Logger log = LoggerFactory.getLogger(Outbox.class);

    private final JdbcClient jdbc;
    private final Clock clock;
    private final OutboxProperties settings;
    private final SmtpServers smtp;
    private final TransactionTemplate transaction;
    private final Session session = Session.getInstance(new Properties());

    public Outbox(JdbcClient jdbc, Clock clock, OutboxProperties settings, SmtpServers smtp,
                  PlatformTransactionManager transactions) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.settings = settings;
        this.smtp = smtp;
        this.transaction = new TransactionTemplate(transactions);
    }

    /** Queues a mail and returns its Message-ID (without angle brackets). */
    public String enqueue(OutgoingMail mail) {
        return enqueue(mail, List.of());
    }

    /**
     * Queues a mail with files attached, in one transaction so the sender never sees the mail without its
     * files; inside the caller's transaction, they are stored (or rolled back) with the caller's changes.
     */
    public String enqueue(OutgoingMail mail, List<OutgoingAttachment> attachments) {
        return transaction.execute(status -> insert(mail, attachments));
    }

    /**
     * Queues several mails without files in one statement (inside the caller's transaction, if any); their
     * Message-IDs in order.
     */
    public List<String> enqueue(List<OutgoingMail> mails) {
        if (mails.isEmpty()) {
            return List.of();
        }
        return transaction.execute(status -> {
            Timestamp now = Timestamp.from(clock.instant());
            List<String> ids = new java.util.ArrayList<>(mails.size());
            List<Object[]> rows = new java.util.ArrayList<>(mails.size());
            for (OutgoingMail mail : mails) {
                String messageId = newMessageId(mail);
                ids.add(messageId);
                rows.add(new Object[] {mail.deskId(), mail.requestId(), mail.kind().name(), messageId, mail.from(),
                        mail.to(), mail.subject(), mail.body(), mail.inReplyTo(), String.join(" ", mail.references()),
                        mail.autoSubmitted(), now, now});
            }
            for (List<Object[]> chunk : SqlRows.chunks(rows, 13)) {
                jdbc.sql("""
                        INSERT INTO outbox (desk_id, request_id, kind, message_id, from_address, to_address, subject,
                                            body_text, in_reply_to, references_ids, auto_submitted, created_at,
                                            next_attempt_at)
                        VALUES """ + SqlRows.values(chunk.size(), "?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?"))
                        .params(chunk.stream().flatMap(Arrays::stream).toList()).update();
            }
            return ids;
        });
    }

    private static String newMessageId(OutgoingMail mail) {
        return "sg." + UUID.randomUUID() + "@" + mail.from().substring(mail.from().indexOf('@') + 1);
    }

    private String insert(OutgoingMail mail, List<OutgoingAttachment> attachments) {
        String messageId = newMessageId(mail);
        Timestamp now = Timestamp.from(clock.instant());
        long id = jdbc.sql("""
                INSERT INTO outbox (desk_id, request_id, kind, message_id, from_address, to_address, subject, body_text,
                                    in_reply_to, references_ids, auto_submitted, created_at, next_attempt_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                RETURNING id""")
                .params(mail.deskId(), mail.requestId(), mail.kind().name(), messageId, mail.from(), mail.to(),
                        mail.subject(), mail.body(), mail.inReplyTo(), String.join(" ", mail.references()),
                        mail.autoSubmitted(), now, now)
                .query(Long.class).single();
        for (int i = 0; i < attachments.size(); i++) {
            OutgoingAttachment a = attachments.get(i);
            jdbc.sql("INSERT INTO outbox_attachment (outbox_id, position, file_name, content_type, content) VALUES (?, ?, ?, ?, ?)")
                    .params(id, i, a.fileName(), a.contentType(), a.content()).update();
        }
        return messageId;
    }

    /** A mail taken from the outbox for one sending attempt. */
    public record Claimed(long id, String deskId, String messageId, String from, String to, String subject, String body,
                          @Nullable String inReplyTo, @Nullable String references, boolean autoSubmitted, int attempts) {
    }

    /**
     * Takes the mails due now, at most a batch, for this node for the lease time. {@code SKIP LOCKED}
     * lets nodes claim side by side; an expired claim (a node died mid-send) is taken again.
     */
    public List<Claimed> claimDue() {
        Timestamp now = Timestamp.from(clock.instant());
        Timestamp until = Timestamp.from(clock.instant().plus(settings.lease()));
        return jdbc.sql("""
                UPDATE outbox SET claimed_until = :until
                 WHERE id IN (SELECT id FROM outbox
                               WHERE sent_at IS NULL AND failed_at IS NULL AND next_attempt_at <= :now
                                 AND (claimed_until IS NULL OR claimed_until < :now)
                               ORDER BY next_attempt_at, id
                               LIMIT :limit FOR UPDATE SKIP LOCKED)
                RETURNING id, desk_id, message_id, from_address, to_address, subject, body_text, in_reply_to,
                          references_ids, auto_submitted, attempts""")
                .param("until", until).param("now", now).param("limit", settings.batchSize())
                .query((rs, n) -> new Claimed(rs.getLong("id"), rs.getString("desk_id"), rs.getString("message_id"),
                        rs.getString("from_address"), rs.getString("to_address"), rs.getString("subject"),
                        rs.getString("body_text"), rs.getString("in_reply_to"), rs.getString("references_ids"),
                        rs.getBoolean("auto_submitted"), rs.getInt("attempts")))
                .list().stream().sorted((a, b) -> Long.compare(a.id(), b.id())).toList();
    }

    /**
     * Builds the MIME message (our own, so incoming mail headers can never leak into it) and names
     * the SMTP endpoint of the mail's desk in the {@value #HEADER_SMTP_URI} header.
     */
    public MimeMessage toMimeMessage(Claimed mail, org.apache.camel.Message camel) throws MessagingException {
        camel.setHeader(HEADER_ID, mail.id());
        camel.setHeader(HEADER_SMTP_URI, smtp.camelUri(mail.deskId()));
        MimeMessage m = new FixedIdMimeMessage(session, mail.messageId());
        m.setFrom(new InternetAddress(mail.from()));
        m.setRecipients(MimeMessage.RecipientType.TO, InternetAddress.parse(mail.to()));
        m.setSubject(mail.subject(), "UTF-8");
        List<OutgoingAttachment> files = attachments(mail.id());
        if (files.isEmpty()) {
            m.setText(mail.body(), "UTF-8");
        } else {
            MimeMultipart mixed = new MimeMultipart("mixed");
            MimeBodyPart text = new MimeBodyPart();
            text.setText(mail.body(), "UTF-8");
            mixed.addBodyPart(text);
            for (OutgoingAttachment file : files) {
                MimeBodyPart part = new MimeBodyPart();
                part.setDataHandler(new DataHandler(new ByteArrayDataSource(file.content(), file.contentType())));
                part.setFileName(file.fileName());
                part.setDisposition(Part.ATTACHMENT);
                mixed.addBodyPart(part);
            }
            m.setContent(mixed);
        }
        m.setSentDate(java.util.Date.from(clock.instant()));
        if (mail.inReplyTo() != null && !mail.inReplyTo().isBlank()) {
            m.setHeader("In-Reply-To", "<" + mail.inReplyTo() + ">");
        }
        if (mail.references() != null && !mail.references().isBlank()) {
            m.setHeader("References", Arrays.stream(mail.references().trim().split("\\s+"))
                    .map(id -> "<" + id + ">").collect(Collectors.joining(" ")));
        }
        if (mail.autoSubmitted()) {
            m.setHeader("Auto-Submitted", "auto-replied");
            m.setHeader("X-Auto-Response-Suppress", "All");
        }
        m.setHeader("X-Support-Gateway", mail.autoSubmitted() ? "ack" : "reply");
        return m;
    }

    private List<OutgoingAttachment> attachments(long outboxId) {
        return jdbc.sql("SELECT file_name, content_type, content FROM outbox_attachment WHERE outbox_id = ? ORDER BY position")
                .param(outboxId)
                .query((rs, n) -> new OutgoingAttachment(rs.getString("file_name"), rs.getString("content_type"),
                        rs.getBytes("content")))
                .list();
    }

    /**
     * Marks a mail the SMTP server accepted as sent. The mail is out: while the database is away (connection
     * cut, server restarting) the mark is tried again, with a growing pause, for up to half the claim's lease;
     * the claim keeps other nodes off the mail meanwhile. Only a database away for longer than that leaves
     * the mail to be sent again when its claim expires (the same window as a crash right after sending).
     */
    public void markSent(@Header(HEADER_ID) long id) {
        long giveUpAt = System.nanoTime() + settings.lease().dividedBy(2).toNanos(); // real time, whatever the clock
        long pauseMillis = 100;
        while (true) {
            try {
                jdbc.sql("UPDATE outbox SET sent_at = ?, claimed_until = NULL, attempts = attempts + 1, last_error = NULL WHERE id = ?")
                        .params(Timestamp.from(clock.instant()), id).update();
                return;
            } catch (RuntimeException e) {
                if (!DatabaseOutage.isOutage(e) || System.nanoTime() + pauseMillis * 1_000_000 > giveUpAt) {
                    throw e;
                }
                log.warn("Outbox mail {} was sent but the database is away; marking it sent again in {} ms: {}", id,
                        pauseMillis, e.getMessage());
                try {
                    Thread.sleep(pauseMillis);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
                pauseMillis = Math.min(pauseMillis * 2, 5_000);
            }
        }
    }

    /**
     * Records a failed attempt: retried after a doubling back-off, or given up when the address is
     * malformed, the server refused the recipient for good, or the attempts ran out. A mail the server
     * accepted ({@code smtpAccepted}) whose "sent" mark failed is not a failed attempt: it is not retried,
     * it stays claimed, and the mark is tried once more here.
     */
    public void markFailed(@Header(HEADER_ID) long id, @ExchangeProperty("CamelExceptionCaught") Throwable error,
                           @ExchangeProperty("smtpAccepted") Boolean smtpAccepted) {
        if (Boolean.TRUE.equals(smtpAccepted)) {
            log.error("Outbox mail {} was accepted by the SMTP server but could not be marked sent: {}. It stays "
                    + "claimed until its lease ends; if the mark is still missing then, it is sent once more.", id,
                    describe(error));
            markSent(id);
            return;
        }
        Integer attempts = jdbc.sql("SELECT attempts FROM outbox WHERE id = ?").param(id).query(Integer.class).single();
        int made = attempts + 1;
        boolean permanent = isPermanent(error);
        boolean giveUp = permanent || made >= settings.maxAttempts();
        Instant now = clock.instant();
        Instant next = now.plus(backoff(made));
        String message = describe(error);
        jdbc.sql("""
                UPDATE outbox SET attempts = ?, last_error = ?, claimed_until = NULL, next_attempt_at = ?, failed_at = ?
                 WHERE id = ?""")
                .params(made, message, Timestamp.from(next), giveUp ? Timestamp.from(now) : null, id).update();
        if (giveUp) {
            log.error("Outbox mail {} given up after {} attempt(s): {}", id, made, message);
        } else {
            log.warn("Outbox mail {} not sent (attempt {}), next try at {}: {}", id, made, next, message);
        }
    }

    Duration backoff(int attemptsMade) {
        Duration d = settings.retryInitial();
        for (int i = 1; i < attemptsMade && d.compareTo(settings.retryMax()) < 0; i++) {
            d = d.multipliedBy(2);
        }
        return d.compareTo(settings.retryMax()) > 0 ? settings.retryMax() : d;
    }

    private static boolean isPermanent(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof AddressException) {
                return true;
            }
            if (t instanceof SendFailedException s) {
                Address[] invalid = s.getInvalidAddresses();
                return invalid != null && invalid.length > 0;
            }
        }
        return false;
    }

    private static String describe(Throwable error) {
        if (error == null) {
            return "unknown error";
        }
        Throwable root = error;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String text = error == root ? String.valueOf(error.getMessage())
                : error.getMessage() + " (" + root.getClass().getSimpleName() + ": " + root.getMessage() + ")";
        return text.length() > 2000 ? text.substring(0, 2000) : text;
    }
}
