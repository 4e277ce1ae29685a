package ru.supportgateway.faults;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * PostgreSQL restarting, for real, while the gateway takes mail in: the server cuts every connection of
 * the gateway's database again and again and refuses new ones for a moment. Nothing may be lost, doubled
 * or wrongly quarantined.
 */
@ExtendWith(FaultsWorld.Shared.class)
class PostgresRestartDuringIntakeTest {

    private static final Logger log = LoggerFactory.getLogger(PostgresRestartDuringIntakeTest.class);

    @Test
    void everyMailIsRegisteredAndAcknowledgedOnceThoughTheDatabaseRestartsAgainAndAgain(FaultsWorld world)
            throws Exception {
        world.gateway();
        String prefix = "pgrestart";
        long started = System.nanoTime();
        List<String> senders = world.deliverMails(prefix, 30);

        int killed = PostgresFaults.restartRepeatedly(world.database, Duration.ofSeconds(8), Duration.ofMillis(400),
                Duration.ofSeconds(1));
        long storedDuringFaults = world.count("SELECT count(*) FROM inbound_message WHERE from_address LIKE ?",
                FaultsWorld.like(prefix));
        long registeredDuringFaults = world.count(
                "SELECT count(*) FROM inbound_message WHERE from_address LIKE ? AND state = 'REGISTERED'", FaultsWorld.like(prefix));
        assertThat(killed).as("connections cut by the server").isGreaterThan(10);

        Expectations.awaitAllRegisteredAndAcknowledged(world.jdbc, world.mail, prefix, senders, Duration.ofSeconds(60));
        long recovered = System.nanoTime();
        Expectations.assertExactlyOnce(world.jdbc, world.mail, prefix, senders, Duration.ofSeconds(6));
        assertThat(world.count("SELECT count(*) FROM inbound_message WHERE state = 'QUARANTINED'"))
                .as("nothing quarantined").isZero();
        assertThat(world.mail.unseenInDesk(FaultsWorld.DESK)).as("mails left unseen in the mailbox").isZero();
        log.info("PostgreSQL restarts during intake: 30 mails, {} connections cut, {} stored and {} registered while "
                        + "faulting; all registered and acknowledged {} ms after the first mail; attempts recorded: {}",
                killed, storedDuringFaults, registeredDuringFaults, (recovered - started) / 1_000_000,
                world.count("SELECT coalesce(sum(attempts), 0) FROM inbound_message WHERE from_address LIKE ?",
                        FaultsWorld.like(prefix)));
    }
}
