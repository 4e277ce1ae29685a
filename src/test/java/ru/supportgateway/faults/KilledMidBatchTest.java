package ru.supportgateway.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import ru.supportgateway.SupportGatewayApplication;
import ru.supportgateway.testsupport.FreshDatabase;

/**
 * A gateway killed for real (SIGKILL of its JVM) in the middle of a batch of mail, and a new one started in
 * its place: the gateway runs in a child JVM on the test classpath, started the way an administrator starts
 * it ({@code main}, with the database reachability check), on a database and mail servers of its own.
 */
class KilledMidBatchTest {

    private static final Logger log = LoggerFactory.getLogger(KilledMidBatchTest.class);
    private static final int MAILS = 40;

    @Test
    void everyMailIsRegisteredAndAcknowledgedOnceAfterTheGatewayWasKilledMidBatch() throws Exception {
        String database = FreshDatabase.create();
        JdbcClient jdbc = JdbcClient.create(new DriverManagerDataSource(FreshDatabase.url(database), "postgres", ""));
        String prefix = "killed";
        try (MailServers mail = new MailServers()) {
            List<String> senders = FaultsWorld.deliverMails(mail, prefix, MAILS);
            long started = System.nanoTime();

            Process first = startGateway(database, mail, "killed-first");
            long stored;
            long registered;
            long acknowledged;
            try {
                await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(20)).ignoreExceptions()
                        .until(() -> FaultsWorld.count(jdbc,
                                "SELECT count(*) FROM inbound_message WHERE state = 'REGISTERED'") >= 8);
            } finally {
                first.destroyForcibly(); // SIGKILL: no shutdown hook, no graceful stop
                first.waitFor(10, TimeUnit.SECONDS);
            }
            long killedAfter = (System.nanoTime() - started) / 1_000_000;
            stored = FaultsWorld.count(jdbc, "SELECT count(*) FROM inbound_message");
            registered = FaultsWorld.count(jdbc, "SELECT count(*) FROM inbound_message WHERE state = 'REGISTERED'");
            acknowledged = FaultsWorld.count(jdbc, "SELECT count(*) FROM outbox WHERE sent_at IS NOT NULL");
            assertThat(registered).as("registered when killed: the kill must come mid-batch").isLessThan(MAILS);

            long restarted = System.nanoTime();
            Process second = startGateway(database, mail, "killed-second");
            try {
                Expectations.awaitAllRegisteredAndAcknowledged(jdbc, mail, prefix, senders, Duration.ofSeconds(90));
                long done = System.nanoTime();
                Expectations.assertExactlyOnce(jdbc, mail, prefix, senders, Duration.ofSeconds(6));
                assertThat(mail.unseenInDesk(FaultsWorld.DESK)).as("mails left unseen in the mailbox").isZero();
                log.info("Killed mid-batch: {} mails; first gateway killed {} ms after its start with {} stored, {} "
                                + "registered, {} acknowledgements sent; second gateway finished all in {} ms",
                        MAILS, killedAfter, stored, registered, acknowledged, (done - restarted) / 1_000_000);
            } finally {
                second.destroy();
                if (!second.waitFor(20, TimeUnit.SECONDS)) {
                    second.destroyForcibly();
                }
            }
        }
    }

    /** A gateway in a child JVM, logging to target/faults-&lt;name&gt;.log. */
    private static Process startGateway(String database, MailServers mail, String name) throws IOException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xss512k",
                "-cp", System.getProperty("java.class.path"),
                SupportGatewayApplication.class.getName()));
        command.addAll(FaultsWorld.nodeArgs(FreshDatabase.url(database), mail.imapPort(), mail.smtpPort(), name));
        // A poll is processed as one batch: small polls, so that the kill comes with batches stored and not yet
        // processed, batches being processed, and mail still in the mailbox.
        command.add("--gateway.email.max-messages-per-poll=4");
        Path logFile = Path.of("target", "faults-" + name + ".log");
        Files.createDirectories(logFile.getParent());
        return new ProcessBuilder(command).directory(new File(".")).redirectErrorStream(true)
                .redirectOutput(logFile.toFile()).start();
    }
}
