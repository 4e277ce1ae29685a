package ru.supportgateway.email;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code gateway.outbox.*}: how the outbox is drained. A failed send is retried after
 * {@code retry-initial}, doubling up to {@code retry-max}, until {@code max-attempts}; then it is
 * marked failed with its last error for an operator to see. {@code connections} batches are sent side by
 * side, each through its own SMTP connection.
 */
@ConfigurationProperties("gateway.outbox")
public record OutboxProperties(@DefaultValue("2s") Duration pollPeriod, @DefaultValue("50") int batchSize,
                               @DefaultValue("30s") Duration retryInitial, @DefaultValue("1h") Duration retryMax,
                               @DefaultValue("12") int maxAttempts, @DefaultValue("5m") Duration lease,
                               @DefaultValue("2") int connections) {

    public OutboxProperties {
        if (batchSize < 1 || connections < 1) {
            throw new IllegalArgumentException("gateway.outbox.batch-size and connections must be positive");
        }
    }
}
