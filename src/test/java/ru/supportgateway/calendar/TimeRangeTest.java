package ru.supportgateway.calendar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalTime;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TimeRangeTest {

    @Test
    void parsesListWithLunchBreak() {
        List<TimeRange> r = TimeRange.parseList("08:30-12:30, 13:30-17:00");
        assertThat(r).containsExactly(
                new TimeRange(LocalTime.of(8, 30), LocalTime.of(12, 30)),
                new TimeRange(LocalTime.of(13, 30), LocalTime.of(17, 0)));
        assertThat(r.get(0).duration()).isEqualTo(Duration.ofHours(4));
    }

    @Test
    void acceptsEndOfDayEnDashAndUnsortedInput() {
        assertThat(TimeRange.parseList("00:00-24:00")).singleElement().satisfies(t -> {
            assertThat(t.endsAtMidnight()).isTrue();
            assertThat(t.duration()).isEqualTo(Duration.ofHours(24));
            assertThat(t).hasToString("00:00-24:00");
        });
        assertThat(TimeRange.parseList("13:30 \u2013 17:00; 9:00-12:00"))
                .extracting(TimeRange::toString).containsExactly("09:00-12:00", "13:30-17:00");
        assertThat(TimeRange.parseList("  ")).isEmpty();
        assertThat(TimeRange.parseList("closed")).isEmpty();
    }

    @Test
    void rejectsBadInputWithClearMessages() {
        assertThatThrownBy(() -> TimeRange.parseList("08:30-12:30, 12:00-17:00"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("overlapping");
        assertThatThrownBy(() -> TimeRange.parseList("17:00-08:00"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("must be after start");
        assertThatThrownBy(() -> TimeRange.parseList("09:00-09:00"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("must be after start");
        assertThatThrownBy(() -> TimeRange.parseList("9-18"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("bad time");
        assertThatThrownBy(() -> TimeRange.parseList("09:00"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("expected HH:mm-HH:mm");
        assertThatThrownBy(() -> TimeRange.parseList("24:00-24:00"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("only allowed as an end");
        assertThatThrownBy(() -> TimeRange.parseList("09:00-12:00,,13:00-14:00"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("empty time range");
        assertThatThrownBy(() -> TimeRange.parseList("25:00-26:00"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new TimeRange(LocalTime.of(9, 0, 0, 5), LocalTime.NOON))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("whole seconds");
    }

    @Test
    void weeklyScheduleParsesDaySpecs() {
        WeeklySchedule s = WeeklySchedule.parse("mon-thu 08:30-12:30, 13:30-17:00; fri 08:30-12:30, 13:30-16:00");
        assertThat(s.rangesFor(DayOfWeek.WEDNESDAY)).hasSize(2);
        assertThat(s.rangesFor(DayOfWeek.FRIDAY).get(1).end()).isEqualTo(LocalTime.of(16, 0));
        assertThat(s.rangesFor(DayOfWeek.SATURDAY)).isEmpty();
        assertThat(s.weeklyDuration()).isEqualTo(Duration.ofMinutes(4 * 450 + 390));
        assertThat(s).isEqualTo(WeeklySchedule.of(Map.of(
                DayOfWeek.MONDAY, TimeRange.parseList("08:30-12:30, 13:30-17:00"),
                DayOfWeek.TUESDAY, TimeRange.parseList("08:30-12:30, 13:30-17:00"),
                DayOfWeek.WEDNESDAY, TimeRange.parseList("08:30-12:30, 13:30-17:00"),
                DayOfWeek.THURSDAY, TimeRange.parseList("13:30-17:00, 08:30-12:30"),
                DayOfWeek.FRIDAY, TimeRange.parseList("08:30-12:30, 13:30-16:00"))));
        assertThat(WeeklySchedule.parse("daily 00:00-24:00").rangesFor(DayOfWeek.SUNDAY)).hasSize(1);
        assertThat(WeeklySchedule.parse("mon,wed 09:00-10:00").rangesFor(DayOfWeek.TUESDAY)).isEmpty();
        assertThat(WeeklySchedule.of(Map.of()).hasWorkingTime()).isFalse();
        assertThatThrownBy(() -> WeeklySchedule.parse("mon-fri 09:00-18:00; fri 09:00-17:00"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("given twice");
        assertThatThrownBy(() -> WeeklySchedule.parse("fri-mon 09:00-18:00"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> WeeklySchedule.parse("funday 09:00-18:00"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("unknown day");
    }
}
