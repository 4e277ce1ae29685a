package ru.supportgateway.telephony.ami;

import java.time.Instant;

/**
 * Snapshot of the AMI link for health checks (an actuator HealthIndicator can map
 * {@code UP} to UP and everything else to DOWN with {@link #message()} as detail).
 *
 * @param failedAttempts connection attempts that failed since the link was last up
 */
public record AmiHealth(State state, String message, Instant since, int failedAttempts) {

    public enum State {
        /** Started, first attempt not finished yet. */
        STARTING,
        /** Logged in, events flowing. */
        UP,
        /** Not connected (refused, closed, timed out); retrying with back-off. */
        DOWN,
        /** Asterisk answered but refused the credentials; retrying with back-off. */
        LOGIN_REFUSED,
        /** {@link AmiLink#stop()} was called. */
        STOPPED
    }

    public boolean isUp() {
        return state == State.UP;
    }
}
