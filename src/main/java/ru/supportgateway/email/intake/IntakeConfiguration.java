package ru.supportgateway.email.intake;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.apache.camel.CamelContext;
import org.apache.camel.spi.PollingConsumerPollStrategy;
import org.apache.camel.spring.boot.CamelContextConfiguration;
import org.apache.camel.spring.spi.SpringTransactionPolicy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.transaction.PlatformTransactionManager;

import ru.supportgateway.desk.Desk;
import ru.supportgateway.desk.Desks;
import ru.supportgateway.desk.ImapServer;
import ru.supportgateway.email.AutoMailDetector;
import ru.supportgateway.email.MailParser;

/**
 * Wires the email intake: the parser and loop guard, the transaction the pipeline runs in, and one
 * route per desk with a mailbox, made from the {@code email-intake} route template in
 * {@code routes/email-intake.yaml}.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(IntakeProperties.class)
public class IntakeConfiguration {

    /** Id of the route template in routes/email-intake.yaml. */
    public static final String TEMPLATE = "email-intake";
    static final int DEFAULT_CONNECTION_TIMEOUT = 30_000;
    private static final Logger log = LoggerFactory.getLogger(IntakeConfiguration.class);

    @Bean
    MailParser mailParser() {
        return MailParser.withDefaults();
    }

    @Bean
    AutoMailDetector autoMailDetector(Desks desks) {
        // Mail from any of our own desk addresses is our own: never answer it.
        Set<String> own = desks.all().stream().flatMap(d -> d.email().stream()).map(Desk.EmailSettings::address)
                .collect(Collectors.toSet());
        return AutoMailDetector.standard(own);
    }

    /**
     * The pipeline's transaction ({@code transacted: intakeTransaction}): its own transaction for a
     * mail from the mailbox; a savepoint inside a poll's transaction, so one bad row rolls back alone.
     */
    @Bean("intakeTransaction")
    SpringTransactionPolicy intakeTransaction(PlatformTransactionManager transactions) {
        SpringTransactionPolicy policy = new SpringTransactionPolicy(transactions);
        policy.setPropagationBehaviorName("PROPAGATION_NESTED");
        return policy;
    }

    @Bean("intakePollStrategy")
    PollingConsumerPollStrategy intakePollStrategy(PlatformTransactionManager transactions) {
        return new TransactionalPollStrategy(transactions);
    }

    /** The desks' intake routes, added once the route template has been loaded with the routes. */
    @Bean
    CamelContextConfiguration intakeRoutes(Desks desks, IntakeProperties settings) {
        return new CamelContextConfiguration() {
            @Override
            public void beforeApplicationStart(CamelContext camel) {
                // The intake's imap:/imaps: endpoints: camel-mail with a poll-at-once consumer
                camel.addComponent("imap", new IntakeMailComponent());
                camel.addComponent("imaps", new IntakeMailComponent());
            }

            @Override
            public void afterApplicationStart(CamelContext camel) {
                if (!settings.mailboxes()) {
                    // A node that only serves the UI and API (gateway.email.mailboxes: false) leaves the mail to others.
                    return;
                }
                for (Desk desk : desks.all()) {
                    desk.email().flatMap(Desk.EmailSettings::imap).ifPresent(imap -> {
                        try {
                            addIntakeRoute(camel, desk.id(), imap, settings, "email-intake-" + desk.id(),
                                    DEFAULT_CONNECTION_TIMEOUT);
                        } catch (Exception e) {
                            throw new IllegalStateException("Cannot start the mail intake of desk " + desk.id(), e);
                        }
                    });
                }
            }
        };
    }

    /** Adds (and, in a started context, starts) an intake route for a desk's mailbox. */
    public static String addIntakeRoute(CamelContext camel, String deskId, ImapServer imap, IntakeProperties settings,
                                        String routeId, int connectionTimeoutMillis) throws Exception {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("deskId", deskId);
        p.put("scheme", imap.tls() ? "imaps" : "imap");
        p.put("host", imap.host());
        p.put("port", imap.port());
        p.put("username", imap.username() == null ? "" : imap.username());
        p.put("password", imap.password() == null ? "" : imap.password());
        p.put("folder", imap.folder());
        p.put("delay", imap.pollDelay().toMillis());
        p.put("maxMessagesPerPoll", settings.maxMessagesPerPoll());
        p.put("connectionTimeout", connectionTimeoutMillis);
        String id = camel.addRouteFromTemplate(routeId, TEMPLATE, p);
        log.info("Mail intake of desk {}: {}://{}@{}:{}/{} every {}", deskId, p.get("scheme"), imap.username(),
                imap.host(), imap.port(), imap.folder(), imap.pollDelay());
        return id;
    }
}
