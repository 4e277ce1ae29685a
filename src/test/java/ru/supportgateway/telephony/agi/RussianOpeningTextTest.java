package ru.supportgateway.telephony.agi;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.DayOfWeek;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RussianOpeningTextTest {

    private static final ZoneId TYUMEN = ZoneId.of("Asia/Yekaterinburg");

    @ParameterizedTest(name = "{0}:{1} -> {2}")
    @CsvSource(delimiter = '|', textBlock = """
            0  | 0  | в 0 часов
            1  | 0  | в 1 час
            2  | 0  | в 2 часа
            3  | 5  | в 3 часа 5 минут
            4  | 1  | в 4 часа 1 минуту
            5  | 2  | в 5 часов 2 минуты
            8  | 30 | в 8 часов 30 минут
            9  | 0  | в 9 часов
            10 | 11 | в 10 часов 11 минут
            11 | 12 | в 11 часов 12 минут
            12 | 14 | в 12 часов 14 минут
            13 | 21 | в 13 часов 21 минуту
            14 | 22 | в 14 часов 22 минуты
            15 | 24 | в 15 часов 24 минуты
            16 | 25 | в 16 часов 25 минут
            17 | 31 | в 17 часов 31 минуту
            18 | 40 | в 18 часов 40 минут
            19 | 43 | в 19 часов 43 минуты
            20 | 50 | в 20 часов 50 минут
            21 | 0  | в 21 час
            22 | 51 | в 22 часа 51 минуту
            23 | 59 | в 23 часа 59 минут
            """)
    void hoursAndMinutesAgreeWithTheirNumbers(int hour, int minute, String expected) {
        assertThat(RussianOpeningText.time(hour, minute)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            MONDAY    | в понедельник
            TUESDAY   | во вторник
            WEDNESDAY | в среду
            THURSDAY  | в четверг
            FRIDAY    | в пятницу
            SATURDAY  | в субботу
            SUNDAY    | в воскресенье
            """)
    void weekdaysAreAccusativeWithTheRightPreposition(DayOfWeek day, String expected) {
        assertThat(RussianOpeningText.weekday(day)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            0   | many
            1   | one
            2   | few
            4   | few
            5   | many
            11  | many
            12  | many
            14  | many
            15  | many
            21  | one
            22  | few
            25  | many
            101 | one
            111 | many
            112 | many
            122 | few
            """)
    void pluralRules(int n, String form) {
        assertThat(RussianOpeningText.plural(n, "one", "few", "many")).isEqualTo(form);
    }

    @ParameterizedTest(name = "now {0}, opening {1} -> {2}")
    @CsvSource(delimiter = '|', textBlock = """
            2026-01-15T12:45 | 2026-01-15T13:30 | сегодня, в 13 часов 30 минут
            2026-01-15T07:00 | 2026-01-15T08:30 | сегодня, в 8 часов 30 минут
            2026-01-15T17:30 | 2026-01-16T08:30 | завтра, в 8 часов 30 минут
            2026-01-15T23:59 | 2026-01-16T09:00 | завтра, в 9 часов
            2026-01-16T16:30 | 2026-01-19T08:30 | в понедельник, 19 января, в 8 часов 30 минут
            2025-12-31T19:00 | 2026-01-12T08:30 | в понедельник, 12 января, в 8 часов 30 минут
            2026-03-06T17:00 | 2026-03-10T08:30 | во вторник, 10 марта, в 8 часов 30 минут
            2026-02-20T18:00 | 2026-02-24T09:00 | во вторник, 24 февраля, в 9 часов
            2026-04-28T18:00 | 2026-04-30T10:15 | в четверг, 30 апреля, в 10 часов 15 минут
            2026-05-01T10:00 | 2026-05-06T08:30 | в среду, 6 мая, в 8 часов 30 минут
            2026-05-06T19:00 | 2026-05-08T21:01 | в пятницу, 8 мая, в 21 час 1 минуту
            2026-05-08T19:00 | 2026-05-16T11:00 | в субботу, 16 мая, в 11 часов
            2026-06-10T19:00 | 2026-06-14T12:00 | в воскресенье, 14 июня, в 12 часов
            2026-07-01T19:00 | 2026-07-06T09:00 | в понедельник, 6 июля, в 9 часов
            2026-08-01T19:00 | 2026-08-03T09:00 | в понедельник, 3 августа, в 9 часов
            2026-09-01T19:00 | 2026-09-03T09:00 | в четверг, 3 сентября, в 9 часов
            2026-10-01T19:00 | 2026-10-05T09:00 | в понедельник, 5 октября, в 9 часов
            2026-11-03T19:00 | 2026-11-05T09:00 | в четверг, 5 ноября, в 9 часов
            2026-12-01T19:00 | 2026-12-03T09:00 | в четверг, 3 декабря, в 9 часов
            """)
    void sentence(LocalDateTime now, LocalDateTime opening, String expected) {
        assertThat(RussianOpeningText.format(opening.atZone(TYUMEN), now.atZone(TYUMEN))).isEqualTo(expected);
    }

    @Test
    void todayIsTheDesksTodayNotTheCallersOrUtc() {
        // 23:30 UTC on the 15th is already 04:30 on the 16th in Tyumen: an opening at 08:30 on the
        // 16th is "today" for the desk although "now" was given in UTC.
        ZonedDateTime nowUtc = ZonedDateTime.of(2026, 1, 15, 23, 30, 0, 0, ZoneId.of("UTC"));
        ZonedDateTime opening = ZonedDateTime.of(2026, 1, 16, 8, 30, 0, 0, TYUMEN);
        assertThat(RussianOpeningText.format(opening, nowUtc)).isEqualTo("сегодня, в 8 часов 30 минут");
    }
}
