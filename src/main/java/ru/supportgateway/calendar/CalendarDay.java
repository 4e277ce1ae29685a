package ru.supportgateway.calendar;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.Objects;

/**
 * One date's entry in a {@link ProductionCalendar}.
 *
 * @param date       the date
 * @param kind       what the day is; never {@link DayKind#SHORTENED} (that input kind is stored as
 *                   {@code WORKING} with {@code shortened = true})
 * @param shortened  the last working hour is cut (Labour Code art. 95); only for kinds that can be worked
 * @param scheduleOf for a working weekend: the weekday whose schedule it keeps (the weekday whose day off
 *                   it took); {@code null} when unknown or not applicable
 * @param note       free text (reason, legal basis); may be empty, never null
 */
public record CalendarDay(LocalDate date, DayKind kind, boolean shortened, DayOfWeek scheduleOf, String note) {

    public CalendarDay {
        Objects.requireNonNull(date, "date");
        Objects.requireNonNull(kind, "kind");
        note = note == null ? "" : note;
        if (kind == DayKind.SHORTENED) {
            kind = DayKind.WORKING;
            shortened = true;
        }
        if (shortened && kind.isDayOff()) {
            throw new IllegalArgumentException(date + ": a " + kind.csvName() + " cannot be shortened");
        }
    }

    /** An entry of the given kind with no extra data. */
    public static CalendarDay of(LocalDate date, DayKind kind) {
        return new CalendarDay(date, kind, false, null, "");
    }

    /** A working Saturday/Sunday that keeps the schedule of {@code dayOffMovedTo}'s weekday. */
    public static CalendarDay workingWeekend(LocalDate date, LocalDate dayOffMovedTo, boolean shortened) {
        return new CalendarDay(date, DayKind.WORKING_WEEKEND, shortened,
                dayOffMovedTo == null ? null : dayOffMovedTo.getDayOfWeek(), "");
    }
}
