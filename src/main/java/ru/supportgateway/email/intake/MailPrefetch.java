package ru.supportgateway.email.intake;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.mail.FetchProfile;
import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.UIDFolder;

import org.apache.camel.component.mail.DefaultMailUidGenerator;
import org.apache.camel.component.mail.MailEndpoint;
import org.apache.camel.component.mail.MailUidGenerator;
import org.eclipse.angus.mail.iap.Response;
import org.eclipse.angus.mail.imap.IMAPFolder;
import org.eclipse.angus.mail.imap.IMAPMessage;
import org.eclipse.angus.mail.imap.Utility;
import org.eclipse.angus.mail.imap.protocol.BODY;
import org.eclipse.angus.mail.imap.protocol.FetchResponse;
import org.eclipse.angus.mail.imap.protocol.MessageSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Fetches a poll's mail in bulk instead of mail by mail. camel-mail, left alone, costs four IMAP round
 * trips per mail before our first step (the Message-ID header for its key, the flags, the raw message, and
 * the \Seen flag after). It asks its {@link MailUidGenerator} for every message's key before it processes
 * any, which is where this one comes in: at the first message it has not seen, it fetches for a window of
 * {@value #WINDOW} messages from there the flags, UID and size (one FETCH), then the raw bytes of the unseen
 * ones up to {@value #MAX_PREFETCHED_MAIL} bytes each (one FETCH of {@code BODY.PEEK[]}: nothing is flagged).
 * The bytes are kept here, not in the {@link IMAPMessage} (the open folder keeps its messages for the whole
 * connection), until {@link StoreRawMail} takes them, and are dropped at the end of the poll. Whatever is
 * not prefetched (larger mail, a FETCH the server refused, a message other than IMAP) is read mail by
 * mail as before. The key is the message's UID (no round trip), camel-mail's default where there is none.
 */
@Component("intakeMailPrefetch")
public class MailPrefetch implements MailUidGenerator {

    static final int WINDOW = 100;
    /** Larger mail is streamed by {@link StoreRawMail}, which cuts it at the desk's max-size. */
    static final int MAX_PREFETCHED_MAIL = 1024 * 1024;
    /** What all prefetched, not yet stored mail may take. */
    static final long MAX_PREFETCHED_BYTES = 32L * 1024 * 1024;
    private static final Logger log = LoggerFactory.getLogger(MailPrefetch.class);

    private final DefaultMailUidGenerator fallback = new DefaultMailUidGenerator();
    /** Raw bytes by message (IMAPMessage has identity equality). */
    private final Map<Message, byte[]> raw = new ConcurrentHashMap<>();
    /** Messages whose window was fetched (with or without their bytes), until the end of the poll. */
    private final Map<Message, Boolean> tried = new ConcurrentHashMap<>();
    private final AtomicLong bytes = new AtomicLong();

    @Override
    public String generateUuid(MailEndpoint endpoint, Message message) {
        if (message instanceof IMAPMessage m && m.getFolder() instanceof IMAPFolder folder && folder.isOpen()) {
            if (!tried.containsKey(message)) {
                prefetch(folder, m);
            }
            try {
                long uid = folder.getUID(m); // fetched with the window: no round trip
                if (uid > 0) {
                    return "imap-uid:" + folder.getUIDValidity() + "/" + uid;
                }
            } catch (MessagingException | RuntimeException e) {
                // fall back to camel-mail's key
            }
        }
        return fallback.generateUuid(endpoint, message);
    }

    /** The prefetched raw bytes of a message, once (null: read it from the mailbox). */
    public byte[] take(Message message) {
        byte[] b = raw.remove(message);
        if (b != null) {
            bytes.addAndGet(-b.length);
        }
        tried.remove(message);
        return b;
    }

    /** Drops what is left of a folder's poll (mail not processed after all). */
    public void forget(Folder folder) {
        raw.keySet().removeIf(m -> {
            if (m.getFolder() == folder) {
                byte[] b = raw.get(m);
                bytes.addAndGet(b == null ? 0 : -b.length);
                return true;
            }
            return false;
        });
        tried.keySet().removeIf(m -> m.getFolder() == folder);
    }

    private void prefetch(IMAPFolder folder, IMAPMessage first) {
        try {
            int from = first.getMessageNumber();
            int to = Math.min(folder.getMessageCount(), from + WINDOW - 1);
            if (from < 1 || to < from) {
                return;
            }
            Message[] window = folder.getMessages(from, to);
            FetchProfile fp = new FetchProfile();
            fp.add(FetchProfile.Item.FLAGS);
            fp.add(FetchProfile.Item.SIZE);
            fp.add(UIDFolder.FetchProfileItem.UID);
            folder.fetch(window, fp);
            List<Message> wanted = new ArrayList<>();
            long budget = MAX_PREFETCHED_BYTES - bytes.get();
            for (Message m : window) {
                tried.put(m, Boolean.TRUE);
                if (m.isExpunged() || m.getFlags().contains(Flags.Flag.SEEN) || m.getFlags().contains(Flags.Flag.DELETED)) {
                    continue;
                }
                int size = m.getSize();
                if (size >= 0 && size <= MAX_PREFETCHED_MAIL && size <= budget) {
                    wanted.add(m);
                    budget -= size;
                }
            }
            if (wanted.isEmpty()) {
                return;
            }
            Message[] set = wanted.toArray(Message[]::new);
            MessageSet[] sets = Utility.toMessageSet(set, null);
            Map<Integer, Message> byNumber = new java.util.HashMap<>();
            for (Message m : set) {
                byNumber.put(m.getMessageNumber(), m);
            }
            folder.doCommand(p -> {
                Response[] responses = p.fetch(sets, "BODY.PEEK[]");
                List<Response> others = new ArrayList<>();
                for (int i = 0; i < responses.length - 1; i++) {
                    Response r = responses[i];
                    Message m = r instanceof FetchResponse f ? byNumber.get(f.getNumber()) : null;
                    BODY body = m == null ? null : ((FetchResponse) r).getItem(BODY.class);
                    if (body != null && !body.isHeader() && (body.getSection() == null || body.getSection().isEmpty())
                            && body.getOrigin() <= 0 && body.getByteArray() != null) {
                        byte[] b = body.getByteArray().getNewBytes();
                        raw.put(m, b);
                        bytes.addAndGet(b.length);
                    } else if (r != null) {
                        others.add(r); // EXISTS, EXPUNGE, flags changed elsewhere: the folder must know
                    }
                }
                p.notifyResponseHandlers(others.toArray(Response[]::new));
                p.handleResult(responses[responses.length - 1]);
                return null;
            });
        } catch (MessagingException | RuntimeException e) {
            // The server refused the bulk FETCH (a broken message in the window?): mail by mail as before.
            log.debug("Bulk fetch from {} failed, reading mail by mail: {}", folder.getFullName(), e.toString());
        }
    }
}
