package ru.supportgateway.calendar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static ru.supportgateway.calendar.Desks.DNEVNIK;
import static ru.supportgateway.calendar.Desks.MOSCOW;
import static ru.supportgateway.calendar.Desks.MOSCOW_REGION_PORTAL;
import static ru.supportgateway.calendar.Desks.NN_SCHOOL_AIS;
import static ru.supportgateway.calendar.Desks.TYUMEN_FEEDBACK;
import static ru.supportgateway.calendar.Desks.TYUMEN_SITUATIONAL;
import static ru.supportgateway.calendar.Desks.at;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class WorkingCalendarTest {

    private static final WorkingCalendar D1 = TYUMEN_SITUATIONAL;
    private static final WorkingCalendar D2 = TYUMEN_FEEDBACK;
    private static final WorkingCalendar D3 = MOSCOW_REGION_PORTAL;
    private static final WorkingCalendar D4 = NN_SCHOOL_AIS;

    private static String ranges(WorkingCalendar desk, String date) {
        return desk.rangesOn(LocalDate.parse(date)).toString();
    }

    @Nested
    class NewYearAndYearBoundaries {

        @Test
        void newYearHolidays2026() {
            assertThat(D1.isOpen(at(D1, "2025-12-30T16:59:59"))).isTrue();
            assertThat(D1.isOpen(at(D1, "2025-12-31T10:00"))).isFalse(); // transferred day off
            assertThat(D1.nextOpening(at(D1, "2025-12-30T17:00"))).isEqualTo(at(D1, "2026-01-12T08:30"));
            assertThat(D1.nextOpening(at(D1, "2025-12-31T00:00"))).isEqualTo(at(D1, "2026-01-12T08:30"));
            assertThat(D2.plusWorkingDays(at(D2, "2025-12-30T10:00"), 0)).isEqualTo(at(D2, "2025-12-30T17:00"));
            assertThat(D2.plusWorkingDays(at(D2, "2025-12-30T10:00"), 1)).isEqualTo(at(D2, "2026-01-12T17:00"));
            assertThat(D2.plusWorkingDays(at(D2, "2025-12-30T17:00"), 1)).isEqualTo(at(D2, "2026-01-13T17:00"));
            assertThat(D2.workingTimeBetween(at(D2, "2025-12-30T00:00"), at(D2, "2026-01-13T00:00")))
                    .isEqualTo(Duration.ofHours(18));
            assertThat(D3.intervalsOn(LocalDate.of(2026, 1, 5))).isEmpty();
        }

        @Test
        void workingSaturdayBeforeNewYear2025() {
            assertThat(ranges(D3, "2024-12-28")).isEqualTo("[09:00-18:00]");
            assertThat(D3.plusWorkingDays(at(D3, "2024-12-27T10:00"), 1)).isEqualTo(at(D3, "2024-12-28T18:00"));
            assertThat(D3.plusWorkingDays(at(D3, "2024-12-27T10:00"), 2)).isEqualTo(at(D3, "2025-01-09T18:00"));
            assertThat(D3.nextOpening(at(D3, "2024-12-28T18:00"))).isEqualTo(at(D3, "2025-01-09T09:00"));
            assertThat(D3.workingTimeBetween(at(D3, "2024-12-27T00:00"), at(D3, "2025-01-10T00:00")))
                    .isEqualTo(Duration.ofHours(27));
            assertThat(D4.plusWorkingHours(at(D4, "2024-12-28T17:00"), Duration.ofHours(2)))
                    .isEqualTo(at(D4, "2025-01-09T10:00"));
        }
    }

    @Nested
    class TransfersAndShortenedDays {

        @Test
        void workingSaturdayKeepsTheScheduleOfTheDayWhoseDayOffItTook() {
            // 2025-11-01: working Saturday, Monday's schedule, shortened (pre-holiday).
            assertThat(ranges(D1, "2025-11-01")).isEqualTo("[08:30-12:30, 13:30-16:00]");
            assertThat(ranges(D3, "2025-11-01")).isEqualTo("[09:00-17:00]");
            assertThat(D3.plusWorkingDays(at(D3, "2025-10-31T10:00"), 1)).isEqualTo(at(D3, "2025-11-01T17:00"));
            assertThat(D3.plusWorkingDays(at(D3, "2025-10-31T10:00"), 2)).isEqualTo(at(D3, "2025-11-05T18:00"));
            assertThat(D1.intervalsOn(LocalDate.of(2025, 11, 1))).containsExactly(
                    new WorkingInterval(Instant.parse("2025-11-01T03:30:00Z"), Instant.parse("2025-11-01T07:30:00Z")),
                    new WorkingInterval(Instant.parse("2025-11-01T08:30:00Z"), Instant.parse("2025-11-01T11:00:00Z")));
            // 2024: 04-27 (Monday's day off, full day), 11-02 (Tuesday's, shortened), 12-28 (Monday's).
            assertThat(ranges(D1, "2024-04-27")).isEqualTo("[08:30-12:30, 13:30-17:00]");
            assertThat(ranges(D1, "2024-11-02")).isEqualTo("[08:30-12:30, 13:30-16:00]");
            assertThat(ranges(D1, "2024-12-28")).isEqualTo("[08:30-12:30, 13:30-17:00]");
            assertThat(D1.isWorkingDay(LocalDate.of(2024, 4, 29))).isFalse();
            assertThat(D1.isWorkingDay(LocalDate.of(2024, 4, 30))).isFalse();
            assertThat(DNEVNIK.rangesOn(LocalDate.of(2024, 4, 29)).toString()).isEqualTo("[09:00-21:00]");
        }

        @Test
        void shortenedFridayEndsAnHourEarlier() {
            assertThat(ranges(D1, "2025-03-07")).isEqualTo("[08:30-12:30, 13:30-15:00]");
            assertThat(D1.isOpen(at(D1, "2025-03-07T14:59"))).isTrue();
            assertThat(D1.isOpen(at(D1, "2025-03-07T15:00"))).isFalse();
            assertThat(D1.closingAfter(at(D1, "2025-03-07T14:00"))).isEqualTo(at(D1, "2025-03-07T15:00"));
            assertThat(D1.nextOpening(at(D1, "2025-03-07T15:00"))).isEqualTo(at(D1, "2025-03-10T08:30"));
            assertThat(ranges(D2, "2025-03-07")).isEqualTo("[08:00-16:00]");
            assertThat(ranges(D1, "2025-03-06")).isEqualTo("[08:30-12:30, 13:30-17:00]");
        }

        @Test
        void shorteningEatsIntoThePreviousRangeWhenTheLastIsShort() {
            WorkingCalendar desk = WorkingCalendar.of(MOSCOW, WeeklySchedule.parse("mon-fri 09:00-13:00, 14:00-14:30"),
                    ProductionCalendar.russian());
            assertThat(ranges(desk, "2025-03-07")).isEqualTo("[09:00-12:30]");
        }
    }

    @Nested
    class WorkingDaysCivilCodeArt191 {

        @Test
        void countsFromTheDayAfterTheEvent() {
            assertThat(D3.plusWorkingDays(at(D3, "2025-10-17T16:00"), 3)).isEqualTo(at(D3, "2025-10-22T18:00"));
            assertThat(D3.plusWorkingDays(at(D3, "2025-10-17T19:00"), 3)).isEqualTo(at(D3, "2025-10-23T18:00"));
            assertThat(D1.plusWorkingDays(at(D1, "2025-10-17T15:00"), 3)).isEqualTo(at(D1, "2025-10-22T17:00"));
            // Desk 1 closes at 16:00 on Fridays: a request at 16:00 is after hours.
            assertThat(D1.plusWorkingDays(at(D1, "2025-10-17T16:00"), 3)).isEqualTo(at(D1, "2025-10-23T17:00"));
            assertThat(D1.plusWorkingDays(at(D1, "2025-10-18T10:00"), 3)).isEqualTo(at(D1, "2025-10-23T17:00"));
            // Before opening and during lunch the day itself is the event day.
            assertThat(D1.plusWorkingDays(at(D1, "2025-10-20T07:00"), 3)).isEqualTo(at(D1, "2025-10-23T17:00"));
            assertThat(D1.plusWorkingDays(at(D1, "2025-10-20T13:00"), 0)).isEqualTo(at(D1, "2025-10-20T17:00"));
            assertThat(D1.plusWorkingDays(at(D1, "2025-10-17T15:00"), 0)).isEqualTo(at(D1, "2025-10-17T16:00"));
            assertThat(DNEVNIK.plusWorkingDays(at(DNEVNIK, "2025-10-17T19:00"), 3)).isEqualTo(at(DNEVNIK, "2025-10-20T21:00"));
        }

        @Test
        void rejectsNegativeCounts() {
            assertThatThrownBy(() -> D1.plusWorkingDays(Instant.parse("2025-01-01T00:00:00Z"), -1))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("negative");
        }

        @Test
        void longPeriodsReachBeyondTheInitialWindow() {
            Instant t = at(D3, "2025-10-17T16:00");
            Instant far = D3.plusWorkingDays(t, 3000);
            assertThat(far).isAfter(at(D3, "2037-01-01T00:00"));
            assertThat(D3.plusWorkingDays(D3.plusWorkingDays(t, 2999), 0)).isEqualTo(far);
            assertThat(LocalDate.ofInstant(far, MOSCOW).getDayOfWeek().getValue()).isLessThan(6);
        }
    }

    @Nested
    class WorkingHours {

        @Test
        void lunchBreakIsNotWorkingTime() {
            assertThat(D1.isOpen(at(D1, "2025-10-20T12:29:59.999"))).isTrue();
            assertThat(D1.isOpen(at(D1, "2025-10-20T12:30"))).isFalse();
            assertThat(D1.nextOpening(at(D1, "2025-10-20T12:45"))).isEqualTo(at(D1, "2025-10-20T13:30"));
            assertThat(D1.closingAfter(at(D1, "2025-10-20T10:00"))).isEqualTo(at(D1, "2025-10-20T12:30"));
            assertThat(D1.closingAfter(at(D1, "2025-10-20T12:45"))).isEqualTo(at(D1, "2025-10-20T17:00"));
            assertThat(D1.plusWorkingHours(at(D1, "2025-10-20T12:00"), Duration.ofHours(1))).isEqualTo(at(D1, "2025-10-20T14:00"));
            assertThat(D1.workingTimeBetween(at(D1, "2025-10-20T00:00"), at(D1, "2025-10-21T00:00")))
                    .isEqualTo(Duration.ofMinutes(450));
            assertThat(D1.workingTimeBetween(at(D1, "2025-10-24T00:00"), at(D1, "2025-10-25T00:00")))
                    .isEqualTo(Duration.ofMinutes(390));
        }

        @Test
        void plusWorkingHoursEdges() {
            assertThat(D1.plusWorkingHours(at(D1, "2025-10-20T08:30"), Duration.ofMinutes(450))).isEqualTo(at(D1, "2025-10-20T17:00"));
            assertThat(D1.plusWorkingHours(at(D1, "2025-10-20T16:00"), Duration.ofHours(2))).isEqualTo(at(D1, "2025-10-21T09:30"));
            assertThat(D1.plusWorkingHours(at(D1, "2025-10-18T10:00"), Duration.ZERO)).isEqualTo(at(D1, "2025-10-20T08:30"));
            assertThat(D1.plusWorkingHours(at(D1, "2025-10-20T09:00:00.5"), Duration.ofNanos(1_700_000_000L)))
                    .isEqualTo(at(D1, "2025-10-20T09:00:02.2"));
            assertThat(D1.workingTimeBetween(at(D1, "2025-10-21T00:00"), at(D1, "2025-10-20T00:00"))).isZero();
            assertThatThrownBy(() -> D1.plusWorkingHours(Instant.EPOCH.plusSeconds(1_700_000_000L), Duration.ofHours(-1)))
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Nested
    class DecreeDays {

        @Test
        void offByDefault() {
            assertThat(D4.nextOpening(at(D4, "2020-03-27T18:00"))).isEqualTo(at(D4, "2020-05-12T09:00"));
            assertThat(D4.plusWorkingDays(at(D4, "2020-03-27T12:00"), 1)).isEqualTo(at(D4, "2020-05-12T18:00"));
            assertThat(D4.isWorkingDay(LocalDate.of(2021, 11, 3))).isFalse();
        }

        @Test
        void aDeskPolicyCanWorkThem() {
            WorkingCalendar working = D4.withDecreeDayPolicy(DecreeDayPolicy.WORKING);
            assertThat(working.nextOpening(at(D4, "2020-03-27T18:00"))).isEqualTo(at(D4, "2020-03-30T09:00"));
            assertThat(ranges(working, "2020-04-30")).isEqualTo("[09:00-18:00]");
            assertThat(ranges(working, "2020-05-01")).isEqualTo("[]"); // a real holiday stays off
            assertThat(working.plusWorkingDays(at(D4, "2020-03-27T12:00"), 1)).isEqualTo(at(D4, "2020-03-30T18:00"));
            assertThat(working.workingTimeBetween(at(D4, "2020-03-30T00:00"), at(D4, "2020-05-01T00:00")))
                    .isEqualTo(Duration.ofHours(9 * 24));
        }
    }

    @Nested
    class RoundTheClock {

        private final WorkingCalendar always = WorkingCalendar.of(MOSCOW, WeeklySchedule.parse("daily 00:00-24:00"),
                ProductionCalendar.none());
        private final WorkingCalendar alwaysRu = WorkingCalendar.of(MOSCOW, WeeklySchedule.parse("daily 00:00-24:00"),
                ProductionCalendar.russian());

        @Test
        void neverClosesAtMidnight() {
            Instant midnight = at(always, "2025-06-11T00:00");
            assertThat(always.isOpen(midnight)).isTrue();
            assertThat(always.nextOpening(midnight)).isEqualTo(midnight);
            assertThat(always.closingAfter(midnight)).isEqualTo(Instant.MAX);
            assertThat(always.plusWorkingHours(midnight.minusSeconds(60), Duration.ofHours(48)))
                    .isEqualTo(midnight.plus(Duration.ofHours(48).minusSeconds(60)));
            assertThat(always.workingTimeBetween(midnight, midnight.plus(Duration.ofDays(10)))).isEqualTo(Duration.ofDays(10));
            assertThat(always.plusWorkingDays(at(always, "2025-06-10T15:00"), 1)).isEqualTo(at(always, "2025-06-12T00:00"));
            assertThat(always.intervalsOn(LocalDate.of(2025, 6, 10))).singleElement()
                    .extracting(WorkingInterval::duration).isEqualTo(Duration.ofDays(1));
        }

        @Test
        void withTheRussianCalendarClosesOnDaysOff() {
            assertThat(alwaysRu.closingAfter(at(alwaysRu, "2025-12-30T12:00"))).isEqualTo(at(alwaysRu, "2025-12-31T00:00"));
            assertThat(alwaysRu.nextOpening(at(alwaysRu, "2025-12-31T05:00"))).isEqualTo(at(alwaysRu, "2026-01-10T00:00"));
            assertThat(alwaysRu.closingAfter(at(alwaysRu, "2026-01-10T05:00"))).isEqualTo(at(alwaysRu, "2026-02-23T00:00"));
            assertThat(alwaysRu.closingAfter(at(alwaysRu, "2025-06-10T05:00"))).isEqualTo(at(alwaysRu, "2025-06-11T23:00"));
        }
    }

    @Nested
    class Dnevnik {

        @Test
        void worksEveryDayIncludingHolidays() {
            assertThat(DNEVNIK.isOpen(at(DNEVNIK, "2026-01-01T10:00"))).isTrue();
            assertThat(DNEVNIK.isOpen(at(DNEVNIK, "2025-11-08T20:59"))).isTrue();
            assertThat(DNEVNIK.isOpen(at(DNEVNIK, "2025-11-08T21:00"))).isFalse();
            assertThat(DNEVNIK.nextOpening(at(DNEVNIK, "2025-11-08T21:00"))).isEqualTo(at(DNEVNIK, "2025-11-09T09:00"));
            assertThat(DNEVNIK.closingAfter(at(DNEVNIK, "2025-11-08T22:00"))).isEqualTo(at(DNEVNIK, "2025-11-09T21:00"));
        }
    }

    @Nested
    class Misconfiguration {

        private final WorkingCalendar closed = WorkingCalendar.of(MOSCOW, WeeklySchedule.of(Map.of()),
                ProductionCalendar.russian());
        private final Instant t = Instant.parse("2025-10-20T10:00:00Z");

        @Test
        void noWorkingTimeAtAllFailsClearlyInsteadOfLooping() {
            assertThat(closed.isOpen(t)).isFalse();
            assertThat(closed.workingTimeBetween(t, t.plus(Duration.ofDays(400)))).isZero();
            assertThatThrownBy(() -> closed.nextOpening(t)).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("no working time within 3 years");
            assertThatThrownBy(() -> closed.closingAfter(t)).isInstanceOf(IllegalStateException.class);
            assertThatThrownBy(() -> closed.plusWorkingDays(t, 1)).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("weekly schedule");
            assertThatThrownBy(() -> closed.plusWorkingDays(t, 0)).isInstanceOf(IllegalStateException.class);
            assertThatThrownBy(() -> closed.plusWorkingHours(t, Duration.ofMinutes(1))).isInstanceOf(IllegalStateException.class);
        }

        @Test
        void instantsOutsideTheSupportedYearsAreRejected() {
            assertThatThrownBy(() -> D1.isOpen(Instant.parse("2250-01-01T00:00:00Z")))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("supported years");
            assertThatThrownBy(() -> D1.isOpen(Instant.MIN)).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> D1.plusWorkingDays(Instant.parse("2190-01-01T00:00:00Z"), 10_000))
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining("beyond");
        }

        @Test
        void oldDatesWidenTheWindowWithoutBreakingLaterQueries() {
            WorkingCalendar desk = WorkingCalendar.of(MOSCOW, WeeklySchedule.parse("mon-fri 09:00-18:00"),
                    ProductionCalendar.russian());
            Instant t2025 = at(desk, "2025-10-17T16:00");
            Instant expected = desk.plusWorkingDays(t2025, 3);
            assertThat(desk.isOpen(at(desk, "1950-03-01T10:00"))).isTrue();
            assertThat(desk.plusWorkingDays(t2025, 3)).isEqualTo(expected);
            assertThat(desk.workingTimeBetween(at(desk, "1950-03-06T00:00"), at(desk, "1950-03-07T00:00")))
                    .isEqualTo(Duration.ofHours(9));
        }
    }

    @Nested
    class Concurrency {

        @Test
        void concurrentQueriesThatWidenTheWindowAgreeWithASingleThread() throws Exception {
            WeeklySchedule week = WeeklySchedule.parse("mon-fri 09:00-18:00");
            WorkingCalendar expected = WorkingCalendar.of(MOSCOW, week, ProductionCalendar.russian());
            WorkingCalendar shared = WorkingCalendar.of(MOSCOW, week, ProductionCalendar.russian());
            java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(4);
            try {
                java.util.List<java.util.concurrent.Future<?>> futures = new java.util.ArrayList<>();
                for (int th = 0; th < 8; th++) {
                    int seed = th;
                    futures.add(pool.submit(() -> {
                        java.util.SplittableRandom r = new java.util.SplittableRandom(seed);
                        for (int i = 0; i < 2000; i++) {
                            // Years 1905..2180: most queries force the shared index to grow.
                            Instant t = Instant.ofEpochSecond(r.nextLong(-2_050_000_000L, 6_500_000_000L));
                            int n = r.nextInt(300);
                            assertThat(shared.plusWorkingDays(t, n)).isEqualTo(expected.plusWorkingDays(t, n));
                            assertThat(shared.nextOpening(t)).isEqualTo(expected.nextOpening(t));
                        }
                        return null;
                    }));
                }
                for (java.util.concurrent.Future<?> f : futures) {
                    f.get();
                }
            } finally {
                pool.shutdownNow();
            }
        }
    }

    @Nested
    class TimeZonesWithDst {

        private final ZoneId berlin = ZoneId.of("Europe/Berlin");
        private final WorkingCalendar night = WorkingCalendar.of(berlin, WeeklySchedule.parse("daily 01:00-04:00"),
                ProductionCalendar.none());
        private final WorkingCalendar always = WorkingCalendar.of(berlin, WeeklySchedule.parse("daily 00:00-24:00"),
                ProductionCalendar.none());

        @Test
        void intervalsFollowTheWallClock() {
            // Spring forward 2025-03-30 02:00 -> 03:00: the night shift is two hours long.
            assertThat(night.workingTimeBetween(at(night, "2025-03-30T00:00"), at(night, "2025-03-31T00:00")))
                    .isEqualTo(Duration.ofHours(2));
            // Fall back 2025-10-26 03:00 -> 02:00: four hours.
            assertThat(night.workingTimeBetween(at(night, "2025-10-26T00:00"), at(night, "2025-10-27T00:00")))
                    .isEqualTo(Duration.ofHours(4));
            assertThat(always.workingTimeBetween(at(always, "2025-03-30T00:00"), at(always, "2025-03-31T00:00")))
                    .isEqualTo(Duration.ofHours(23));
            assertThat(always.closingAfter(at(always, "2025-03-30T12:00"))).isEqualTo(Instant.MAX);
            assertThat(always.plusWorkingDays(at(always, "2025-03-29T12:00"), 1)).isEqualTo(at(always, "2025-03-31T00:00"));
        }
    }
}
