package ru.supportgateway.testsupport;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.test.context.support.TestPropertySourceUtils;

import com.icegreen.greenmail.Managers;
import com.icegreen.greenmail.server.AbstractServer;
import com.icegreen.greenmail.server.ProtocolHandler;
import com.icegreen.greenmail.smtp.SmtpConnection;
import com.icegreen.greenmail.smtp.SmtpHandler;
import com.icegreen.greenmail.smtp.SmtpManager;
import com.icegreen.greenmail.smtp.SmtpServer;
import com.icegreen.greenmail.smtp.SmtpState;
import com.icegreen.greenmail.smtp.commands.SmtpCommand;
import com.icegreen.greenmail.smtp.commands.SmtpCommandRegistry;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;

/**
 * One real GreenMail server (SMTP and IMAP over loopback sockets, on free ports) for the gateway
 * under test: {@code gateway.smtp} points at it. Tests read the recipients' inboxes from it, and may
 * stop and start it to play an SMTP outage. Its SMTP server counts the connections it takes
 * ({@link #smtpConnections()}), refuses recipients at {@value #REFUSED_DOMAIN} (550, as for an unknown
 * user) and drops the connection at the first RCPT for each address at {@value #DROPPED_DOMAIN} (a server or
 * network failing mid-batch).
 */
public final class TestMailServer implements ApplicationContextInitializer<ConfigurableApplicationContext> {

    /** Recipients in this domain are refused by the SMTP server. */
    public static final String REFUSED_DOMAIN = "refused.test";
    /** The SMTP server drops the connection, unanswered, at the first RCPT for each address in this domain. */
    public static final String DROPPED_DOMAIN = "dropped.test";
    private static final Set<String> dropped = ConcurrentHashMap.newKeySet();

    private static final AtomicInteger smtpConnections = new AtomicInteger();
    private static GreenMail greenMail;
    private static ServerSetup[] setups;

    public static synchronized GreenMail greenMail() {
        if (greenMail == null) {
            setups = new ServerSetup[] {
                    new ServerSetup(freePort(), "127.0.0.1", ServerSetup.PROTOCOL_SMTP),
                    new ServerSetup(freePort(), "127.0.0.1", ServerSetup.PROTOCOL_IMAP)};
            greenMail = new TestGreenMail(setups);
            greenMail.start();
            addDeskMailboxes();
        }
        return greenMail;
    }

    private static final AtomicInteger openSmtpConnections = new AtomicInteger();
    private static final AtomicInteger mostOpenSmtpConnections = new AtomicInteger();

    /** The most SMTP connections open at once since the last call (which starts counting again). */
    public static int mostOpenSmtpConnections() {
        return mostOpenSmtpConnections.getAndSet(openSmtpConnections.get());
    }

    /** SMTP connections the server has taken since it was first started (across stops). */
    public static int smtpConnections() {
        return smtpConnections.get();
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
        greenMail = new TestGreenMail(setups);
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

    private static final class TestGreenMail extends GreenMail {

        TestGreenMail(ServerSetup[] setups) {
            super(setups);
        }

        @Override
        protected Map<String, AbstractServer> createServices(ServerSetup[] config, Managers managers) {
            Map<String, AbstractServer> services = new HashMap<>(super.createServices(config, managers));
            for (ServerSetup setup : config) {
                if (ServerSetup.PROTOCOL_SMTP.equals(setup.getProtocol())) {
                    services.put(setup.getProtocol(), new CountingSmtpServer(setup, managers));
                }
            }
            return services;
        }
    }

    private static final class CountingSmtpServer extends SmtpServer {

        CountingSmtpServer(ServerSetup setup, Managers managers) {
            super(setup, managers);
        }

        @Override
        protected ProtocolHandler createProtocolHandler(Socket clientSocket) {
            smtpConnections.incrementAndGet();
            return new SmtpHandler(new RecipientRules(), managers.getSmtpManager(), clientSocket) {
                @Override
                public void run() {
                    mostOpenSmtpConnections.accumulateAndGet(openSmtpConnections.incrementAndGet(), Math::max);
                    try {
                        super.run();
                    } finally {
                        openSmtpConnections.decrementAndGet();
                    }
                }
            };
        }
    }

    /** GreenMail's commands, with RCPT refusing or dropping the test domains' recipients. */
    private static final class RecipientRules extends SmtpCommandRegistry {

        @Override
        public SmtpCommand getCommand(String name) {
            SmtpCommand command = super.getCommand(name);
            if (command == null || !"RCPT".equalsIgnoreCase(name)) {
                return command;
            }
            return new SmtpCommand() {
                @Override
                public void execute(SmtpConnection conn, SmtpState state, SmtpManager manager, String line)
                        throws IOException {
                    String lower = line.toLowerCase(java.util.Locale.ROOT);
                    if (lower.contains("@" + REFUSED_DOMAIN + ">")) {
                        conn.send("550 5.1.1 Recipient address rejected: User unknown");
                    } else if (lower.contains("@" + DROPPED_DOMAIN + ">") && dropped.add(lower)) {
                        conn.quit();
                    } else {
                        command.execute(conn, state, manager, line);
                    }
                }
            };
        }
    }
}
