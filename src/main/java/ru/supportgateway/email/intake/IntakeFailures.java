package ru.supportgateway.email.intake;

import java.time.Clock;

import org.apache.camel.Exchange;
import org.apache.camel.ExchangeProperty;
import org.apache.camel.Header;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import ru.supportgateway.db.DatabaseOutage;

/**
 * A stored mail whose processing failed (rolled back): counts the attempt, so the recovery or deferred
 * poll retries it after a pause and, after {@code gateway.email.max-attempts}, quarantines it. The mailbox
 * copy is flagged all the same: the mail is safe in PostgreSQL and is never fetched again.
 * <p>
 * A failure of the database itself (connection cut, server restarting, pool timeout) is not the mail's
 * fault: it is retried after the pause like any failure but never counts towards quarantine, however long
 * or often the database is away.
 */
@Component("intakeFailures")
public class IntakeFailures {

    public static final String HEADER_INBOUND_ID = "inboundId";
    private static final Logger log = LoggerFactory.getLogger(IntakeFailures.class);

    private final InboundMessages inbound;
    private final Clock clock;
    private final IntakeProperties settings;

    public IntakeFailures(InboundMessages inbound, Clock clock, IntakeProperties settings) {
        this.inbound = inbound;
        this.clock = clock;
        this.settings = settings;
    }

    /** After a failed processing of the mail named by the header {@value #HEADER_INBOUND_ID}. */
    public void processingFailed(@Header(HEADER_INBOUND_ID) long id,
                                 @ExchangeProperty(Exchange.EXCEPTION_CAUGHT) Throwable error) {
        String message = describe(error);
        boolean outage = DatabaseOutage.isOutage(error);
        if (outage) {
            log.warn("Processing inbound mail {} failed, the database is away; will retry: {}", id, message);
        } else {
            log.warn("Processing inbound mail {} failed, will retry: {}", id, message, error);
        }
        try {
            if (outage) {
                inbound.recordOutage(id, "database unavailable: " + message, clock.instant(), settings.recoveryAfter());
                return;
            }
            inbound.recordFailure(id, message, clock.instant(), settings.recoveryAfter(), settings.maxAttempts());
        } catch (RuntimeException e) {
            // The database itself is down: the row stays RECEIVED and the recovery poll takes it later.
            log.warn("Could not record the failure of inbound mail {}: {}", id, e.getMessage());
        }
    }

    private static String describe(Throwable error) {
        if (error == null) {
            return "processing failed";
        }
        Throwable root = error;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root == error ? String.valueOf(error.getMessage())
                : error.getClass().getSimpleName() + ": " + error.getMessage() + " (" + root.getMessage() + ")";
    }
}
