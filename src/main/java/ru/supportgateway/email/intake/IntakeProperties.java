package ru.supportgateway.email.intake;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code gateway.email.*}: gateway-wide intake settings (a desk's own are under
 * {@code gateway.desks.<id>.email}). Unknown keys stop the start, like the desks' keys.
 *
 * @param ackLimitPerHour    at most this many acknowledgements to one sender per hour (mail loops, floods);
 *                           further mail is still stored and registered, just not answered
 * @param maxMessagesPerPoll mails taken from a mailbox per poll
 * @param processingThreads  threads processing stored mail, a poll's mail at a time (read by
 *                           {@code routes/email-intake.yaml}; a desk's batches wait for each other on the
 *                           desk's number row, so more than two help only with several desks)
 * @param recoveryAfter      a stored mail still not processed this long after receipt (a node died, the
 *                           database failed mid-way) is processed by the recovery poll
 * @param recoveryPollDelay  how often the recovery poll looks
 * @param deferredPollDelay  how often deferred mail is checked for its registration time
 * @param maxAttempts        failed processing attempts before a mail goes to quarantine
 * @param mailboxes          whether this node reads the desks' mailboxes (false: a node for the UI and API only)
 */
@ConfigurationProperties(prefix = "gateway.email", ignoreUnknownFields = false)
public record IntakeProperties(@DefaultValue("5") int ackLimitPerHour,
                               @DefaultValue("50") int maxMessagesPerPoll,
                               @DefaultValue("2") int processingThreads,
                               @DefaultValue("60s") Duration recoveryAfter,
                               @DefaultValue("15s") Duration recoveryPollDelay,
                               @DefaultValue("15s") Duration deferredPollDelay,
                               @DefaultValue("5") int maxAttempts,
                               @DefaultValue("true") boolean mailboxes) {

    public IntakeProperties {
        if (ackLimitPerHour < 0) {
            throw new IllegalArgumentException("gateway.email.ack-limit-per-hour must not be negative");
        }
        if (maxMessagesPerPoll < 1 || maxAttempts < 1 || processingThreads < 1) {
            throw new IllegalArgumentException("gateway.email.max-messages-per-poll, "
                    + "processing-threads and max-attempts must be positive");
        }
    }
}
