package ru.supportgateway.faults;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import ru.supportgateway.SupportGatewayApplication;
import ru.supportgateway.telephony.fake.FakeAmiServer;
import ru.supportgateway.testsupport.FreshDatabase;

/**
 * One gateway installation for the fault tests, apart from the shared test contexts: a database of its
 * own on the real PostgreSQL, its own IMAP and SMTP servers ({@link MailServers}), its own fake Asterisk
 * and voicemail spool, and gateway nodes started in this JVM as separate Spring applications, exactly as
 * {@code java -jar} would start them (the test profile's desks and quick polls, the real clock).
 * <p>
 * One world is shared by the fault test classes ({@link Shared}: resolved as a test parameter, closed
 * when the whole run ends); its first node is started lazily and may be replaced by a restart.
 */
final class FaultsWorld implements AutoCloseable {

    static final String ADMIN_PASSWORD = "faults-admin-secret";
    static final String AMI_USER = "gateway";
    static final String AMI_SECRET = "secret";

    final String database = FreshDatabase.create();
    final MailServers mail = new MailServers();
    final FakeAmiServer asterisk;
    final Path spool;
    final JdbcClient jdbc = JdbcClient.create(new DriverManagerDataSource(FreshDatabase.url(database), "postgres", ""));
    private final List<ConfigurableApplicationContext> nodes = new CopyOnWriteArrayList<>();
    private volatile ConfigurableApplicationContext main;

    FaultsWorld() {
        try {
            asterisk = new FakeAmiServer(AMI_USER, AMI_SECRET).authFailureDelay(Duration.ofMillis(20))
                    .voicemailBox("100@support", List.of()).start();
            spool = Files.createTempDirectory("sg-faults-spool");
            Path inbox = Files.createDirectories(spool.resolve("support/100/INBOX"));
            copy("03-msg0001.txt", inbox.resolve("msg0001.txt"));
            copy("03-msg0001.wav", inbox.resolve("msg0001.wav"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The world's main node (telephony on), started on first use. */
    synchronized ConfigurableApplicationContext gateway() {
        if (main == null || !main.isActive()) {
            main = startNode("faults-a", true);
        }
        return main;
    }

    /** Stops the main node (a clean shutdown) and starts a new one on the same database and servers. */
    synchronized ConfigurableApplicationContext restartGateway() {
        if (main != null) {
            main.close();
            nodes.remove(main);
        }
        main = null;
        return gateway();
    }

    /** Stops a node started with {@link #startNode}. */
    void stopNode(ConfigurableApplicationContext node) {
        node.close();
        nodes.remove(node);
    }

    <T> T bean(Class<T> type) {
        return gateway().getBean(type);
    }

    /** Another gateway node on the same database and mailboxes (without telephony). */
    ConfigurableApplicationContext startNode(String name, boolean telephony, String... extraArgs) {
        return startNode(name, telephony, b -> { }, extraArgs);
    }

    ConfigurableApplicationContext startNode(String name, boolean telephony,
                                             Consumer<SpringApplicationBuilder> customise, String... extraArgs) {
        List<String> args = new ArrayList<>(nodeArgs(FreshDatabase.url(database), mail.imapPort(), mail.smtpPort(), name));
        if (telephony) {
            args.addAll(List.of(
                    "--gateway.asterisk.host=127.0.0.1",
                    "--gateway.asterisk.port=" + asterisk.port(),
                    "--gateway.asterisk.username=" + AMI_USER,
                    "--gateway.asterisk.secret=" + AMI_SECRET,
                    "--gateway.asterisk.voicemail-spool=" + spool,
                    "--gateway.asterisk.reconnect-initial=50ms",
                    "--gateway.asterisk.reconnect-max=200ms",
                    "--gateway.asterisk.response-timeout=2s",
                    "--gateway.asterisk.operator-channel=Local/{ext}@agents/n"));
        }
        args.addAll(List.of(extraArgs));
        SpringApplicationBuilder builder = new SpringApplicationBuilder(SupportGatewayApplication.class)
                .initializers(c -> c.getBeanFactory().registerSingleton("nodeActivity", new NodeActivity()));
        customise.accept(builder);
        ConfigurableApplicationContext context = builder.run(args.toArray(String[]::new));
        nodes.add(context);
        return context;
    }

    /**
     * Command-line arguments of a gateway node for these servers (the highest-precedence property
     * source, above application-test.yml). Short pool timeouts: a dead database is noticed in about a
     * second, not in Hikari's default 30. A short outbox lease, so that a send whose "sent" mark was lost
     * would be repeated within a test's time and caught; many send attempts, so that an SMTP outage in a
     * test never gives a mail up; one processing attempt before quarantine, so that a database outage
     * wrongly counted against a mail quarantines it at once and the test sees it.
     */
    static List<String> nodeArgs(String databaseUrl, int imapPort, int smtpPort, String name) {
        return List.of(
                "--spring.profiles.active=test",
                "--spring.datasource.url=" + databaseUrl,
                "--spring.datasource.username=postgres",
                "--spring.datasource.password=",
                "--spring.datasource.hikari.connection-timeout=1000",
                "--spring.datasource.hikari.validation-timeout=500",
                "--spring.datasource.hikari.maximum-pool-size=5",
                "--spring.datasource.hikari.pool-name=" + name,
                "--spring.jmx.enabled=false",
                "--server.port=0",
                "--camel.main.name=" + name,
                "--GATEWAY_ADMIN_PASSWORD=" + ADMIN_PASSWORD,
                "--gateway.smtp.host=127.0.0.1",
                "--gateway.smtp.port=" + smtpPort,
                "--gateway.smtp.tls=false",
                "--test.mail.imap-port=" + imapPort,
                "--gateway.outbox.lease=4s",
                "--gateway.outbox.max-attempts=100",
                "--gateway.email.max-attempts=1");
    }

    // ------------------------------------------------------------------ mail to and from the desk

    static final String DESK = "faults";
    static final String DESK_ADDRESS = "faults@desk.test";

    /** A plain mail from {@code from} to the faults desk, with a Message-ID of its own. */
    static byte[] mailFrom(String from, String messageId, String subject) {
        String text = "Message-ID: <" + messageId + ">\r\n"
                + "Date: Mon, 23 Nov 2026 10:00:00 +0300\r\n"
                + "From: " + from + "\r\n"
                + "To: " + DESK_ADDRESS + "\r\n"
                + "Subject: " + subject + "\r\n"
                + "MIME-Version: 1.0\r\n"
                + "Content-Type: text/plain; charset=US-ASCII\r\n"
                + "\r\n"
                + "Please help: " + subject + "\r\n";
        return text.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    }

    /** n mails from n senders {@code <prefix>-<i>@parents.test}; returns the senders. */
    List<String> deliverMails(String prefix, int n) {
        return deliverMails(mail, prefix, n);
    }

    static List<String> deliverMails(MailServers servers, String prefix, int n) {
        return deliverMails(servers, prefix, 0, n);
    }

    /** Mails number {@code first} to {@code first + n - 1} of a series (senders {@code <prefix>-<i>@parents.test}). */
    static List<String> deliverMails(MailServers servers, String prefix, int first, int n) {
        List<String> senders = new ArrayList<>();
        for (int i = first; i < first + n; i++) {
            String sender = prefix + "-" + i + "@parents.test";
            senders.add(sender);
            servers.deliverToDesk(DESK, mailFrom(sender, UUID.randomUUID() + "@parents.test", prefix + " mail " + i));
        }
        return senders;
    }

    // ------------------------------------------------------------------ what the database says

    long count(String sql, Object... params) {
        return count(jdbc, sql, params);
    }

    static long count(JdbcClient jdbc, String sql, Object... params) {
        return jdbc.sql(sql).params(params).query(Long.class).single();
    }

    static String like(String prefix) {
        return prefix + "-%@parents.test";
    }

    /** The intake's states of this prefix's mails, e.g. {REGISTERED=30}. */
    static Map<String, Long> states(JdbcClient jdbc, String prefix) {
        Map<String, Long> states = new java.util.TreeMap<>();
        jdbc.sql("SELECT state, count(*) AS n FROM inbound_message WHERE from_address LIKE ? GROUP BY state")
                .param(like(prefix)).query((rs, i) -> states.put(rs.getString("state"), rs.getLong("n"))).list();
        return states;
    }

    @Override
    public void close() {
        for (ConfigurableApplicationContext node : nodes) {
            try {
                node.close();
            } catch (RuntimeException ignored) {
                // best effort at the end of the run
            }
        }
        try {
            asterisk.close();
        } catch (IOException ignored) {
            // best effort
        }
        mail.close();
    }

    private static void copy(String resource, Path to) throws IOException {
        try (InputStream in = FaultsWorld.class.getResourceAsStream("/asterisk/voicemail/" + resource)) {
            Files.copy(in, to);
        }
    }

    /** Resolves a {@link FaultsWorld} parameter: one world for the whole run, closed at its end. */
    static final class Shared implements ParameterResolver {

        @Override
        public boolean supportsParameter(ParameterContext p, ExtensionContext e) {
            return p.getParameter().getType() == FaultsWorld.class;
        }

        @Override
        public Object resolveParameter(ParameterContext p, ExtensionContext e) {
            return e.getRoot().getStore(ExtensionContext.Namespace.GLOBAL)
                    .getOrComputeIfAbsent(Holder.class, k -> new Holder(new FaultsWorld()), Holder.class).world;
        }

        /** Closed by JUnit when the root context (the whole run) ends. */
        record Holder(FaultsWorld world) implements ExtensionContext.Store.CloseableResource {
            @Override
            public void close() {
                world.close();
            }
        }
    }
}
