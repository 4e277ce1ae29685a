package ru.supportgateway.email.intake;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

import org.springframework.stereotype.Component;

/**
 * The gateway's clock for SQL written in the routes: a Camel SQL consumer's query cannot take a Java
 * argument, but it evaluates {@code :#${bean:intakeClock.now}} on every poll. Tests set the clock.
 */
@Component("intakeClock")
public class IntakeClock {

    private final Clock clock;

    public IntakeClock(Clock clock) {
        this.clock = clock;
    }

    public OffsetDateTime now() {
        return clock.instant().atOffset(ZoneOffset.UTC);
    }
}
