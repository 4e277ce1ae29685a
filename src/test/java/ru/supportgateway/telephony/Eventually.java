package ru.supportgateway.telephony;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Polls a condition; tests use it instead of fixed sleeps. */
public final class Eventually {

    private Eventually() {
    }

    public static void await(String what, Duration timeout, BooleanSupplier condition) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out after " + timeout.toMillis() + " ms waiting for: " + what);
            }
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted waiting for " + what);
            }
        }
    }

    public static void await(String what, BooleanSupplier condition) {
        await(what, Duration.ofSeconds(10), condition);
    }
}
