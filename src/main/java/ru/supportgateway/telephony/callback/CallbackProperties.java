package ru.supportgateway.telephony.callback;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code gateway.callbacks.*}: how hard the desk tries to call a parent back.
 *
 * @param maxAttempts   unsuccessful attempts (no answer, busy, failed) before the entry is given up
 * @param retryInterval working time between two attempts
 */
@ConfigurationProperties("gateway.callbacks")
public record CallbackProperties(@DefaultValue("3") int maxAttempts, @DefaultValue("30m") Duration retryInterval) {

    public CallbackProperties {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("gateway.callbacks.max-attempts must be at least 1");
        }
    }
}
