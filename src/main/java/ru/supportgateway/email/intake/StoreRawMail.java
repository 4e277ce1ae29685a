package ru.supportgateway.email.intake;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.HexFormat;

import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.InternetHeaders;
import jakarta.mail.internet.MimeUtility;

import org.apache.camel.Exchange;
import org.apache.camel.Header;
import org.apache.camel.component.mail.MailMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import ru.supportgateway.desk.Desk;
import ru.supportgateway.desk.Desks;

/**
 * Pipeline step 1, durable first: reads the mail's raw MIME stream once and stores it in
 * {@code inbound_message}, committed, before anything else happens. The same mail seen again (a second
 * delivery, another node polling the same mailbox, a re-poll after a crash) hits the unique key and
 * gets the stored row's id back, so the rest of the pipeline decides on the stored row alone.
 */
@Component("intakeStore")
public class StoreRawMail {

    public static final String HEADER_DESK = "deskId";
    private static final Logger log = LoggerFactory.getLogger(StoreRawMail.class);
    private static final int MAX_KEY = 400;

    private final InboundMessages inbound;
    private final Desks desks;
    private final Clock clock;
    private final IntakeProperties settings;

    public StoreRawMail(InboundMessages inbound, Desks desks, Clock clock, IntakeProperties settings) {
        this.inbound = inbound;
        this.desks = desks;
        this.clock = clock;
        this.settings = settings;
    }

    /** Stores the mail of the exchange (camel-mail with {@code mapMailMessage=false}); returns the row id. */
    public long store(Exchange exchange, @Header(HEADER_DESK) String deskId) throws MessagingException, IOException {
        // The original message, not the body: asking camel-mail for the body would map the whole MIME tree
        // with a round trip per part.
        Message mail = exchange.getIn(MailMessage.class).getOriginalMessage();
        Desk.EmailSettings email = desks.get(deskId).email().orElseThrow();
        int declared = mail.getSize();
        byte[] raw;
        String tooLarge = null;
        if (declared > email.maxSize()) {
            // Keep the header section only: enough to see who sent what, without holding the whole mail.
            raw = headerSection(mail);
            tooLarge = "message too large: " + declared + " bytes, the desk takes at most " + email.maxSize();
        } else {
            ByteArrayOutputStream out = new ByteArrayOutputStream(Math.max(declared, 1024));
            mail.writeTo(out);
            raw = out.toByteArray();
            if (raw.length > email.maxSize()) {
                tooLarge = "message too large: " + raw.length + " bytes, the desk takes at most " + email.maxSize();
            }
        }
        return store(deskId, raw, Math.max(declared, raw.length), tooLarge).id();
    }

    /** Stores raw bytes (also used by tests and tools that feed mail without a mailbox). */
    public InboundMessages.Stored store(String deskId, byte[] raw, long size, String tooLarge) {
        Headers h = Headers.of(raw);
        Instant now = clock.instant();
        String key = h.messageId() != null ? key("mid:", h.messageId()) : "sha256:" + sha256(raw);
        InboundState state = tooLarge == null ? InboundState.RECEIVED : InboundState.QUARANTINED;
        InboundMessages.Stored stored = inbound.store(new InboundMessages.NewInbound(deskId, key, raw, size, now,
                state, tooLarge, h.messageId(), h.from(), h.subject(),
                state == InboundState.RECEIVED ? now.plus(settings.recoveryAfter()) : null));
        if (!stored.fresh()) {
            log.info("Mail {} for desk {} was stored before (inbound {}): not stored again", key, deskId, stored.id());
        } else if (tooLarge != null) {
            log.warn("Mail {} for desk {} quarantined (inbound {}): {}", key, deskId, stored.id(), tooLarge);
        }
        return stored;
    }

    private static String key(String prefix, String id) {
        String clean = id.replaceAll("\\p{Cntrl}", "");
        return clean.length() <= MAX_KEY ? prefix + clean : prefix + "sha256:" + sha256(clean.getBytes(StandardCharsets.UTF_8));
    }

    private static byte[] headerSection(Message mail) throws MessagingException {
        StringBuilder sb = new StringBuilder();
        var lines = ((jakarta.mail.internet.MimeMessage) mail).getAllHeaderLines();
        while (lines.hasMoreElements()) {
            sb.append(lines.nextElement()).append("\r\n");
        }
        return sb.append("\r\n").toString().getBytes(StandardCharsets.ISO_8859_1);
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
