package ru.supportgateway.calendar;

import java.time.DayOfWeek;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * A desk's ordinary week: for each {@link DayOfWeek}, zero or more non-overlapping {@link TimeRange}s
 * of local time. Days missing from the map have no working time. Immutable.
 */
public final class WeeklySchedule {

    private final Map<DayOfWeek, List<TimeRange>> ranges;

    private WeeklySchedule(Map<DayOfWeek, List<TimeRange>> ranges) {
        this.ranges = ranges;
    }

    /**
     * Builds a schedule from a map; lists are sorted and checked for overlaps.
     *
     * @throws IllegalArgumentException if a day's ranges overlap
     */
    public static WeeklySchedule of(Map<DayOfWeek, List<TimeRange>> byDay) {
        Objects.requireNonNull(byDay, "byDay");
        EnumMap<DayOfWeek, List<TimeRange>> copy = new EnumMap<>(DayOfWeek.class);
        for (DayOfWeek d : DayOfWeek.values()) {
            List<TimeRange> list = byDay.get(d);
            copy.put(d, list == null ? List.of() : TimeRange.normalize(list, d));
        }
        return new WeeklySchedule(copy);
    }

    /**
     * Parses a compact text form, handy for configuration files, e.g.
     * {@code "mon-thu 08:30-12:30, 13:30-17:00; fri 08:30-12:30, 13:30-16:00"} or
     * {@code "daily 00:00-24:00"}. Each {@code ;}-separated part names days ({@code mon..sun},
     * ranges like {@code mon-fri}, lists like {@code mon,wed}, or {@code daily}) followed by ranges
     * in {@link TimeRange#parseList} syntax. A day named twice is an error.
     */
    public static WeeklySchedule parse(String spec) {
        Objects.requireNonNull(spec, "spec");
        EnumMap<DayOfWeek, List<TimeRange>> map = new EnumMap<>(DayOfWeek.class);
        for (String part : spec.split(";")) {
            String p = part.strip();
            if (p.isEmpty()) {
                continue;
            }
            int space = p.indexOf(' ');
            if (space < 0) {
                throw new IllegalArgumentException("bad schedule part \"" + p + "\": expected \"<days> <ranges>\"");
            }
            List<TimeRange> list = TimeRange.parseList(p.substring(space + 1));
            for (DayOfWeek d : parseDays(p.substring(0, space))) {
                if (map.put(d, list) != null) {
                    throw new IllegalArgumentException("day " + d + " given twice in schedule \"" + spec + "\"");
                }
            }
        }
        return of(map);
    }

    private static List<DayOfWeek> parseDays(String text) {
        List<DayOfWeek> days = new ArrayList<>();
        for (String item : text.toLowerCase(Locale.ROOT).split(",")) {
            String s = item.strip();
            if (s.equals("daily")) {
                days.addAll(List.of(DayOfWeek.values()));
            } else if (s.contains("-")) {
                String[] ends = s.split("-");
                if (ends.length != 2) {
                    throw new IllegalArgumentException("bad day range \"" + s + "\"");
                }
                DayOfWeek from = day(ends[0]);
                DayOfWeek to = day(ends[1]);
                if (to.compareTo(from) < 0) {
                    throw new IllegalArgumentException("bad day range \"" + s + "\": must run Monday to Sunday");
                }
                for (int i = from.getValue(); i <= to.getValue(); i++) {
                    days.add(DayOfWeek.of(i));
                }
            } else {
                days.add(day(s));
            }
        }
        return days;
    }

    private static DayOfWeek day(String s) {
        String t = s.strip();
        for (DayOfWeek d : DayOfWeek.values()) {
            String name = d.name().toLowerCase(Locale.ROOT);
            if (t.length() >= 3 && name.startsWith(t)) {
                return d;
            }
        }
        throw new IllegalArgumentException("unknown day of week \"" + s + "\"");
    }

    /** The ranges for a day of week, sorted; empty if the desk does not work that day. */
    public List<TimeRange> rangesFor(DayOfWeek day) {
        return ranges.get(day);
    }

    /** True if at least one day has working time. */
    public boolean hasWorkingTime() {
        return ranges.values().stream().anyMatch(l -> !l.isEmpty());
    }

    /** Nominal working time in an ordinary week. */
    public Duration weeklyDuration() {
        return ranges.values().stream().flatMap(List::stream)
                .map(TimeRange::duration).reduce(Duration.ZERO, Duration::plus);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof WeeklySchedule w && w.ranges.equals(ranges);
    }

    @Override
    public int hashCode() {
        return ranges.hashCode();
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        for (DayOfWeek d : DayOfWeek.values()) {
            if (!ranges.get(d).isEmpty()) {
                if (sb.length() > 0) {
                    sb.append("; ");
                }
                sb.append(d.name(), 0, 3).append(' ');
                List<TimeRange> l = ranges.get(d);
                for (int i = 0; i < l.size(); i++) {
                    sb.append(i == 0 ? "" : ", ").append(l.get(i));
                }
            }
        }
        return sb.length() == 0 ? "closed" : sb.toString().toLowerCase(Locale.ROOT);
    }
}
