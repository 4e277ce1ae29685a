package ru.supportgateway.calendar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ProductionCalendarTest {

    private static final ProductionCalendar RU = ProductionCalendar.russian();

    /** Distinct hours per weekday, so that a wrong working-weekend schedule shows up. */
    private static final WeeklySchedule DISTINCT = WeeklySchedule.parse(
            "mon 08:00-17:00; tue 08:00-16:00; wed 08:00-15:00; thu 08:00-14:00; fri 08:00-13:00");

    @Test
    void russianCalendarIsCachedAndCoversTheCsv() {
        assertThat(ProductionCalendar.russian()).isSameAs(RU);
        assertThat(RU.firstDate()).contains(LocalDate.of(2017, 1, 1));
        assertThat(RU.lastDate()).contains(LocalDate.of(2027, 12, 31));
        // README counts per year: 2024 h12 t5 w3 s5 (weekday holidays only; weekend ones are added).
        Map<DayKind, Long> y2024 = countKinds(2024, d -> !ProductionCalendar.isWeekend(d.date()));
        assertThat(y2024).containsEntry(DayKind.HOLIDAY, 12L).containsEntry(DayKind.TRANSFER_DAY_OFF, 5L)
                .containsEntry(DayKind.WORKING_WEEKEND, 0L);
        assertThat(countKinds(2024, d -> true)).containsEntry(DayKind.WORKING_WEEKEND, 3L);
        assertThat(RU.days().values().stream().filter(d -> d.date().getYear() == 2024)
                .filter(CalendarDay::shortened).count()).isEqualTo(5);
        assertThat(RU.days().values().stream().filter(d -> d.kind() == DayKind.NONWORKING_DECREE).count()).isEqualTo(36);
    }

    private static Map<DayKind, Long> countKinds(int year, Predicate<CalendarDay> filter) {
        Map<DayKind, Long> m = new TreeMap<>();
        for (DayKind k : DayKind.values()) {
            m.put(k, 0L);
        }
        RU.days().values().stream().filter(d -> d.date().getYear() == year).filter(filter)
                .forEach(d -> m.merge(d.kind(), 1L, Long::sum));
        return m;
    }

    @Test
    void workingSaturdaysKeepTheScheduleOfTheDayTheirDayOffMovedTo() {
        assertThat(RU.day(LocalDate.of(2025, 11, 1))).hasValueSatisfying(d -> {
            assertThat(d.kind()).isEqualTo(DayKind.WORKING_WEEKEND);
            assertThat(d.shortened()).isTrue();
            assertThat(d.scheduleOf()).isEqualTo(DayOfWeek.MONDAY); // 2025-11-03
        });
        assertThat(RU.day(LocalDate.of(2024, 11, 2)).orElseThrow().scheduleOf()).isEqualTo(DayOfWeek.TUESDAY);
        assertThat(RU.day(LocalDate.of(2024, 4, 27)).orElseThrow().shortened()).isFalse();
        assertThat(RU.day(LocalDate.of(2024, 12, 28)).orElseThrow().scheduleOf()).isEqualTo(DayOfWeek.MONDAY);
        assertThat(RU.day(LocalDate.of(2025, 1, 4)).orElseThrow().kind()).isEqualTo(DayKind.HOLIDAY); // Saturday
        assertThat(RU.day(LocalDate.of(2025, 10, 15))).isEmpty();
    }

    @Test
    void csvFindsWorkingWeekendScheduleFromTheTransferRowToo() {
        ProductionCalendar c = ProductionCalendar.fromCsv(new StringReader("""
                date,kind,note
                # a comment
                2030-03-02,working_weekend,
                2030-03-02,shortened,"pre-holiday, \"\"quoted\"\"\"
                2030-03-08,transfer_day_off,"transferred from 2030-03-02 (Sat)"
                """));
        CalendarDay sat = c.day(LocalDate.of(2030, 3, 2)).orElseThrow();
        assertThat(sat.scheduleOf()).isEqualTo(DayOfWeek.FRIDAY);
        assertThat(sat.shortened()).isTrue();
        assertThat(sat.note()).contains("pre-holiday, \"quoted\"");
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "2025-13-01,holiday",
        "2025-01-01,feast",
        "2025-01-01",
        "2025-01-01,holiday\n2025-01-01,transfer_day_off",
        "2025-01-01,holiday\n2025-01-01,shortened",
        "2025-01-01,holiday,\"unterminated",
    })
    void csvErrorsNameTheLine(String csv) {
        assertThatThrownBy(() -> ProductionCalendar.fromCsv(new StringReader(csv)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("line ");
    }

    @Test
    void overridesAddAndCancelDays() {
        LocalDate dec31 = LocalDate.of(2026, 12, 31);
        LocalDate regional = LocalDate.of(2025, 8, 30); // Saturday, e.g. Tatarstan Republic Day
        LocalDate jan9 = LocalDate.of(2026, 1, 9);      // transfer day off, made working
        LocalDate nov1 = LocalDate.of(2025, 11, 1);     // shortened working Saturday, shortening cancelled
        LocalDate may7 = LocalDate.of(2026, 5, 7);
        ProductionCalendar c = RU.withOverrides(Map.of(
                dec31, DayKind.DAY_OFF, regional, DayKind.HOLIDAY, jan9, DayKind.WORKING,
                nov1, DayKind.WORKING, may7, DayKind.parse("shortened")));
        assertThat(RU.day(dec31).orElseThrow().kind()).isEqualTo(DayKind.TRANSFER_DAY_OFF); // the base is untouched
        assertThat(c.day(dec31).orElseThrow().kind()).isEqualTo(DayKind.DAY_OFF);
        assertThat(c.day(regional).orElseThrow().kind()).isEqualTo(DayKind.HOLIDAY);
        assertThat(c.day(jan9).orElseThrow().kind()).isEqualTo(DayKind.WORKING);
        CalendarDay sat = c.day(nov1).orElseThrow();
        assertThat(sat.kind()).isEqualTo(DayKind.WORKING_WEEKEND);
        assertThat(sat.shortened()).isFalse();
        assertThat(sat.scheduleOf()).isEqualTo(DayOfWeek.MONDAY); // kept from the base
        assertThat(c.day(may7).orElseThrow().shortened()).isTrue();

        WorkingCalendar desk = WorkingCalendar.of(Desks.MOSCOW, WeeklySchedule.parse("mon-fri 09:00-18:00"), c);
        assertThat(desk.rangesOn(jan9)).extracting(TimeRange::toString).containsExactly("09:00-18:00");
        assertThat(desk.rangesOn(nov1)).extracting(TimeRange::toString).containsExactly("09:00-18:00");
        assertThat(desk.rangesOn(may7)).extracting(TimeRange::toString).containsExactly("09:00-17:00");
        assertThat(desk.rangesOn(LocalDate.of(2026, 12, 30))).extracting(TimeRange::toString).containsExactly("09:00-18:00");
        assertThat(desk.isWorkingDay(dec31)).isFalse();
    }

    @Test
    void mergeLetsTheLaterCalendarWinAndWorkingWeekendTakesAGivenWeekday() {
        LocalDate sat = LocalDate.of(2030, 6, 1);
        ProductionCalendar regional = ProductionCalendar.of(java.util.List.of(
                CalendarDay.workingWeekend(sat, LocalDate.of(2030, 6, 7), false)));
        ProductionCalendar merged = RU.merge(regional);
        assertThat(merged.day(sat).orElseThrow().scheduleOf()).isEqualTo(DayOfWeek.FRIDAY);
        WorkingCalendar desk1 = WorkingCalendar.of(Desks.YEKATERINBURG, Desks.TYUMEN_SITUATIONAL.schedule(), merged);
        assertThat(desk1.rangesOn(sat)).extracting(TimeRange::toString).containsExactly("08:30-12:30", "13:30-16:00");
        assertThat(RU.merge(ProductionCalendar.none())).isSameAs(RU);
        assertThatThrownBy(() -> DayKind.parse("feast")).hasMessageContaining("expected one of");
        assertThat(DayKind.parse("Transfer-Day-Off")).isEqualTo(DayKind.TRANSFER_DAY_OFF);
        assertThat(DayKind.parse("off")).isEqualTo(DayKind.DAY_OFF);
    }

    @Test
    void xmlcalendar2024MatchesTheCsvEntryByEntry() {
        ProductionCalendar xml = xml("xmlcalendar-ru-2024.xml");
        assertThat(simplified(xml, 2024)).isEqualTo(simplified(RU, 2024));
        assertSameWorkingTime(xml, 2024);
    }

    @Test
    void xmlcalendar2020MatchesTheCsvIncludingDecreeDays() {
        ProductionCalendar xml = xml("xmlcalendar-ru-2020.xml");
        assertThat(xml.day(LocalDate.of(2020, 4, 15)).orElseThrow().kind()).isEqualTo(DayKind.NONWORKING_DECREE);
        assertThat(xml.day(LocalDate.of(2020, 7, 1)).orElseThrow().kind()).isEqualTo(DayKind.NONWORKING_DECREE);
        // xmlcalendar also lists weekend days inside the decree periods; on weekdays the entries agree exactly.
        Predicate<LocalDate> weekday = d -> !ProductionCalendar.isWeekend(d);
        assertThat(simplified(xml, 2020).entrySet().stream().filter(e -> weekday.test(e.getKey())).collect(toMap()))
                .isEqualTo(simplified(RU, 2020).entrySet().stream().filter(e -> weekday.test(e.getKey())).collect(toMap()));
        assertSameWorkingTime(xml, 2020);
    }

    private static java.util.stream.Collector<Map.Entry<LocalDate, String>, ?, Map<LocalDate, String>> toMap() {
        return Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue, (a, b) -> a, TreeMap::new);
    }

    @Test
    void xmlcalendarRejectsBadContentAndExternalEntities() {
        assertThatThrownBy(() -> ProductionCalendar.fromXmlCalendar(bytes("<calendar year=\"2025\"><days><day d=\"13.01\" t=\"1\"/></days></calendar>")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("MM.DD");
        assertThatThrownBy(() -> ProductionCalendar.fromXmlCalendar(bytes("<calendar year=\"2025\"><days><day d=\"01.13\" t=\"7\"/></days></calendar>")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("unknown type");
        assertThatThrownBy(() -> ProductionCalendar.fromXmlCalendar(bytes("<calendar><days/></calendar>")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("year");
        assertThatThrownBy(() -> ProductionCalendar.fromXmlCalendar(bytes(
                "<?xml version=\"1.0\"?><!DOCTYPE c [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>"
                        + "<calendar year=\"2025\"><holidays><holiday id=\"1\" title=\"&x;\"/></holidays></calendar>")))
                .isInstanceOf(IllegalArgumentException.class);
        // Month first: 11.04 is 4 November.
        ProductionCalendar c = ProductionCalendar.fromXmlCalendar(bytes(
                "<calendar year=\"2025\"><days><day d=\"11.04\" t=\"1\" h=\"8\"/><day d=\"11.04\" t=\"1\" h=\"8\"/></days></calendar>"));
        assertThat(c.day(LocalDate.of(2025, 11, 4))).isPresent();
    }

    /** Per date: kind, shortened, working-weekend weekday (notes differ by source). */
    private static Map<LocalDate, String> simplified(ProductionCalendar c, int year) {
        return c.days().values().stream().filter(d -> d.date().getYear() == year)
                .collect(Collectors.toMap(CalendarDay::date, d -> d.kind() + (d.shortened() ? "+shortened" : "")
                        + (d.scheduleOf() == null ? "" : " as " + d.scheduleOf()), (a, b) -> a, TreeMap::new));
    }

    /** Every date of the year gives the same local working hours, under both decree-day policies. */
    private static void assertSameWorkingTime(ProductionCalendar xml, int year) {
        for (DecreeDayPolicy policy : DecreeDayPolicy.values()) {
            WorkingCalendar a = new WorkingCalendar(Desks.MOSCOW, DISTINCT, RU, policy);
            WorkingCalendar b = new WorkingCalendar(Desks.MOSCOW, DISTINCT, xml, policy);
            for (LocalDate d = LocalDate.of(year, 1, 1); d.getYear() == year; d = d.plusDays(1)) {
                assertThat(b.rangesOn(d)).as("%s under %s", d, policy).isEqualTo(a.rangesOn(d));
            }
        }
    }

    private static ProductionCalendar xml(String name) {
        try (InputStream in = ProductionCalendarTest.class.getResourceAsStream("/calendar/" + name)) {
            assertThat(in).as(name).isNotNull();
            return ProductionCalendar.fromXmlCalendar(in);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static InputStream bytes(String s) {
        return new ByteArrayInputStream(s.getBytes(StandardCharsets.UTF_8));
    }
}
