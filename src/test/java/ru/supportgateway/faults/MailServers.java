package ru.supportgateway.faults;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;

/**
 * The mail side of a faults world, two real GreenMail servers on loopback: one IMAP server holding the
 * test desks' mailboxes (login = desk id, password "secret", as in application-test.yml) and one SMTP
 * server the gateway sends through. Kept apart so that SMTP can go down (and come back, on the same
 * port) while the mailboxes stay as they are; what the SMTP server received before an outage is kept.
 */
final class MailServers implements AutoCloseable {

    static final String[] DESK_MAILBOXES = {"mail", "night", "faults"};

    private final GreenMail imap;
    private final ServerSetup smtpSetup;
    private volatile GreenMail smtp;
    private final List<MimeMessage> receivedBeforeOutages = new ArrayList<>();

    MailServers() {
        imap = new GreenMail(new ServerSetup(freePort(), "127.0.0.1", ServerSetup.PROTOCOL_IMAP));
        imap.start();
        for (String desk : DESK_MAILBOXES) {
            imap.setUser(desk + "@desk.test", desk, "secret");
        }
        // the test profile gives the feedback desk a mailbox too (TestMailServer.FEEDBACK_MAILBOX)
        imap.setUser("feedback@example.org", "feedback", "secret");
        smtpSetup = new ServerSetup(freePort(), "127.0.0.1", ServerSetup.PROTOCOL_SMTP);
        smtp = new GreenMail(smtpSetup);
        smtp.start();
    }

    int imapPort() {
        return imap.getImap().getPort();
    }

    int smtpPort() {
        return smtpSetup.getPort();
    }

    /** Puts a raw mail, byte for byte, into a desk's mailbox (unseen), as an MTA would. */
    void deliverToDesk(String desk, byte[] raw) {
        try {
            MimeMessage m = new MimeMessage(null, new ByteArrayInputStream(raw));
            imap.getUserManager().getUser(desk).deliver(m);
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Mails in a desk's mailbox not yet flagged \Seen. */
    long unseenInDesk(String desk) {
        try {
            var inbox = imap.getManagers().getImapHostManager().getInbox(imap.getUserManager().getUser(desk));
            return inbox.getMessages().stream()
                    .filter(m -> !m.getFlags().contains(jakarta.mail.Flags.Flag.SEEN)).count();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Everything the SMTP server accepted, across outages. */
    synchronized List<MimeMessage> sent() {
        List<MimeMessage> all = new ArrayList<>(receivedBeforeOutages);
        all.addAll(Arrays.asList(smtp.getReceivedMessages()));
        return all;
    }

    /** Mails the SMTP server accepted for this recipient. */
    List<MimeMessage> sentTo(String address) {
        return sent().stream().filter(m -> {
            try {
                return m.getAllRecipients()[0].toString().equalsIgnoreCase(address);
            } catch (MessagingException | RuntimeException e) {
                return false;
            }
        }).toList();
    }

    synchronized void stopSmtp() {
        receivedBeforeOutages.addAll(Arrays.asList(smtp.getReceivedMessages()));
        smtp.stop();
    }

    synchronized void startSmtp() {
        smtp = new GreenMail(smtpSetup);
        smtp.start();
    }

    @Override
    public synchronized void close() {
        smtp.stop();
        imap.stop();
    }

    static int freePort() {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
