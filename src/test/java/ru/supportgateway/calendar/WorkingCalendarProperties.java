package ru.supportgateway.calendar;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/**
 * Properties over random instants 2017-2027 for the five desks (plus decree-days-working and round-the-clock
 * variants), checked against the definitions and against {@link ReferenceCalendar}.
 */
class WorkingCalendarProperties {

    private static final long FROM = LocalDateTime.of(2017, 1, 1, 0, 0).toEpochSecond(ZoneOffset.UTC);
    private static final long TO = LocalDateTime.of(2028, 1, 1, 0, 0).toEpochSecond(ZoneOffset.UTC);

    private static final List<WorkingCalendar> DESKS = desks();

    private static List<WorkingCalendar> desks() {
        List<WorkingCalendar> l = new ArrayList<>(Desks.ALL);
        l.add(Desks.NN_SCHOOL_AIS.withDecreeDayPolicy(DecreeDayPolicy.WORKING));
        l.add(WorkingCalendar.of(Desks.MOSCOW, WeeklySchedule.parse("daily 00:00-24:00"), ProductionCalendar.russian()));
        l.add(WorkingCalendar.of(Desks.YEKATERINBURG,
                WeeklySchedule.parse("mon-fri 00:00-08:00, 08:00-12:00, 20:00-24:00; sat 00:00-06:00"),
                ProductionCalendar.russian()));
        return List.copyOf(l);
    }

    @Provide
    Arbitrary<WorkingCalendar> desk() {
        return Arbitraries.of(DESKS);
    }

    /** Random instants, with a bias to whole half hours so that interval edges get hit. */
    @Provide
    Arbitrary<Instant> instant() {
        Arbitrary<Instant> any = Arbitraries.longs().between(FROM, TO - 1)
                .flatMap(s -> Arbitraries.integers().between(0, 999_999_999)
                        .map(n -> Instant.ofEpochSecond(s, n)));
        Arbitrary<Instant> edges = Arbitraries.longs().between(FROM / 1800, TO / 1800 - 1)
                .map(h -> Instant.ofEpochSecond(h * 1800));
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(1, any), net.jqwik.api.Tuple.of(1, edges));
    }

    @Provide
    Arbitrary<Duration> workingDuration() {
        return Arbitraries.longs().between(0, 400L * 3600 * 1000).map(Duration::ofMillis);
    }

    @Property(tries = 1500)
    void isOpenAndNextOpeningMatchTheReference(@ForAll("desk") WorkingCalendar desk, @ForAll("instant") Instant t) {
        ReferenceCalendar ref = new ReferenceCalendar(desk);
        assertThat(desk.isOpen(t)).isEqualTo(ref.isOpen(t));
        Instant next = desk.nextOpening(t);
        assertThat(next).isEqualTo(ref.nextOpening(t));
        assertThat(desk.isOpen(next)).isTrue();
        assertThat(next).isAfterOrEqualTo(t);
        // Nothing open lies in [t, nextOpening(t)).
        assertThat(desk.workingTimeBetween(t, next)).isZero();
        assertThat(desk.isOpen(t)).isEqualTo(next.equals(t));
    }

    @Property(tries = 1500)
    void closingAfterEndsTheOpenPeriod(@ForAll("desk") WorkingCalendar desk, @ForAll("instant") Instant t) {
        Instant open = desk.nextOpening(t);
        Instant close = desk.closingAfter(t);
        assertThat(close).isEqualTo(new ReferenceCalendar(desk).closingAfter(t));
        if (close.equals(Instant.MAX)) {
            return; // open round the clock past the calendar's last year: never closes within the horizon
        }
        assertThat(close).isAfter(t).isAfter(open);
        assertThat(desk.isOpen(close)).isFalse();
        assertThat(desk.isOpen(close.minusNanos(1))).isTrue();
        // Open all the way from the opening to the closing.
        assertThat(desk.workingTimeBetween(open, close)).isEqualTo(Duration.between(open, close));
        assertThat(desk.closingAfter(open)).isEqualTo(close);
    }

    @Property(tries = 1500)
    void plusWorkingHoursIsTheInverseOfWorkingTimeBetween(@ForAll("desk") WorkingCalendar desk,
            @ForAll("instant") Instant a, @ForAll("workingDuration") Duration d) {
        Instant b = desk.plusWorkingHours(a, d);
        assertThat(desk.workingTimeBetween(a, b)).isEqualTo(d);
        if (d.isZero()) {
            assertThat(b).isEqualTo(desk.nextOpening(a));
        } else {
            assertThat(b).isAfter(a);
            // Minimal: it is reached no later than needed (the last instant before b is working time).
            assertThat(desk.isOpen(b.minusNanos(1))).isTrue();
        }
    }

    @Property(tries = 2000)
    void workingTimeBetweenMatchesTheReferenceAndIsAdditive(@ForAll("desk") WorkingCalendar desk,
            @ForAll("instant") Instant a, @ForAll @IntRange(max = 40 * 24 * 60) int minutes1,
            @ForAll @IntRange(max = 40 * 24 * 60) int minutes2) {
        Instant b = a.plus(Duration.ofMinutes(minutes1)).plusNanos(minutes2 % 7 * 1_000_000L);
        Instant c = b.plus(Duration.ofMinutes(minutes2));
        Duration ab = desk.workingTimeBetween(a, b);
        assertThat(ab).isEqualTo(new ReferenceCalendar(desk).workingTimeBetween(a, b));
        assertThat(desk.workingTimeBetween(a, c)).isEqualTo(ab.plus(desk.workingTimeBetween(b, c)));
        assertThat(ab).isLessThanOrEqualTo(Duration.between(a, b));
        assertThat(desk.workingTimeBetween(b, a)).isZero();
    }

    @Property(tries = 1500)
    void plusWorkingDaysMatchesTheReference(@ForAll("desk") WorkingCalendar desk, @ForAll("instant") Instant t,
            @ForAll @IntRange(max = 60) int n) {
        Instant due = desk.plusWorkingDays(t, n);
        assertThat(due).isEqualTo(new ReferenceCalendar(desk).plusWorkingDays(t, n));
        assertThat(due).isAfter(t);
        // The deadline is the closing of a working day.
        LocalDate day = LocalDate.ofInstant(due.minusNanos(1), desk.zone());
        List<WorkingInterval> intervals = desk.intervalsOn(day);
        assertThat(intervals).isNotEmpty();
        assertThat(intervals.get(intervals.size() - 1).end()).isEqualTo(due);
        // Each further day lands on the next working day's closing.
        assertThat(desk.plusWorkingDays(t, n + 1)).isEqualTo(desk.plusWorkingDays(due, 0));
        assertThat(desk.plusWorkingDays(t, n + 1)).isAfter(due);
    }

    @Property(tries = 500)
    void intervalsOnAreOrderedAndOpen(@ForAll("desk") WorkingCalendar desk, @ForAll("instant") Instant t) {
        LocalDate date = LocalDate.ofInstant(t, desk.zone());
        List<WorkingInterval> list = desk.intervalsOn(date);
        assertThat(list).hasSameSizeAs(desk.rangesOn(date));
        assertThat(desk.isWorkingDay(date)).isEqualTo(!list.isEmpty());
        Instant prevEnd = Instant.MIN;
        for (WorkingInterval i : list) {
            assertThat(i.start()).isAfterOrEqualTo(prevEnd);
            assertThat(desk.isOpen(i.start())).isTrue();
            assertThat(desk.isOpen(i.end().minusNanos(1))).isTrue();
            assertThat(LocalDate.ofInstant(i.start(), desk.zone())).isEqualTo(date);
            prevEnd = i.end();
        }
    }
}
