package ru.supportgateway.faults;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Two real gateway instances (two Spring applications, each with its own Camel context, pool, IMAP
 * connection and outbox timer) on one mailbox and one database, polling side by side.
 */
@ExtendWith(FaultsWorld.Shared.class)
class TwoGatewaysOneMailboxTest {

    private static final Logger log = LoggerFactory.getLogger(TwoGatewaysOneMailboxTest.class);

    @Test
    void eachMailIsRegisteredOnceWithConsecutiveNumbersAndAcknowledgedOnceByOneOfTheNodes(FaultsWorld world)
            throws InterruptedException {
        ConfigurableApplicationContext a = world.gateway();
        ConfigurableApplicationContext b = world.startNode("faults-b", false);
        try {
            NodeActivity na = a.getBean(NodeActivity.class);
            NodeActivity nb = b.getBean(NodeActivity.class);
            int fetchedA = na.mailsFetched.get();
            int fetchedB = nb.mailsFetched.get();
            int sentA = na.smtpSends.get();
            int sentB = nb.smtpSends.get();
            String prefix = "twins";
            long started = System.nanoTime();
            // A poll takes all the mail there is at once: in bursts, so that each node's polls find some.
            List<String> senders = new ArrayList<>();
            for (int burst = 0; burst < 10; burst++) {
                senders.addAll(FaultsWorld.deliverMails(world.mail, prefix, 2 * burst, 2));
                Thread.sleep(250);
            }

            Expectations.awaitAllRegisteredAndAcknowledged(world.jdbc, world.mail, prefix, senders, Duration.ofSeconds(60));
            long done = System.nanoTime();
            Expectations.assertExactlyOnce(world.jdbc, world.mail, prefix, senders, Duration.ofSeconds(6));

            int byA = na.mailsFetched.get() - fetchedA;
            int byB = nb.mailsFetched.get() - fetchedB;
            int acksA = na.smtpSends.get() - sentA;
            int acksB = nb.smtpSends.get() - sentB;
            log.info("Two gateways, one mailbox: 20 mails in {} ms; node a fetched {}, node b fetched {}; "
                    + "node a sent {} acknowledgements, node b {}", (done - started) / 1_000_000, byA, byB, acksA, acksB);
            assertThat(byA).as("mails node a fetched").isPositive();
            assertThat(byB).as("mails node b fetched").isPositive();
            assertThat(acksA + acksB).as("acknowledgements handed to SMTP by both nodes").isEqualTo(20);
        } finally {
            world.stopNode(b);
        }
    }
}
