package ru.supportgateway.telephony.ami;

import java.time.Duration;
import java.util.Objects;

/**
 * Where and how to reach Asterisk's manager interface.
 *
 * @param initialBackoff  first delay before a reconnect attempt; doubled after each failure
 * @param maxBackoff      upper bound for the reconnect delay
 * @param responseTimeout how long to wait for a response to an action (also bounds the wait for the banner)
 */
public record AmiSettings(String host, int port, String username, String secret,
                          Duration initialBackoff, Duration maxBackoff, Duration responseTimeout) {

    public AmiSettings {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(secret, "secret");
        if (port <= 0 || port > 65535) {
            throw new IllegalArgumentException("port out of range: " + port);
        }
        initialBackoff = initialBackoff == null ? Duration.ofSeconds(1) : initialBackoff;
        maxBackoff = maxBackoff == null ? Duration.ofMinutes(1) : maxBackoff;
        responseTimeout = responseTimeout == null ? Duration.ofSeconds(5) : responseTimeout;
        if (initialBackoff.isNegative() || initialBackoff.isZero() || maxBackoff.compareTo(initialBackoff) < 0) {
            throw new IllegalArgumentException("need 0 < initialBackoff <= maxBackoff");
        }
    }

    /** Production defaults: back-off 1 s doubling up to 1 min, 5 s response timeout. */
    public static AmiSettings of(String host, int port, String username, String secret) {
        return new AmiSettings(host, port, username, secret, null, null, null);
    }

    /** The secret never appears in logs or health output. */
    @Override
    public String toString() {
        return "AmiSettings[" + username + "@" + host + ":" + port + "]";
    }
}
