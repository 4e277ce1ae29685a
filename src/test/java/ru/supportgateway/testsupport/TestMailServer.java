package ru.supportgateway.testsupport;

import java.io.IOException;
import java.net.ServerSocket;

import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.test.context.support.TestPropertySourceUtils;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;

/**
 * One real GreenMail server (SMTP and IMAP over loopback sockets, on free ports) for the gateway
 * under test: {@code gateway.smtp} points at it. Tests read the recipients' inboxes from it, and may
 * stop and start it to play an SMTP outage.
 */
public final class TestMailServer implements ApplicationContextInitializer<ConfigurableApplicationContext> {

    private static GreenMail greenMail;
    private static ServerSetup[] setups;

    public static synchronized GreenMail greenMail() {
        if (greenMail == null) {
            setups = new ServerSetup[] {
                    new ServerSetup(freePort(), "127.0.0.1", ServerSetup.PROTOCOL_SMTP),
                    new ServerSetup(freePort(), "127.0.0.1", ServerSetup.PROTOCOL_IMAP)};
            greenMail = new GreenMail(setups);
            greenMail.start();
            addDeskMailboxes();
        }
        return greenMail;
    }

    public static int smtpPort() {
        greenMail();
        return setups[0].getPort();
    }

    public static int imapPort() {
        greenMail();
        return setups[1].getPort();
    }

    /** Stops the server (an SMTP outage); {@link #start()} brings it back on the same ports and mailboxes' users. */
    public static synchronized void stop() {
        greenMail().stop();
    }

    public static synchronized void start() {
        greenMail = new GreenMail(setups);
        greenMail.start();
        addDeskMailboxes();
    }

    /** The mailboxes of the test desks in application-test.yml (login = desk id, password "secret"). */
    public static final String[] DESK_MAILBOXES = {"mail", "night", "faults"};

    /** The feedback desk's mailbox (its address is the preset's, desks/tyumen-feedback.yml). */
    public static final String FEEDBACK_MAILBOX = "feedback@example.org";

    private static void addDeskMailboxes() {
        for (String desk : DESK_MAILBOXES) {
            greenMail.setUser(desk + "@desk.test", desk, "secret");
        }
        greenMail.setUser(FEEDBACK_MAILBOX, "feedback", "secret");
    }

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        TestPropertySourceUtils.addInlinedPropertiesToEnvironment(context,
                "gateway.smtp.host=127.0.0.1",
                "gateway.smtp.port=" + smtpPort(),
                "gateway.smtp.tls=false",
                "test.mail.imap-port=" + imapPort());
    }

    private static int freePort() {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
