package ru.supportgateway.email.intake;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.mail.FetchProfile;
import jakarta.mail.Flags;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.UIDFolder;

import org.eclipse.angus.mail.iap.Response;
import org.eclipse.angus.mail.imap.IMAPFolder;
import org.eclipse.angus.mail.imap.Utility;
import org.eclipse.angus.mail.imap.protocol.BODY;
import org.eclipse.angus.mail.imap.protocol.FetchResponse;
import org.eclipse.angus.mail.imap.protocol.MessageSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads a poll's mail in two IMAP commands instead of several round trips per mail: one FETCH of the flags,
 * UIDs and sizes, one FETCH of {@code BODY.PEEK[]} (the exact raw bytes; nothing is flagged) for the mail up
 * to {@value #MAX_MAIL} bytes each and {@value #MAX_POLL_BYTES} in all. Larger mail, and any mail when the
 * server refuses the bulk FETCH, comes back without bytes and is read on its own when it is stored.
 */
final class MailboxFetch {

    static final int MAX_MAIL = 1024 * 1024;
    static final long MAX_POLL_BYTES = 32L * 1024 * 1024;
    private static final Logger log = LoggerFactory.getLogger(MailboxFetch.class);

    private MailboxFetch() {
    }

    /** The poll's mail in its order, those deleted meanwhile left out. */
    static List<PolledMail> fetch(List<Message> messages) throws MessagingException {
        if (messages.isEmpty()) {
            return List.of();
        }
        if (!(messages.get(0).getFolder() instanceof IMAPFolder folder)) {
            return messages.stream().map(m -> new PolledMail(m, null)).toList();
        }
        Message[] all = messages.toArray(Message[]::new);
        FetchProfile fp = new FetchProfile();
        fp.add(FetchProfile.Item.FLAGS);
        fp.add(FetchProfile.Item.SIZE);
        fp.add(UIDFolder.FetchProfileItem.UID);
        folder.fetch(all, fp);
        List<Message> kept = new ArrayList<>();
        List<Message> wanted = new ArrayList<>();
        long budget = MAX_POLL_BYTES;
        for (Message m : all) {
            if (m.isExpunged() || m.getFlags().contains(Flags.Flag.DELETED)) {
                continue;
            }
            kept.add(m);
            int size = m.getSize();
            if (size >= 0 && size <= MAX_MAIL && size <= budget) {
                wanted.add(m);
                budget -= size;
            }
        }
        Map<Message, byte[]> raw = bodies(folder, wanted);
        return kept.stream().map(m -> new PolledMail(m, raw.get(m))).toList();
    }

    private static Map<Message, byte[]> bodies(IMAPFolder folder, List<Message> wanted) {
        Map<Message, byte[]> raw = new HashMap<>();
        if (wanted.isEmpty()) {
            return raw;
        }
        Message[] set = wanted.toArray(Message[]::new);
        MessageSet[] sets = Utility.toMessageSet(set, null);
        Map<Integer, Message> byNumber = new HashMap<>();
        for (Message m : set) {
            byNumber.put(m.getMessageNumber(), m);
        }
        try {
            folder.doCommand(p -> {
                Response[] responses = p.fetch(sets, "BODY.PEEK[]");
                List<Response> others = new ArrayList<>();
                for (int i = 0; i < responses.length - 1; i++) {
                    Response r = responses[i];
                    Message m = r instanceof FetchResponse f ? byNumber.get(f.getNumber()) : null;
                    BODY body = m == null ? null : ((FetchResponse) r).getItem(BODY.class);
                    if (body != null && !body.isHeader() && (body.getSection() == null || body.getSection().isEmpty())
                            && body.getOrigin() <= 0 && body.getByteArray() != null) {
                        raw.put(m, body.getByteArray().getNewBytes());
                    } else if (r != null) {
                        others.add(r); // EXISTS, EXPUNGE, flags changed elsewhere: the folder must know
                    }
                }
                p.notifyResponseHandlers(others.toArray(Response[]::new));
                p.handleResult(responses[responses.length - 1]);
                return null;
            });
        } catch (MessagingException | RuntimeException e) {
            // The server refused the bulk FETCH (a broken message in the set?): mail by mail instead.
            log.debug("Bulk fetch from {} failed, reading mail by mail: {}", folder.getFullName(), e.toString());
            raw.clear();
        }
        return raw;
    }
}
