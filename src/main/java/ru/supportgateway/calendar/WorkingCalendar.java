package ru.supportgateway.calendar;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * A desk's working time: a {@link ZoneId}, a {@link WeeklySchedule}, a {@link ProductionCalendar} and a
 * {@link DecreeDayPolicy}. Immutable and thread-safe.
 *
 * <h2>Which hours a date has</h2>
 * <ul>
 *   <li>No calendar entry: the weekly schedule of the date's weekday.</li>
 *   <li>{@code holiday}, {@code transfer_day_off}, {@code day_off}: none.</li>
 *   <li>{@code nonworking_decree}: none under {@link DecreeDayPolicy#OFF} (the default); the weekday's own
 *       schedule under {@link DecreeDayPolicy#WORKING}.</li>
 *   <li>{@code working_weekend} / {@code working}: the schedule of the weekday whose day off the weekend took
 *       ({@link CalendarDay#scheduleOf()}); if unknown, the date's own weekday schedule, or if that is empty
 *       the first of Monday..Friday that has working time.</li>
 *   <li>{@code shortened}: as above, then the last hour of the day's working time is removed (Labour Code
 *       art. 95): the last range ends one hour earlier; if it is an hour or shorter it is dropped and the
 *       remainder is taken from the range before.</li>
 * </ul>
 * Local times become instants with {@link ZonedDateTime#of} rules (a time in a DST gap moves forward, an
 * ambiguous time takes the earlier offset); "24:00" is the start of the next date. Ranges that touch,
 * including across midnight, form one continuous open period: a desk open {@code 00:00-24:00} every day
 * never "closes" at midnight.
 *
 * <h2>Implementation</h2>
 * The working intervals are precomputed into primitive arrays for a window of years (initially around
 * the calendar's range, widened on demand between {@value #MIN_YEAR} and {@value #MAX_YEAR}); working days
 * are indexed by ordinal, so {@link #plusWorkingDays} is O(1) and the other queries O(log n). Searches look
 * at most {@value #HORIZON_YEARS} years past {@code t} for an opening.
 */
public final class WorkingCalendar {

    /** Earliest supported year. */
    public static final int MIN_YEAR = 1900;
    /** Latest supported year. */
    public static final int MAX_YEAR = 2199;
    /** How far a search for the next opening (or a closing) looks before giving up. */
    public static final int HORIZON_YEARS = 3;

    private static final long HORIZON_SECONDS = HORIZON_YEARS * 366L * 86_400L;
    private static final long NANOS = 1_000_000_000L;
    private static final int SHORTENING_SECONDS = 3_600;

    private final ZoneId zone;
    private final WeeklySchedule schedule;
    private final ProductionCalendar calendar;
    private final DecreeDayPolicy decreeDayPolicy;
    /** Widened copy-on-write; every published index covers all earlier ones. */
    private volatile Index index;

    /**
     * @param zone            the desk's time zone
     * @param schedule        the ordinary week
     * @param calendar        production calendar; {@link ProductionCalendar#none()} for none
     * @param decreeDayPolicy treatment of {@link DayKind#NONWORKING_DECREE} days
     */
    public WorkingCalendar(ZoneId zone, WeeklySchedule schedule, ProductionCalendar calendar,
                           DecreeDayPolicy decreeDayPolicy) {
        this.zone = Objects.requireNonNull(zone, "zone");
        this.schedule = Objects.requireNonNull(schedule, "schedule");
        this.calendar = Objects.requireNonNull(calendar, "calendar");
        this.decreeDayPolicy = Objects.requireNonNull(decreeDayPolicy, "decreeDayPolicy");
    }

    /** A desk whose decree non-working days are off (the default policy). */
    public static WorkingCalendar of(ZoneId zone, WeeklySchedule schedule, ProductionCalendar calendar) {
        return new WorkingCalendar(zone, schedule, calendar, DecreeDayPolicy.OFF);
    }

    public WorkingCalendar withDecreeDayPolicy(DecreeDayPolicy policy) {
        return new WorkingCalendar(zone, schedule, calendar, policy);
    }

    public ZoneId zone() {
        return zone;
    }

    public WeeklySchedule schedule() {
        return schedule;
    }

    public ProductionCalendar productionCalendar() {
        return calendar;
    }

    public DecreeDayPolicy decreeDayPolicy() {
        return decreeDayPolicy;
    }

    // ------------------------------------------------------------------------------------------------ queries

    /** True if {@code t} lies inside a working interval {@code [start, end)}. */
    public boolean isOpen(Instant t) {
        long sec = t.getEpochSecond();
        Index ix = ensure(sec);
        int k = lastAtOrBefore(ix.mStart, ix.mCount, sec);
        return k >= 0 && sec < ix.mEnd[k];
    }

    /**
     * The earliest open instant at or after {@code t}: {@code t} itself if open.
     *
     * @throws IllegalStateException if the desk has no working time within {@value #HORIZON_YEARS} years
     */
    public Instant nextOpening(Instant t) {
        long sec = t.getEpochSecond();
        Index ix = ensure(sec);
        while (true) {
            int k = lastAtOrBefore(ix.mStart, ix.mCount, sec);
            if (k >= 0 && sec < ix.mEnd[k]) {
                return t;
            }
            if (k + 1 < ix.mCount) {
                return Instant.ofEpochSecond(ix.mStart[k + 1]);
            }
            ix = extendOrGiveUp(ix, t);
        }
    }

    /**
     * The end of the continuous open period containing {@code t}; if closed at {@code t}, the end of the one
     * starting at {@link #nextOpening(Instant)}. Touching intervals (e.g. 24:00 and the next day's 00:00) are
     * one period. Returns {@link Instant#MAX} if the desk stays open for more than {@value #HORIZON_YEARS}
     * years (e.g. round the clock without a production calendar).
     *
     * @throws IllegalStateException if the desk has no working time within {@value #HORIZON_YEARS} years
     */
    public Instant closingAfter(Instant t) {
        long sec = t.getEpochSecond();
        Index ix = ensure(sec);
        while (true) {
            int k = lastAtOrBefore(ix.mStart, ix.mCount, sec);
            if (k < 0 || sec >= ix.mEnd[k]) {
                k++;
            }
            if (k >= ix.mCount) {
                ix = extendOrGiveUp(ix, t);
                continue;
            }
            long end = ix.mEnd[k];
            if (end < ix.windowEnd()) {
                return Instant.ofEpochSecond(end);
            }
            // The period reaches the end of the window: it may go on in the next days.
            if (end - sec > HORIZON_SECONDS) {
                return Instant.MAX;
            }
            ix = extend(ix);
        }
    }

    /**
     * Deadline of a period of {@code n} working days after an event at {@code t}, counted as in Civil Code
     * art. 191 (the period starts on the day after the event day).
     *
     * <p>The event day is the working day {@code t} falls on if {@code t} is before that day's closing (the
     * end of its last interval; an instant before the day's opening counts too), otherwise the day of
     * {@link #nextOpening(Instant)}. The result is the closing time of the {@code n}-th working day after
     * the event day; {@code n = 0} gives the event day's closing. Example (mon-fri): Friday 16:00 plus 3 is
     * Wednesday's closing; Friday 19:00 (after hours) is counted from Monday, plus 3 is Thursday's closing.
     *
     * @throws IllegalArgumentException if {@code n < 0}
     * @throws IllegalStateException    if there is no working day within {@value #HORIZON_YEARS} years, or the
     *                                  result lies beyond {@value #MAX_YEAR}
     */
    public Instant plusWorkingDays(Instant t, int n) {
        if (n < 0) {
            throw new IllegalArgumentException("number of working days must not be negative: " + n);
        }
        long sec = t.getEpochSecond();
        Index ix = ensure(sec);
        int day = ix.dayIndexOf(sec);
        int first = ix.dayFirst[day];
        int end = ix.dayFirst[day + 1];
        // Working day and not yet closed: this is the event day; otherwise the next working day is.
        int ordinal = (end > first && sec < ix.rawEnd[end - 1]) ? ix.ordinalBefore[day] : ix.ordinalBefore[day + 1];
        long target = (long) ordinal + n;
        while (target >= ix.workDayCount) {
            if (ordinal >= ix.workDayCount && ix.windowEnd() - sec > HORIZON_SECONDS) {
                throw noWorkingTime(t);
            }
            ix = extend(ix);
        }
        int d = ix.workDays[(int) target];
        return Instant.ofEpochSecond(ix.rawEnd[ix.dayFirst[d + 1] - 1]);
    }

    /**
     * The instant at which {@code d} of working time has elapsed since {@code t} (counting from
     * {@link #nextOpening(Instant)} if closed). When the time runs out exactly at a closing, that closing is
     * returned. {@code d = 0} gives {@code nextOpening(t)}. Always
     * {@code workingTimeBetween(t, plusWorkingHours(t, d)).equals(d)}.
     *
     * @throws IllegalArgumentException if {@code d} is negative
     * @throws IllegalStateException    if the desk has no working time within {@value #HORIZON_YEARS} years, or
     *                                  the result lies beyond {@value #MAX_YEAR}
     */
    public Instant plusWorkingHours(Instant t, Duration d) {
        if (d.isNegative()) {
            throw new IllegalArgumentException("working time must not be negative: " + d);
        }
        if (d.isZero()) {
            return nextOpening(t);
        }
        long sec = t.getEpochSecond();
        Index ix = ensure(sec);
        long[] w = ix.workedBefore(sec, t.getNano());
        long ts;
        try {
            ts = Math.addExact(w[0], d.getSeconds());
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException("working time too long: " + d, e);
        }
        long tn = w[1] + d.getNano();
        if (tn >= NANOS) {
            ts++;
            tn -= NANOS;
        }
        long needSeconds = tn == 0 ? ts : ts + 1;
        while (true) {
            // First j with cum[j] >= needSeconds; the answer lies in merged interval j - 1.
            int j = firstAtOrAfter(ix.mCum, ix.mCount + 1, needSeconds);
            if (j <= ix.mCount) {
                int k = j - 1;
                return Instant.ofEpochSecond(ix.mStart[k] + (ts - ix.mCum[k]), tn);
            }
            boolean nothingAfterT = ix.mCount == 0 || ix.mEnd[ix.mCount - 1] <= sec;
            if (nothingAfterT && ix.windowEnd() - sec > HORIZON_SECONDS) {
                throw noWorkingTime(t);
            }
            ix = extend(ix);
        }
    }

    /** Working time inside {@code [a, b)}; zero if {@code b} is not after {@code a}. */
    public Duration workingTimeBetween(Instant a, Instant b) {
        if (!b.isAfter(a)) {
            return Duration.ZERO;
        }
        ensure(a.getEpochSecond());
        Index ix = ensure(b.getEpochSecond()); // indexes only widen, so this one covers a as well
        long[] wa = ix.workedBefore(a.getEpochSecond(), a.getNano());
        long[] wb = ix.workedBefore(b.getEpochSecond(), b.getNano());
        return Duration.ofSeconds(wb[0] - wa[0], wb[1] - wa[1]);
    }

    /** That date's working intervals as instants (after calendar, policy and shortening); empty if none. */
    public List<WorkingInterval> intervalsOn(LocalDate date) {
        Index ix = ensureDate(date);
        int i = (int) (date.toEpochDay() - ix.firstEpochDay);
        List<WorkingInterval> list = new ArrayList<>(ix.dayFirst[i + 1] - ix.dayFirst[i]);
        for (int k = ix.dayFirst[i]; k < ix.dayFirst[i + 1]; k++) {
            list.add(new WorkingInterval(Instant.ofEpochSecond(ix.rawStart[k]), Instant.ofEpochSecond(ix.rawEnd[k])));
        }
        return List.copyOf(list);
    }

    /** True if the date has any working time. */
    public boolean isWorkingDay(LocalDate date) {
        Index ix = ensureDate(date);
        int i = (int) (date.toEpochDay() - ix.firstEpochDay);
        return ix.dayFirst[i + 1] > ix.dayFirst[i];
    }

    /**
     * The local time ranges the desk works on a date (calendar, policy and shortening applied), in
     * wall-clock terms; the zone-independent view of {@link #intervalsOn(LocalDate)}.
     */
    public List<TimeRange> rangesOn(LocalDate date) {
        int[] r = resolveDay(date);
        List<TimeRange> list = new ArrayList<>(r.length / 2);
        for (int i = 0; i < r.length; i += 2) {
            list.add(new TimeRange(LocalTime.ofSecondOfDay(r[i]),
                    r[i + 1] == TimeRange.DAY_SECONDS ? LocalTime.MIDNIGHT : LocalTime.ofSecondOfDay(r[i + 1])));
        }
        return List.copyOf(list);
    }

    @Override
    public String toString() {
        return "WorkingCalendar[" + zone + ", " + schedule + ", " + calendar + ", decree days " + decreeDayPolicy + "]";
    }

    // ----------------------------------------------------------------------------------- per-date resolution

    /** The date's working ranges as second-of-day pairs {@code [s0, e0, s1, e1, ...]}. */
    int[] resolveDay(LocalDate date) {
        CalendarDay entry = calendar.dayOrNull(date);
        DayOfWeek dow = date.getDayOfWeek();
        if (entry == null) {
            return toSeconds(schedule.rangesFor(dow), false);
        }
        return switch (entry.kind()) {
            case HOLIDAY, TRANSFER_DAY_OFF, DAY_OFF -> new int[0];
            case NONWORKING_DECREE -> decreeDayPolicy == DecreeDayPolicy.OFF
                    ? new int[0] : toSeconds(schedule.rangesFor(dow), entry.shortened());
            case WORKING, WORKING_WEEKEND, SHORTENED -> toSeconds(schedule.rangesFor(scheduleSource(entry, dow)),
                    entry.shortened());
        };
    }

    private DayOfWeek scheduleSource(CalendarDay entry, DayOfWeek own) {
        if (entry.scheduleOf() != null) {
            return entry.scheduleOf();
        }
        if (!schedule.rangesFor(own).isEmpty()) {
            return own;
        }
        for (DayOfWeek d = DayOfWeek.MONDAY; d != DayOfWeek.SATURDAY; d = d.plus(1)) {
            if (!schedule.rangesFor(d).isEmpty()) {
                return d;
            }
        }
        return own;
    }

    private static int[] toSeconds(List<TimeRange> ranges, boolean shortened) {
        int[] r = new int[ranges.size() * 2];
        for (int i = 0; i < ranges.size(); i++) {
            r[2 * i] = ranges.get(i).startSecond();
            r[2 * i + 1] = ranges.get(i).endSecond();
        }
        if (!shortened) {
            return r;
        }
        // Art. 95: one hour less, taken from the end of the day.
        int cut = SHORTENING_SECONDS;
        int n = r.length;
        while (cut > 0 && n > 0) {
            int len = r[n - 1] - r[n - 2];
            if (len > cut) {
                r[n - 1] -= cut;
                cut = 0;
            } else {
                cut -= len;
                n -= 2;
            }
        }
        return Arrays.copyOf(r, n);
    }

    // ------------------------------------------------------------------------------------------ the index

    private Index ensure(long sec) {
        Index ix = index;
        if (ix != null && sec >= ix.dayStart[0] && sec < ix.windowEnd()) {
            return ix;
        }
        return grow(yearOf(sec), yearOf(sec));
    }

    private Index ensureDate(LocalDate date) {
        Index ix = index;
        if (ix != null && date.toEpochDay() >= ix.firstEpochDay && date.toEpochDay() < ix.firstEpochDay + ix.days) {
            return ix;
        }
        if (date.getYear() < MIN_YEAR || date.getYear() > MAX_YEAR) {
            throw new IllegalArgumentException("date " + date + " outside the supported years " + MIN_YEAR + ".." + MAX_YEAR);
        }
        return grow(date.getYear(), date.getYear());
    }

    private int yearOf(long sec) {
        if (sec < -2_300_000_000L || sec > 7_300_000_000L) { // well outside 1900..2199 in any zone
            throw new IllegalArgumentException("instant " + Instant.ofEpochSecond(sec) + " outside the supported years "
                    + MIN_YEAR + ".." + MAX_YEAR);
        }
        int y = Instant.ofEpochSecond(sec).atZone(zone).getYear();
        if (y < MIN_YEAR || y > MAX_YEAR) {
            throw new IllegalArgumentException("instant " + Instant.ofEpochSecond(sec) + " outside the supported years "
                    + MIN_YEAR + ".." + MAX_YEAR);
        }
        return y;
    }

    /** A wider window, keeping its start so that day indexes and ordinals stay valid for the caller. */
    private Index extend(Index ix) {
        if (ix.lastYear >= MAX_YEAR) {
            throw new IllegalStateException("result lies beyond the supported years " + MIN_YEAR + ".." + MAX_YEAR
                    + " for " + this);
        }
        Index wider = grow(ix.firstYear, Math.min(MAX_YEAR, ix.lastYear + 5));
        if (wider.firstYear != ix.firstYear) {
            // Another thread widened backwards meanwhile; rebuild with the caller's start is not possible
            // without invalidating its indexes, so rebuild a private index with that start.
            return build(ix.firstYear, wider.lastYear);
        }
        return wider;
    }

    private Index extendOrGiveUp(Index ix, Instant t) {
        if (ix.windowEnd() - t.getEpochSecond() > HORIZON_SECONDS) {
            throw noWorkingTime(t);
        }
        return extend(ix);
    }

    private IllegalStateException noWorkingTime(Instant t) {
        return new IllegalStateException("no working time within " + HORIZON_YEARS + " years after " + t
                + ": check the weekly schedule (" + schedule + ") and the production calendar");
    }

    private synchronized Index grow(int fromYear, int toYear) {
        Index ix = index;
        int from;
        int to;
        if (ix == null) {
            // Start with the calendar's years plus a margin: most queries fall there.
            from = calendar.firstDate().map(d -> d.getYear() - 1).orElse(2015);
            to = calendar.lastDate().map(d -> d.getYear() + HORIZON_YEARS + 2).orElse(2032);
            from = Math.min(from, fromYear - 1);
            to = Math.max(to, toYear + HORIZON_YEARS + 1);
        } else {
            if (fromYear >= ix.firstYear && toYear <= ix.lastYear) {
                return ix;
            }
            // Add a margin only on the side that grows; an unchanged start keeps callers' indexes valid.
            from = fromYear < ix.firstYear ? fromYear - 1 : ix.firstYear;
            to = toYear > ix.lastYear ? toYear + HORIZON_YEARS + 1 : ix.lastYear;
        }
        Index built = build(Math.max(MIN_YEAR, from), Math.min(MAX_YEAR, to));
        index = built;
        return built;
    }

    private Index build(int firstYear, int lastYear) {
        LocalDate first = LocalDate.of(firstYear, 1, 1);
        LocalDate end = LocalDate.of(lastYear + 1, 1, 1);
        int days = (int) (end.toEpochDay() - first.toEpochDay());
        long[] dayStart = new long[days + 1];
        int[] dayFirst = new int[days + 1];
        int[] ordinalBefore = new int[days + 1];
        int[] workDays = new int[days];
        LongBuffer starts = new LongBuffer(days * 2);
        LongBuffer ends = new LongBuffer(days * 2);
        int workCount = 0;
        long prevEnd = Long.MIN_VALUE;
        LocalDate date = first;
        for (int i = 0; i < days; i++, date = date.plusDays(1)) {
            dayStart[i] = date.atStartOfDay(zone).toEpochSecond();
            dayFirst[i] = starts.size;
            ordinalBefore[i] = workCount;
            int[] r = resolveDay(date);
            for (int k = 0; k < r.length; k += 2) {
                // Clamp against the previous interval: DST gaps can push a start past an earlier end.
                long s = Math.max(epochAt(date, r[k]), prevEnd);
                long e = epochAt(date, r[k + 1]);
                if (e > s) {
                    starts.add(s);
                    ends.add(e);
                    prevEnd = e;
                }
            }
            if (starts.size > dayFirst[i]) {
                workDays[workCount++] = i;
            }
        }
        dayStart[days] = end.atStartOfDay(zone).toEpochSecond();
        dayFirst[days] = starts.size;
        ordinalBefore[days] = workCount;

        // Merge touching intervals (breaks of zero length, midnight) into continuous open periods.
        int n = starts.size;
        long[] mStart = new long[n];
        long[] mEnd = new long[n];
        long[] mCum = new long[n + 1];
        int m = 0;
        for (int k = 0; k < n; k++) {
            if (m > 0 && starts.data[k] <= mEnd[m - 1]) {
                mEnd[m - 1] = Math.max(mEnd[m - 1], ends.data[k]);
            } else {
                mStart[m] = starts.data[k];
                mEnd[m] = ends.data[k];
                m++;
            }
        }
        for (int k = 0; k < m; k++) {
            mCum[k + 1] = mCum[k] + (mEnd[k] - mStart[k]);
        }
        return new Index(firstYear, lastYear, first.toEpochDay(), days, dayStart, dayFirst, ordinalBefore,
                Arrays.copyOf(workDays, workCount), workCount, starts.trimmed(), ends.trimmed(),
                Arrays.copyOf(mStart, m), Arrays.copyOf(mEnd, m), Arrays.copyOf(mCum, m + 1), m);
    }

    private long epochAt(LocalDate date, int secondOfDay) {
        if (secondOfDay == TimeRange.DAY_SECONDS) {
            return date.plusDays(1).atStartOfDay(zone).toEpochSecond();
        }
        return ZonedDateTime.of(date, LocalTime.ofSecondOfDay(secondOfDay), zone).toEpochSecond();
    }

    /** Largest k in [0, len) with a[k] <= key, or -1. */
    static int lastAtOrBefore(long[] a, int len, long key) {
        int lo = 0;
        int hi = len - 1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            if (a[mid] <= key) {
                lo = mid + 1;
            } else {
                hi = mid - 1;
            }
        }
        return hi;
    }

    /** Smallest k in [0, len) with a[k] >= key, or len. */
    static int firstAtOrAfter(long[] a, int len, long key) {
        int lo = 0;
        int hi = len;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (a[mid] < key) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    /** Precomputed working time for the days of {@code [firstYear, lastYear]}, in epoch seconds. */
    private static final class Index {
        final int firstYear;
        final int lastYear;
        final long firstEpochDay;
        final int days;
        /** Start of each local date, plus the start of the day after the window. */
        final long[] dayStart;
        /** Offsets into rawStart/rawEnd per day (CSR layout), length days + 1. */
        final int[] dayFirst;
        /** Number of working days before each day, length days + 1. */
        final int[] ordinalBefore;
        /** Day indexes of the working days, in order. */
        final int[] workDays;
        final int workDayCount;
        /** Each day's own intervals (not merged across midnight). */
        final long[] rawStart;
        final long[] rawEnd;
        /** Continuous open periods (touching intervals merged). */
        final long[] mStart;
        final long[] mEnd;
        /** Working seconds before each merged period, length mCount + 1. */
        final long[] mCum;
        final int mCount;

        Index(int firstYear, int lastYear, long firstEpochDay, int days, long[] dayStart, int[] dayFirst,
              int[] ordinalBefore, int[] workDays, int workDayCount, long[] rawStart, long[] rawEnd,
              long[] mStart, long[] mEnd, long[] mCum, int mCount) {
            this.firstYear = firstYear;
            this.lastYear = lastYear;
            this.firstEpochDay = firstEpochDay;
            this.days = days;
            this.dayStart = dayStart;
            this.dayFirst = dayFirst;
            this.ordinalBefore = ordinalBefore;
            this.workDays = workDays;
            this.workDayCount = workDayCount;
            this.rawStart = rawStart;
            this.rawEnd = rawEnd;
            this.mStart = mStart;
            this.mEnd = mEnd;
            this.mCum = mCum;
            this.mCount = mCount;
        }

        long windowEnd() {
            return dayStart[days];
        }

        /** Index of the local date containing {@code sec}; the caller ensures the window covers it. */
        int dayIndexOf(long sec) {
            // Days are 86400 s give or take DST shifts, so the estimate is off by at most one or two.
            long guess = Math.floorDiv(sec - dayStart[0], 86_400L);
            int i = (int) Math.max(0, Math.min(days - 1, guess));
            while (dayStart[i] > sec) {
                i--;
            }
            while (dayStart[i + 1] <= sec) {
                i++;
            }
            return i;
        }

        /** Working time from the window start to {@code (sec, nano)} as {seconds, nanos}. */
        long[] workedBefore(long sec, int nano) {
            int k = lastAtOrBefore(mStart, mCount, sec);
            if (k < 0) {
                return new long[] {0, 0};
            }
            long into = sec - mStart[k];
            long len = mEnd[k] - mStart[k];
            return into < len ? new long[] {mCum[k] + into, nano} : new long[] {mCum[k + 1], 0};
        }
    }

    /** Growable primitive buffer; avoids boxing while building. */
    private static final class LongBuffer {
        long[] data;
        int size;

        LongBuffer(int capacity) {
            data = new long[Math.max(16, capacity)];
        }

        void add(long v) {
            if (size == data.length) {
                data = Arrays.copyOf(data, size * 2);
            }
            data[size++] = v;
        }

        long[] trimmed() {
            return Arrays.copyOf(data, size);
        }
    }
}
