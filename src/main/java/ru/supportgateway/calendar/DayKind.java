package ru.supportgateway.calendar;

import java.util.Locale;

/**
 * What a production calendar says about one date. The names in lower case ({@code holiday},
 * {@code transfer_day_off}, ...) are the CSV kinds; {@link #parse} also accepts them for overrides.
 */
public enum DayKind {
    /** A plain working day on the desk's weekly schedule; as an override it cancels a day off or a shortening. */
    WORKING(true),
    /** A public holiday (Labour Code art. 112), or a regional one added by an administrator. */
    HOLIDAY(false),
    /** A weekday made a day off by a transfer (Government decree or art. 112 part 2). */
    TRANSFER_DAY_OFF(false),
    /** Any other day off an administrator declares (e.g. a desk-specific closure). */
    DAY_OFF(false),
    /** A Saturday or Sunday made a working day; works on the schedule of the weekday whose day off it took. */
    WORKING_WEEKEND(true),
    /**
     * A pre-holiday working day one hour shorter (Labour Code art. 95). Only an input kind: it is stored as
     * a working {@link CalendarDay} with {@code shortened = true}.
     */
    SHORTENED(true),
    /** A Presidential "non-working day with pay retained" (2020-21); the desk's {@link DecreeDayPolicy} decides. */
    NONWORKING_DECREE(false);

    private final boolean working;

    DayKind(boolean working) {
        this.working = working;
    }

    /** True for kinds that make the date a working day regardless of policy. */
    public boolean isWorking() {
        return working;
    }

    /** True for the kinds that are days off for everyone (not subject to a policy). */
    public boolean isDayOff() {
        return this == HOLIDAY || this == TRANSFER_DAY_OFF || this == DAY_OFF;
    }

    /**
     * Parses a kind name, case-insensitive, with {@code -} or space accepted for {@code _}; {@code off} is
     * an alias of {@code day_off}.
     *
     * @throws IllegalArgumentException for an unknown name, listing the valid ones
     */
    public static DayKind parse(String text) {
        String n = text.strip().toUpperCase(Locale.ROOT).replace('-', '_').replace(' ', '_');
        if (n.equals("OFF")) {
            return DAY_OFF;
        }
        try {
            return valueOf(n);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown day kind \"" + text + "\"; expected one of "
                    + "working, holiday, transfer_day_off, day_off, working_weekend, shortened, nonworking_decree");
        }
    }

    /** The CSV spelling. */
    public String csvName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
