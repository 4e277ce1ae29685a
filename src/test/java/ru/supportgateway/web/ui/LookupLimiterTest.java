package ru.supportgateway.web.ui;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import ru.supportgateway.testsupport.TestClock;

class LookupLimiterTest {

    final TestClock clock = new TestClock();
    final LookupLimiter limiter = new LookupLimiter(3, clock);

    @Test
    void eachAddressGetsItsLookupsPerMinuteAndAFreshAllowanceNextMinute() {
        clock.set("2026-03-02T05:00:10Z");
        assertThat(limiter.tryAcquire("10.0.0.1")).isTrue();
        assertThat(limiter.tryAcquire("10.0.0.1")).isTrue();
        assertThat(limiter.tryAcquire("10.0.0.1")).isTrue();
        assertThat(limiter.tryAcquire("10.0.0.1")).isFalse();
        assertThat(limiter.tryAcquire("10.0.0.2")).as("another address counts apart").isTrue();

        clock.set("2026-03-02T05:01:00Z");
        assertThat(limiter.tryAcquire("10.0.0.1")).isTrue();
    }
}
