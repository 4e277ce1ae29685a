package ru.supportgateway.calendar;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/** One working interval {@code [start, end)} as instants. */
public record WorkingInterval(Instant start, Instant end) {

    public WorkingInterval {
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(end, "end");
        if (!end.isAfter(start)) {
            throw new IllegalArgumentException("interval end " + end + " must be after start " + start);
        }
    }

    public Duration duration() {
        return Duration.between(start, end);
    }

    public boolean contains(Instant t) {
        return !t.isBefore(start) && t.isBefore(end);
    }
}
