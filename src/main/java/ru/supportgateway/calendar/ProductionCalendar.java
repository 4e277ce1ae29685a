package ru.supportgateway.calendar;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.MonthDay;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A production calendar: the dates that differ from the plain rule "the desk works on its weekly schedule"
 * (holidays, transferred days off, working weekends, shortened pre-holiday days, decree non-working days).
 * Dates not listed follow the desk's {@link WeeklySchedule}. Immutable and thread-safe.
 *
 * <p>Sources: {@link #russian()} (the bundled Russian calendar 2017-2027), {@link #fromCsv(Reader)} (the same
 * {@code date,kind,note} format, handy for administrators' regional files), {@link #fromXmlCalendar(InputStream)}
 * (xmlcalendar.ru files). Combine them with {@link #merge(ProductionCalendar)} and
 * {@link #withOverrides(Map)}; later entries win per date.
 */
public final class ProductionCalendar {

    /** Classpath location of the bundled Russian calendar. */
    public static final String RUSSIAN_CSV = "/calendar/ru-production-calendar.csv";

    private static final ProductionCalendar NONE = new ProductionCalendar(new TreeMap<>());

    /** Art. 112 holidays; the CSV lists only those falling on weekdays. */
    private static final List<MonthDay> ART_112_HOLIDAYS = List.of(
            MonthDay.of(1, 1), MonthDay.of(1, 2), MonthDay.of(1, 3), MonthDay.of(1, 4), MonthDay.of(1, 5),
            MonthDay.of(1, 6), MonthDay.of(1, 7), MonthDay.of(1, 8), MonthDay.of(2, 23), MonthDay.of(3, 8),
            MonthDay.of(5, 1), MonthDay.of(5, 9), MonthDay.of(6, 12), MonthDay.of(11, 4));

    private final NavigableMap<LocalDate, CalendarDay> days;

    private ProductionCalendar(NavigableMap<LocalDate, CalendarDay> days) {
        this.days = Collections.unmodifiableNavigableMap(days);
    }

    /** An empty calendar: every date follows the weekly schedule. */
    public static ProductionCalendar none() {
        return NONE;
    }

    /**
     * The Russian production calendar 2017-2027 for the five-day week, loaded once from the classpath
     * ({@value #RUSSIAN_CSV}). Art. 112 holidays that fall on a Saturday or Sunday, which the CSV omits, are
     * added as {@link DayKind#HOLIDAY} so that desks working weekends are closed on them too.
     */
    public static ProductionCalendar russian() {
        return RussianHolder.INSTANCE;
    }

    private static final class RussianHolder {
        static final ProductionCalendar INSTANCE = loadRussian();

        private static ProductionCalendar loadRussian() {
            InputStream in = ProductionCalendar.class.getResourceAsStream(RUSSIAN_CSV);
            if (in == null) {
                throw new IllegalStateException("classpath resource " + RUSSIAN_CSV + " is missing");
            }
            ProductionCalendar csv;
            try (Reader r = new InputStreamReader(in, StandardCharsets.UTF_8)) {
                csv = fromCsv(r);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + RUSSIAN_CSV, e);
            }
            TreeMap<LocalDate, CalendarDay> map = new TreeMap<>(csv.days);
            for (int y = csv.days.firstKey().getYear(); y <= csv.days.lastKey().getYear(); y++) {
                for (MonthDay md : ART_112_HOLIDAYS) {
                    LocalDate d = md.atYear(y);
                    if (isWeekend(d)) {
                        map.putIfAbsent(d, new CalendarDay(d, DayKind.HOLIDAY, false, null,
                                "public holiday falling on a weekend (Labour Code art. 112)"));
                    }
                }
            }
            return new ProductionCalendar(map);
        }
    }

    /**
     * Reads the {@code date,kind,note} CSV (the format of the bundled Russian calendar): ISO dates,
     * kinds as in {@link DayKind#parse}, an optional header, {@code #} comment lines, RFC 4180 quoting.
     * A date may have two rows only when one of them is {@code shortened}. A working weekend keeps the
     * schedule of the weekday named in its note ("its day off moved to YYYY-MM-DD") or, failing that, of the
     * {@code transfer_day_off} row whose note says "transferred from" that date.
     *
     * @throws IllegalArgumentException on a malformed row, naming its line
     */
    public static ProductionCalendar fromCsv(Reader reader) {
        return new ProductionCalendar(CsvCalendarParser.parse(reader));
    }

    /**
     * Reads an xmlcalendar.ru file ({@code <calendar year=".."><holidays/><days><day d="MM.DD" t="1|2|3"
     * h=".." f="MM.DD"/></days></calendar>}). {@code t=1} is a day off (a holiday if {@code h} is set, a
     * decree non-working day if the holiday title cites a Presidential decree, a transfer otherwise),
     * {@code t=2} a shortened working day, {@code t=3} a working weekend. {@code f} names the date the day
     * off came from; a weekend date named there that the file does not list as a day off is a working
     * weekend keeping the weekday schedule of the day off (older files omit the {@code t=3} row).
     * External entities and DTDs are refused.
     *
     * @throws IllegalArgumentException on malformed content
     */
    public static ProductionCalendar fromXmlCalendar(InputStream in) {
        return new ProductionCalendar(XmlCalendarParser.parse(in));
    }

    /** A calendar with exactly these entries. */
    public static ProductionCalendar of(Collection<CalendarDay> entries) {
        TreeMap<LocalDate, CalendarDay> map = new TreeMap<>();
        for (CalendarDay d : entries) {
            if (map.put(d.date(), d) != null) {
                throw new IllegalArgumentException("date " + d.date() + " given twice");
            }
        }
        return new ProductionCalendar(map);
    }

    /**
     * This calendar with {@code other}'s entries laid over it: per date, {@code other} wins. One refinement:
     * an overriding working entry that does not say whose weekday schedule it keeps (e.g. a plain
     * {@code shortened} or {@code working} override) keeps the base entry's working-weekend schedule.
     */
    public ProductionCalendar merge(ProductionCalendar other) {
        Objects.requireNonNull(other, "other");
        if (other.days.isEmpty()) {
            return this;
        }
        TreeMap<LocalDate, CalendarDay> map = new TreeMap<>(days);
        for (CalendarDay over : other.days.values()) {
            map.merge(over.date(), over, ProductionCalendar::overlay);
        }
        return new ProductionCalendar(map);
    }

    private static CalendarDay overlay(CalendarDay base, CalendarDay over) {
        boolean overWorking = over.kind() == DayKind.WORKING || over.kind() == DayKind.WORKING_WEEKEND;
        if (overWorking && over.scheduleOf() == null && base.kind() == DayKind.WORKING_WEEKEND) {
            return new CalendarDay(over.date(), DayKind.WORKING_WEEKEND, over.shortened(), base.scheduleOf(),
                    over.note().isEmpty() ? base.note() : over.note());
        }
        return over;
    }

    /**
     * Administrators' single-day overrides, e.g. {@code 2026-12-31 -> DAY_OFF}, a regional {@code HOLIDAY},
     * {@code SHORTENED}, or {@code WORKING} to cancel a day off (or a shortening). Same rules as
     * {@link #merge}. For a working Saturday with a known weekday schedule use
     * {@link CalendarDay#workingWeekend} with {@link #merge}/{@link #of}.
     */
    public ProductionCalendar withOverrides(Map<LocalDate, DayKind> overrides) {
        Objects.requireNonNull(overrides, "overrides");
        TreeMap<LocalDate, CalendarDay> map = new TreeMap<>();
        overrides.forEach((date, kind) -> map.put(date, new CalendarDay(date,
                kind == DayKind.SHORTENED && isWeekend(date) ? DayKind.WORKING_WEEKEND : kind,
                kind == DayKind.SHORTENED, null, "override")));
        return merge(new ProductionCalendar(map));
    }

    /** The entry for a date, if the calendar has one. */
    public Optional<CalendarDay> day(LocalDate date) {
        return Optional.ofNullable(days.get(date));
    }

    /** Faster lookup for the index builder. */
    CalendarDay dayOrNull(LocalDate date) {
        return days.get(date);
    }

    /** All entries by date (unmodifiable). */
    public NavigableMap<LocalDate, CalendarDay> days() {
        return days;
    }

    public boolean isEmpty() {
        return days.isEmpty();
    }

    /** First and last listed dates, if any; outside them only the weekly schedule applies. */
    public Optional<LocalDate> firstDate() {
        return days.isEmpty() ? Optional.empty() : Optional.of(days.firstKey());
    }

    public Optional<LocalDate> lastDate() {
        return days.isEmpty() ? Optional.empty() : Optional.of(days.lastKey());
    }

    static boolean isWeekend(LocalDate d) {
        return d.getDayOfWeek() == DayOfWeek.SATURDAY || d.getDayOfWeek() == DayOfWeek.SUNDAY;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ProductionCalendar p && p.days.equals(days);
    }

    @Override
    public int hashCode() {
        return days.hashCode();
    }

    @Override
    public String toString() {
        return days.isEmpty() ? "ProductionCalendar[none]"
                : "ProductionCalendar[" + days.size() + " entries " + days.firstKey() + ".." + days.lastKey() + "]";
    }
}
