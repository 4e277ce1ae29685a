package ru.supportgateway.email.intake;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.UIDFolder;
import jakarta.mail.internet.InternetHeaders;
import jakarta.mail.internet.MimeUtility;

import org.apache.camel.ExchangeProperty;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import ru.supportgateway.desk.Desk;
import ru.supportgateway.desk.Desks;

/**
 * Pipeline step 1, durable first: stores a poll's raw mail in {@code inbound_message}, committed, before
 * anything else happens (and before the mailbox copies are flagged). The same mail seen again (a second
 * delivery, another node polling the same mailbox, a re-poll after a crash) hits the unique key and
 * gets the stored row's id back, so the rest of the pipeline decides on the stored row alone.
 */
@Component("intakeStore")
public class StoreRawMail {

    public static final String PROPERTY_DESK = "deskId";
    private static final Logger log = LoggerFactory.getLogger(StoreRawMail.class);
    private static final int MAX_KEY = 400;
    private static final int READ_ATTEMPTS = 3;

    /** Read failures per mailbox message, for this node's polls only. */
    private final java.util.Map<String, Integer> readFailures = new java.util.concurrent.ConcurrentHashMap<>();

    private final InboundMessages inbound;
    private final Desks desks;
    private final Clock clock;
    private final IntakeProperties settings;
    private final TransactionTemplate transaction;

    public StoreRawMail(InboundMessages inbound, Desks desks, Clock clock, IntakeProperties settings,
                        PlatformTransactionManager transactions) {
        this.inbound = inbound;
        this.desks = desks;
        this.clock = clock;
        this.settings = settings;
        this.transaction = new TransactionTemplate(transactions);
    }

    /**
     * Stores a poll's mail (the intake route's body, {@link PollMailConsumer}) in one transaction, committed
     * when this returns; the body becomes the rows' ids, in the poll's order (a mail stored before gives the
     * stored row's id).
     */
    public List<Long> store(List<PolledMail> poll, @ExchangeProperty(PROPERTY_DESK) String deskId)
            throws MessagingException, IOException {
        Desk.EmailSettings email = desks.get(deskId).email().orElseThrow();
        Instant now = clock.instant();
        List<InboundMessages.NewInbound> rows = new ArrayList<>(poll.size());
        for (PolledMail mail : poll) {
            rows.add(newInbound(deskId, read(deskId, mail, email), now));
        }
        List<InboundMessages.Stored> stored = transaction.execute(status -> inbound.store(rows));
        List<Long> ids = new ArrayList<>(stored.size());
        for (int i = 0; i < stored.size(); i++) {
            logged(rows.get(i), stored.get(i));
            ids.add(stored.get(i).id());
        }
        return ids;
    }

    /** A mail's bytes as read, with the reason when they are not the whole mail. */
    private record Read(byte[] raw, long size, String tooLarge) {
    }

    private Read read(String deskId, PolledMail polled, Desk.EmailSettings email) throws MessagingException, IOException {
        if (polled.raw() != null) {
            byte[] raw = polled.raw();
            if (raw.length <= email.maxSize()) {
                return new Read(raw, raw.length, null);
            }
            // Keep the beginning only (the header section, normally): enough to see who sent what.
            return new Read(java.util.Arrays.copyOf(raw, (int) email.maxSize()), raw.length, tooLarge(email));
        }
        Message mail = polled.message();
        // No getSize(): it loads the IMAP ENVELOPE, which fails on some real mail (and costs a round trip).
        LimitedBuffer out = new LimitedBuffer(email.maxSize());
        try {
            mail.writeTo(out);
            return new Read(out.toByteArray(), out.size(), null);
        } catch (java.io.UncheckedIOException full) {
            if (!(full.getCause() instanceof LimitedBuffer.Full)) {
                throw full;
            }
            byte[] raw = out.toByteArray();
            return new Read(raw, Math.max(raw.length, out.seen()), tooLarge(email));
        } catch (MessagingException | IOException | RuntimeException e) {
            byte[] raw = unreadable(deskId, mail, e);
            return new Read(raw, raw.length, "cannot be read from the mailbox: " + e.getMessage());
        }
    }

    private static String tooLarge(Desk.EmailSettings email) {
        return "message too large: over " + email.maxSize() + " bytes, the desk's max-size";
    }

    /** Stores raw bytes (also used by tests and tools that feed mail without a mailbox). */
    public InboundMessages.Stored store(String deskId, byte[] raw, long size, String tooLarge) {
        InboundMessages.NewInbound row = newInbound(deskId, new Read(raw, size, tooLarge), clock.instant());
        InboundMessages.Stored stored = transaction.execute(status -> inbound.store(List.of(row))).get(0);
        logged(row, stored);
        return stored;
    }

    private InboundMessages.NewInbound newInbound(String deskId, Read read, Instant now) {
        Headers h = Headers.of(read.raw());
        String key = h.messageId() != null ? key("mid:", h.messageId()) : "sha256:" + sha256(read.raw());
        InboundState state = read.tooLarge() == null ? InboundState.RECEIVED : InboundState.QUARANTINED;
        return new InboundMessages.NewInbound(deskId, key, read.raw(), read.size(), now, state, read.tooLarge(),
                h.messageId(), h.from(), h.subject(), state == InboundState.RECEIVED ? now.plus(settings.recoveryAfter()) : null);
    }

    private static void logged(InboundMessages.NewInbound row, InboundMessages.Stored stored) {
        if (!stored.fresh()) {
            log.info("Mail {} for desk {} was stored before (inbound {}): not stored again", row.dedupKey(),
                    row.deskId(), stored.id());
        } else if (row.reason() != null) {
            log.warn("Mail {} for desk {} quarantined (inbound {}): {}", row.dedupKey(), row.deskId(), stored.id(),
                    row.reason());
        }
    }

    private static String key(String prefix, String id) {
        String clean = id.replaceAll("\\p{Cntrl}", "");
        return clean.length() <= MAX_KEY ? prefix + clean : prefix + "sha256:" + sha256(clean.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * A mail the server fails to hand over is retried on the next polls (the failure may be passing);
     * after {@value #READ_ATTEMPTS} failures it is stored in quarantine with the reason, so the mailbox
     * flags it and the intake never loops on it.
     */
    private byte[] unreadable(String deskId, Message mail, Exception e) throws MessagingException, IOException {
        String key = deskId + ":" + mailboxKey(mail);
        int failures = readFailures.merge(key, 1, Integer::sum);
        if (failures < READ_ATTEMPTS) {
            log.warn("Mail {} of desk {} could not be read (attempt {}): {}", key, deskId, failures, e.toString());
            if (e instanceof MessagingException me) {
                throw me;
            }
            throw e instanceof IOException io ? io : new IOException(e);
        }
        readFailures.remove(key);
        log.error("Mail {} of desk {} could not be read {} times: quarantined", key, deskId, failures, e);
        return ("X-Gateway-Unreadable: " + key + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
    }

    private static String mailboxKey(Message mail) {
        try {
            if (mail.getFolder() instanceof UIDFolder f) {
                return mail.getFolder().getFullName() + "/" + f.getUIDValidity() + "/" + f.getUID(mail);
            }
        } catch (MessagingException | RuntimeException ignored) {
            // fall back to the position in the folder
        }
        return "#" + mail.getMessageNumber();
    }

    /** Collects the raw mail up to the desk's limit; beyond it, stops the copy. */
    static final class LimitedBuffer extends ByteArrayOutputStream {
        private final long limit;
        private long seen;

        LimitedBuffer(long limit) {
            super(8192);
            this.limit = limit;
        }

        static final class Full extends IOException {
            Full() {
                super("limit reached", null);
            }
        }

        long seen() {
            return seen;
        }

        @Override
        public synchronized void write(int b) {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public synchronized void write(byte[] b, int off, int len) {
            seen += len;
            long room = limit - count;
            if (room > 0) {
                super.write(b, off, (int) Math.min(room, len));
            }
            if (seen > limit) {
                throw new java.io.UncheckedIOException(new Full());
            }
        }
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Message-ID, From and Subject read from the header section alone, leniently: good enough for the dedup
     * key and for showing a quarantined mail, even when the rest of the mail cannot be parsed.
     */
    record Headers(String messageId, String from, String subject) {

        static Headers of(byte[] raw) {
            try {
                InternetHeaders h = new InternetHeaders(new ByteArrayInputStream(raw));
                return new Headers(id(h.getHeader("Message-ID", null)), text(h.getHeader("From", null)),
                        text(h.getHeader("Subject", null)));
            } catch (MessagingException | RuntimeException e) {
                return new Headers(null, null, null);
            }
        }

        private static String id(String value) {
            if (value == null) {
                return null;
            }
            String v = MimeUtility.unfold(value).strip();
            int lt = v.indexOf('<');
            int gt = v.indexOf('>', lt + 1);
            if (lt >= 0 && gt > lt + 1) {
                v = v.substring(lt + 1, gt).strip();
            }
            return v.isEmpty() || v.contains(" ") ? null : v;
        }

        private static String text(String value) {
            if (value == null) {
                return null;
            }
            String decoded;
            try {
                decoded = MimeUtility.decodeText(MimeUtility.unfold(value));
            } catch (IOException | RuntimeException e) {
                decoded = value;
            }
            // PostgreSQL text takes no NUL; control characters help nobody reading the list.
            decoded = decoded.replaceAll("\\p{Cntrl}", " ").strip();
            return decoded.isEmpty() ? null : decoded.length() > 500 ? decoded.substring(0, 500) : decoded;
        }
    }
}
