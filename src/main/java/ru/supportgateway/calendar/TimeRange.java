package ru.supportgateway.calendar;

import java.time.Duration;
import java.time.LocalTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * A half-open range of local wall-clock time {@code [start, end)} within one day.
 *
 * <p>An {@code end} of {@link LocalTime#MIDNIGHT} means "24:00", the end of the day, so
 * {@code 00:00-24:00} is a whole day. Apart from that, {@code end} must be after {@code start}.
 */
public record TimeRange(LocalTime start, LocalTime end) {

    /** Seconds in a day; the second-of-day value of "24:00". */
    static final int DAY_SECONDS = 86_400;

    public TimeRange {
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(end, "end");
        if (start.getNano() != 0 || end.getNano() != 0) {
            // The index works in whole seconds; sub-second schedules make no sense for a help desk.
            throw new IllegalArgumentException("time range " + start + "-" + end + " must be in whole seconds");
        }
        if (!end.equals(LocalTime.MIDNIGHT) && !end.isAfter(start)) {
            throw new IllegalArgumentException("time range end " + end + " must be after start " + start);
        }
    }

    /** Convenience factory; {@code end} may be "24:00". */
    public static TimeRange of(String start, String end) {
        return new TimeRange(parseTime(start, false), parseTime(end, true));
    }

    /** True when the range runs to the end of the day ("24:00"). */
    public boolean endsAtMidnight() {
        return end.equals(LocalTime.MIDNIGHT);
    }

    /** Start as second of day, 0..86399. */
    int startSecond() {
        return start.toSecondOfDay();
    }

    /** End as second of day, 1..86400 (86400 for "24:00"). */
    int endSecond() {
        return endsAtMidnight() ? DAY_SECONDS : end.toSecondOfDay();
    }

    /** Nominal wall-clock length (ignores DST transitions). */
    public Duration duration() {
        return Duration.ofSeconds(endSecond() - startSecond());
    }

    /**
     * Parses a comma- or semicolon-separated list such as {@code "08:30-12:30, 13:30-17:00"}.
     * Times are {@code H:mm} or {@code HH:mm[:ss]}; "24:00" is allowed as an end. A blank string or
     * {@code "closed"} gives an empty list (a day without working time). The result is sorted.
     *
     * @throws IllegalArgumentException on bad syntax, an end not after its start, or overlapping ranges
     */
    public static List<TimeRange> parseList(String text) {
        Objects.requireNonNull(text, "text");
        String trimmed = text.strip();
        if (trimmed.isEmpty() || trimmed.equalsIgnoreCase("closed") || trimmed.equals("-")) {
            return List.of();
        }
        List<TimeRange> ranges = new ArrayList<>();
        for (String part : trimmed.split("[,;]")) {
            String p = part.strip();
            if (p.isEmpty()) {
                throw new IllegalArgumentException("empty time range in \"" + text + "\"");
            }
            // Accept the en dash too: schedules are often pasted from Russian documents.
            String[] ends = p.split("\\s*[-\u2013\u2014]\\s*");
            if (ends.length != 2) {
                throw new IllegalArgumentException(
                        "bad time range \"" + p + "\" in \"" + text + "\": expected HH:mm-HH:mm");
            }
            try {
                ranges.add(new TimeRange(parseTime(ends[0], false), parseTime(ends[1], true)));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(
                        "bad time range \"" + p + "\" in \"" + text + "\": " + e.getMessage(), e);
            }
        }
        return normalize(ranges, text);
    }

    /** Sorts and checks that ranges do not overlap; touching ranges are allowed. */
    static List<TimeRange> normalize(List<TimeRange> ranges, Object source) {
        List<TimeRange> sorted = new ArrayList<>(ranges);
        sorted.sort(Comparator.comparingInt(TimeRange::startSecond));
        for (int i = 1; i < sorted.size(); i++) {
            TimeRange prev = sorted.get(i - 1);
            TimeRange cur = sorted.get(i);
            if (cur.startSecond() < prev.endSecond()) {
                throw new IllegalArgumentException(
                        "overlapping time ranges " + prev + " and " + cur + " in \"" + source + "\"");
            }
        }
        return List.copyOf(sorted);
    }

    private static LocalTime parseTime(String s, boolean isEnd) {
        String t = s.strip();
        if (t.equals("24:00") || t.equals("24:00:00")) {
            if (!isEnd) {
                throw new IllegalArgumentException("24:00 is only allowed as an end time");
            }
            return LocalTime.MIDNIGHT;
        }
        if (t.matches("\\d:\\d\\d(:\\d\\d)?")) {
            t = "0" + t;
        }
        try {
            return LocalTime.parse(t);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("bad time \"" + s.strip() + "\": expected HH:mm", e);
        }
    }

    @Override
    public String toString() {
        return start + "-" + (endsAtMidnight() ? "24:00" : end.toString());
    }
}
