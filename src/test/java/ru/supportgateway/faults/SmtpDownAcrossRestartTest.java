package ru.supportgateway.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * SMTP down while acknowledgements wait in the outbox, and the gateway restarted meanwhile (a new
 * application on the same database): when SMTP returns, each acknowledgement arrives exactly once.
 */
@ExtendWith(FaultsWorld.Shared.class)
class SmtpDownAcrossRestartTest {

    private static final Logger log = LoggerFactory.getLogger(SmtpDownAcrossRestartTest.class);

    @Test
    void acknowledgementsQueuedWhileSmtpIsDownAreDeliveredOnceByTheRestartedGateway(FaultsWorld world) {
        world.gateway();
        String prefix = "smtpdown";
        String failed = "SELECT count(*) FROM outbox WHERE to_address LIKE ? AND sent_at IS NULL AND attempts >= ?";
        List<String> senders;
        long attemptsBeforeRestart;
        world.mail.stopSmtp();
        try {
            senders = world.deliverMails(prefix, 5);
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).ignoreExceptions()
                    .untilAsserted(() -> assertThat(FaultsWorld.states(world.jdbc, prefix)).isEqualTo(Map.of("REGISTERED", 5L)));
            // the first node tried and failed to send each of them
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                    .until(() -> world.count(failed, FaultsWorld.like(prefix), 1) == 5);
            attemptsBeforeRestart = world.count("SELECT sum(attempts) FROM outbox WHERE to_address LIKE ?", FaultsWorld.like(prefix));

            world.restartGateway();
            // the new node takes the queued mail up and fails too: SMTP is still down
            long attempts = world.count("SELECT sum(attempts) FROM outbox WHERE to_address LIKE ?", FaultsWorld.like(prefix));
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                    .until(() -> world.count("SELECT sum(attempts) FROM outbox WHERE to_address LIKE ?",
                            FaultsWorld.like(prefix)) >= attempts + 5);
            for (String sender : senders) {
                assertThat(world.mail.sentTo(sender)).as("sent to %s while SMTP is down", sender).isEmpty();
            }
        } finally {
            world.mail.startSmtp();
        }
        long back = System.nanoTime();
        Expectations.awaitAllRegisteredAndAcknowledged(world.jdbc, world.mail, prefix, senders, Duration.ofSeconds(30));
        long delivered = System.nanoTime();
        Expectations.assertExactlyOnce(world.jdbc, world.mail, prefix, senders, Duration.ofSeconds(6));
        log.info("SMTP down across a restart: 5 acknowledgements, {} failed attempts before the restart, {} in all; "
                        + "delivered {} ms after SMTP came back, once each",
                attemptsBeforeRestart,
                world.count("SELECT sum(attempts) FROM outbox WHERE to_address LIKE ?", FaultsWorld.like(prefix)),
                (delivered - back) / 1_000_000);
    }
}
