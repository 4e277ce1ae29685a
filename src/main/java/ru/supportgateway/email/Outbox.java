package ru.supportgateway.email;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

import jakarta.activation.DataHandler;
import jakarta.annotation.PreDestroy;
import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.Part;
import jakarta.mail.SendFailedException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.util.ByteArrayDataSource;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.lang.Nullable;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import ru.supportgateway.db.DatabaseOutage;
import ru.supportgateway.db.SqlRows;
import ru.supportgateway.desk.SmtpServer;


/**
 * The outbox: every mail the gateway sends is stored here first and sent by the
 * {@code email-outbox} route ({@link #sendDue}), a claimed batch through one SMTP connection per server
 * (Jakarta Mail's {@link Transport}). A mail is marked sent only after the SMTP server accepted it, and
 * a mail it accepted is not sent again because its "sent" mark failed (see {@link #markSent}); a failure
 * is retried with back-off; several nodes share the work through short claims. A crash between the
 * server's acceptance and the "sent" mark (one statement per batch) can repeat that batch's accepted
 * mails: the same Message-ID then lets the recipient's client show each once.
 */
@Component("outbox")
public class Outbox {

    private static final Logger log = LoggerFactory.getLogger(Outbox.class);

    private final JdbcClient jdbc;
    private final Clock clock;
    private final OutboxProperties settings;
    private final SmtpServers smtp;
    private final TransactionTemplate transaction;
    /** The outbox's further SMTP connections ({@code gateway.outbox.connections} less the route's own thread). */
    private final ExecutorService senders;
    /** For building messages only; sending uses the session of the mail's SMTP server. */
    private final Session session = Session.getInstance(new Properties());
    /** One Jakarta Mail session per SMTP server configuration, built once. */
    private final Map<SmtpServer, Session> sessions = new ConcurrentHashMap<>();

    public Outbox(JdbcClient jdbc, Clock clock, OutboxProperties settings, SmtpServers smtp,
                  PlatformTransactionManager transactions) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.settings = settings;
        this.smtp = smtp;
        this.transaction = new TransactionTemplate(transactions);
        AtomicInteger n = new AtomicInteger();
        this.senders = Executors.newFixedThreadPool(Math.max(1, settings.connections() - 1), r -> {
            Thread t = new Thread(r, "outbox-sender-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    @PreDestroy
    void stopSenders() {
        senders.shutdown();
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
        return transaction.execute(status -> {
            Map.Entry<String, Long> queued = insert(List.of(mail)).entrySet().iterator().next();
            insertAttachments(queued.getValue(), attachments);
            return queued.getKey();
        });
    }

    /**
     * Queues several mails without files in one statement (inside the caller's transaction, if any); their
     * Message-IDs in order.
     */
    public List<String> enqueue(List<OutgoingMail> mails) {
        if (mails.isEmpty()) {
            return List.of();
        }
        return transaction.execute(status -> List.copyOf(insert(mails).keySet()));
    }

    /** Inserts the mails, each with a new Message-ID: their row ids by Message-ID, in the mails' order. */
    private Map<String, Long> insert(List<OutgoingMail> mails) {
        Timestamp now = Timestamp.from(clock.instant());
        Map<String, Long> ids = new LinkedHashMap<>();
        List<Object[]> rows = new ArrayList<>(mails.size());
        for (OutgoingMail mail : mails) {
            String messageId = "sg." + UUID.randomUUID() + "@" + mail.from().substring(mail.from().indexOf('@') + 1);
            ids.put(messageId, null);
            rows.add(new Object[] {mail.deskId(), mail.requestId(), mail.kind().name(), messageId, mail.from(),
                    mail.to(), mail.subject(), mail.body(), mail.inReplyTo(), String.join(" ", mail.references()),
                    mail.autoSubmitted(), now, now});
        }
        for (List<Object[]> chunk : SqlRows.chunks(rows, 13)) {
            jdbc.sql("""
                    INSERT INTO outbox (desk_id, request_id, kind, message_id, from_address, to_address, subject,
                                        body_text, in_reply_to, references_ids, auto_submitted, created_at,
                                        next_attempt_at)
                    VALUES %s RETURNING id, message_id""".formatted(SqlRows.values(chunk.size(),
                            "?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?")))
                    .params(chunk.stream().flatMap(Arrays::stream).toList())
                    .query((rs, n) -> ids.put(rs.getString("message_id"), rs.getLong("id"))).list();
        }
        return ids;
    }

    private void insertAttachments(long id, List<OutgoingAttachment> attachments) {
        for (int i = 0; i < attachments.size(); i++) {
            OutgoingAttachment a = attachments.get(i);
            jdbc.sql("INSERT INTO outbox_attachment (outbox_id, position, file_name, content_type, content) VALUES (?, ?, ?, ?, ?)")
                    .params(id, i, a.fileName(), a.contentType(), a.content()).update();
        }
    }

    /** A mail taken from the outbox for one sending attempt. */
    record Claimed(long id, String deskId, String messageId, String from, String to, String subject, String body,
                   @Nullable String inReplyTo, @Nullable String references, boolean autoSubmitted, int attempts,
                   boolean hasAttachments) {
    }

    /**
     * Sends what is due: claims a batch, sends it through one SMTP connection per server, marks the mails the
     * servers accepted sent and records the failures; when the batch came full (a backlog), the next batches go
     * through {@code gateway.outbox.connections} connections side by side while they come full, so that a
     * backlog drains without waiting for the next tick. Called by the {@code email-outbox} route's timer.
     *
     * @return how many mails the SMTP servers accepted
     */
    public int sendDue() {
        long claimedAt = System.nanoTime(); // taken before the claim: the lease runs from no earlier
        List<Claimed> first = claimDue();
        int sent = send(first, claimedAt);
        // a batch with nothing sent (server down or too slow) ends the round: the next tick tries again
        if (first.size() < settings.batchSize() || sent == 0) {
            return sent;
        }
        // A backlog: the other connections join in, each with batches of its own (SKIP LOCKED). Only then:
        // claims side by side would split a small round between connections.
        List<Future<Integer>> others = new ArrayList<>();
        for (int i = 1; i < settings.connections(); i++) {
            others.add(senders.submit(this::drain));
        }
        sent += drain();
        for (Future<Integer> other : others) {
            try {
                sent += other.get();
            } catch (ExecutionException e) {
                log.warn("An outbox connection's round failed; its mails are sent at a later round: {}",
                        e.getCause().toString());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return sent;
            }
        }
        return sent;
    }

    /** Claims and sends batches through one connection at a time while they come full. */
    private int drain() {
        int sent = 0;
        while (true) {
            long claimedAt = System.nanoTime();
            List<Claimed> batch = claimDue();
            int sentNow = send(batch, claimedAt);
            sent += sentNow;
            if (batch.size() < settings.batchSize() || sentNow == 0) {
                return sent;
            }
        }
    }

    /**
     * Takes the mails due now, at most a batch, for this node for the lease time. {@code SKIP LOCKED}
     * lets nodes claim side by side; an expired claim (a node died mid-send) is taken again.
     */
    List<Claimed> claimDue() {
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
                          references_ids, auto_submitted, attempts,
                          EXISTS (SELECT 1 FROM outbox_attachment a WHERE a.outbox_id = outbox.id) AS has_attachments""")
                .param("until", until).param("now", now).param("limit", settings.batchSize())
                .query((rs, n) -> new Claimed(rs.getLong("id"), rs.getString("desk_id"), rs.getString("message_id"),
                        rs.getString("from_address"), rs.getString("to_address"), rs.getString("subject"),
                        rs.getString("body_text"), rs.getString("in_reply_to"), rs.getString("references_ids"),
                        rs.getBoolean("auto_submitted"), rs.getInt("attempts"), rs.getBoolean("has_attachments")))
                .list().stream().sorted((a, b) -> Long.compare(a.id(), b.id())).toList();
    }

    /** Sends a claimed batch, one connection per SMTP server; returns how many mails were accepted. */
    private int send(List<Claimed> batch, long claimedAt) {
        Map<SmtpServer, List<Claimed>> byServer = new LinkedHashMap<>();
        for (Claimed mail : batch) {
            Optional<SmtpServer> server = smtp.forDesk(mail.deskId());
            if (server.isPresent()) {
                byServer.computeIfAbsent(server.get(), s -> new ArrayList<>()).add(mail);
            } else {
                recordFailure(mail, new IllegalStateException("No SMTP server configured (gateway.smtp)"));
            }
        }
        List<Long> accepted = new ArrayList<>();
        try {
            byServer.forEach((server, mails) -> sendThroughOneConnection(server, mails, claimedAt, accepted));
        } finally {
            // Whatever happened after them, these mails are out: they get their "sent" mark, never a retry.
            markSent(accepted, claimedAt);
        }
        return accepted.size();
    }

    /**
     * One server's share of a batch through one connection. A refused mail ({@link SendFailedException}: the
     * server said no to it, the connection is fine) is that mail's failure; a dropped connection fails the mail
     * being sent and is opened once more for the rest; a server that cannot be reached fails the rest (retried
     * after their back-off). Accepted mails are collected in {@code accepted}.
     */
    private void sendThroughOneConnection(SmtpServer server, List<Claimed> mails, long claimedAt, List<Long> accepted) {
        Transport transport = null;
        boolean reconnected = false;
        try {
            for (int i = 0; i < mails.size(); i++) {
                Claimed mail = mails.get(i);
                if (System.nanoTime() - claimedAt > sendingWindow().toNanos()) {
                    // Late in the claim: a mail sent now would leave its "sent" mark too little of the claim
                    // (at least half the lease), before another node may send it again. A fresh claim takes the rest.
                    release(mails.subList(i, mails.size()));
                    return;
                }
                MimeMessage message;
                try {
                    message = toMimeMessage(mail);
                } catch (MessagingException | RuntimeException e) {
                    recordFailure(mail, e);
                    continue;
                }
                if (transport == null) {
                    try {
                        transport = connect(server);
                    } catch (MessagingException | RuntimeException e) {
                        recordFailures(mails.subList(i, mails.size()), e);
                        return;
                    }
                }
                try {
                    transport.sendMessage(message, message.getAllRecipients());
                    accepted.add(mail.id());
                } catch (MessagingException | RuntimeException e) {
                    // Not accepted (or unknown, when the connection dropped before the server's answer: as
                    // with a connection per mail, it is sent again after its back-off, with the same Message-ID).
                    recordFailure(mail, e);
                    if (!(e instanceof SendFailedException) || !transport.isConnected()) {
                        close(transport);
                        transport = null;
                        if (reconnected) {
                            recordFailures(mails.subList(i + 1, mails.size()), e);
                            return;
                        }
                        reconnected = true;
                    }
                }
            }
        } finally {
            close(transport);
        }
    }

    /** How long after its claim a batch may still send: a quarter of the lease leaves the mark at least half. */
    private Duration sendingWindow() {
        return settings.lease().dividedBy(4);
    }

    private Transport connect(SmtpServer server) throws MessagingException {
        Transport transport = sessions.computeIfAbsent(server, Outbox::smtpSession)
                .getTransport(server.implicitTls() ? "smtps" : "smtp");
        boolean auth = server.username() != null && !server.username().isBlank();
        transport.connect(server.host(), server.port(), auth ? server.username() : null,
                auth ? (server.password() == null ? "" : server.password()) : null);
        return transport;
    }

    /**
     * The Jakarta Mail session of one SMTP server: TLS from the first byte ({@code smtps}) on port 465, else
     * STARTTLS required when {@code tls} (never a silent fall back to clear text), login when a username is set.
     */
    private static final ScheduledExecutorService WRITE_TIMEOUTS = writeTimeouts();

    private static ScheduledExecutorService writeTimeouts() {
        ScheduledThreadPoolExecutor timer = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, "smtp-write-timeouts");
            t.setDaemon(true);
            return t;
        });
        timer.setRemoveOnCancelPolicy(true); // a write that finished in time leaves nothing queued
        return timer;
    }

    private static Session smtpSession(SmtpServer server) {
        String protocol = server.implicitTls() ? "smtps" : "smtp";
        String prefix = "mail." + protocol + ".";
        Properties p = new Properties();
        p.setProperty(prefix + "host", server.host());
        p.setProperty(prefix + "port", String.valueOf(server.port()));
        p.setProperty(prefix + "connectiontimeout", "10000");
        p.setProperty(prefix + "timeout", "10000");
        // a server that stops reading mid-DATA must not hang the outbox; one timer thread for all connections
        // (by default Jakarta Mail starts a thread per connection)
        p.setProperty(prefix + "writetimeout", "10000");
        p.put(prefix + "executor.writetimeout", WRITE_TIMEOUTS);
        p.setProperty(prefix + "auth", String.valueOf(server.username() != null && !server.username().isBlank()));
        if (server.tls() && !server.implicitTls()) {
            p.setProperty("mail.smtp.starttls.enable", "true");
            p.setProperty("mail.smtp.starttls.required", "true");
        }
        return Session.getInstance(p);
    }

    private static void close(@Nullable Transport transport) {
        if (transport != null) {
            try {
                transport.close();
            } catch (MessagingException | RuntimeException e) {
                log.debug("Closing an SMTP connection failed: {}", e.getMessage());
            }
        }
    }

    /** Builds the MIME message: our own, so that incoming mail headers can never leak into it. */
    MimeMessage toMimeMessage(Claimed mail) throws MessagingException {
        MimeMessage m = new FixedIdMimeMessage(session, mail.messageId());
        m.setFrom(new InternetAddress(mail.from()));
        m.setRecipients(MimeMessage.RecipientType.TO, InternetAddress.parse(mail.to()));
        m.setSubject(mail.subject(), "UTF-8");
        // only mails with files cost a query here: most have none (claimDue tells)
        List<OutgoingAttachment> files = mail.hasAttachments() ? attachments(mail.id()) : List.of();
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
        m.saveChanges(); // Transport.sendMessage does not (Transport.send would); FixedIdMimeMessage keeps our ID
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
     * Marks mails the SMTP server accepted as sent, in one statement. The mails are out: while the database is
     * away (connection cut, server restarting) the mark is tried again, with a growing pause, until three
     * quarters of the claim's lease have passed (at least half the lease after the last send, see
     * {@link #sendingWindow}); the claim keeps other nodes off the mails meanwhile, and the last quarter is
     * the margin before it ends. Only a database away for longer than that leaves them to be sent again when
     * their claim expires (the same window as a crash right after sending). Never throws: an accepted mail is
     * never counted as a failed attempt.
     */
    void markSent(List<Long> ids, long claimedAt) {
        if (ids.isEmpty()) {
            return;
        }
        // real time (System.nanoTime), whatever the clock
        long giveUpAt = claimedAt + settings.lease().dividedBy(4).multipliedBy(3).toNanos();
        long pauseMillis = 100;
        while (true) {
            try {
                jdbc.sql("""
                        UPDATE outbox SET sent_at = :now, claimed_until = NULL, attempts = attempts + 1, last_error = NULL
                         WHERE id IN (:ids)""")
                        .param("now", Timestamp.from(clock.instant())).param("ids", ids).update();
                return;
            } catch (RuntimeException e) {
                if (!DatabaseOutage.isOutage(e) || System.nanoTime() + pauseMillis * 1_000_000 - giveUpAt > 0) {
                    log.error("Outbox mail(s) {} were accepted by the SMTP server but could not be marked sent: {}. "
                            + "They stay claimed until their lease ends; if the mark is still missing then, they are "
                            + "sent once more.", ids, describe(e));
                    return;
                }
                log.warn("Outbox mail(s) {} were sent but the database is away; marking them sent again in {} ms: {}",
                        ids, pauseMillis, e.getMessage());
                try {
                    Thread.sleep(pauseMillis);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    log.error("Outbox mail(s) {} were accepted by the SMTP server but not marked sent (interrupted); "
                            + "they are sent once more when their lease ends.", ids);
                    return;
                }
                // at most a twentieth of the lease: a short lease still gets many tries
                pauseMillis = Math.min(pauseMillis * 2, Math.max(50, Math.min(5_000, settings.lease().toMillis() / 20)));
            }
        }
    }

    private void recordFailures(List<Claimed> mails, Exception error) {
        for (Claimed mail : mails) {
            recordFailure(mail, error);
        }
    }

    /**
     * Records a failed attempt of a mail the server did not accept: retried after a doubling back-off, or given
     * up when the address is malformed, the server refused the recipient for good, or the attempts ran out.
     * When even that cannot be written (the database is away), the mail stays claimed and is tried again when
     * its claim ends.
     */
    private void recordFailure(Claimed mail, Exception error) {
        int made = mail.attempts() + 1; // the claim keeps the row's attempts as read
        boolean giveUp = isPermanent(error) || made >= settings.maxAttempts();
        Instant now = clock.instant();
        Instant next = now.plus(backoff(made));
        String message = describe(error);
        try {
            jdbc.sql("""
                    UPDATE outbox SET attempts = ?, last_error = ?, claimed_until = NULL, next_attempt_at = ?, failed_at = ?
                     WHERE id = ?""")
                    .params(made, message, Timestamp.from(next), giveUp ? Timestamp.from(now) : null, mail.id()).update();
        } catch (RuntimeException e) {
            log.warn("Outbox mail {} not sent ({}), and the failure could not be recorded: {}. It is tried again when "
                    + "its claim ends.", mail.id(), message, describe(e));
            return;
        }
        if (giveUp) {
            log.error("Outbox mail {} given up after {} attempt(s): {}", mail.id(), made, message);
        } else {
            log.warn("Outbox mail {} not sent (attempt {}), next try at {}: {}", mail.id(), made, next, message);
        }
    }

    /** Gives claimed mails back unsent, for a fresh claim (not an attempt). */
    private void release(List<Claimed> mails) {
        try {
            jdbc.sql("UPDATE outbox SET claimed_until = NULL WHERE id IN (:ids)")
                    .param("ids", mails.stream().map(Claimed::id).toList()).update();
        } catch (RuntimeException e) {
            log.warn("Outbox mails could not be released ({}); they are taken up when their claim ends", describe(e));
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
