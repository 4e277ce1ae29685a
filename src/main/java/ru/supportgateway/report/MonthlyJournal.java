package ru.supportgateway.report;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.format.TextStyle;
import java.util.Locale;
import java.util.Objects;

import ru.supportgateway.desk.Desk;

/**
 * One desk's journal for one month: the requests registered from the 1st 00:00 to the end of the month
 * in the desk's own time zone (so a letter registered at 01:00 on 1 November in Tyumen is November's,
 * although it is still 31 October in UTC).
 */
public record MonthlyJournal(String deskId, String deskName, ZoneId zone, YearMonth month) {

    static final Locale RUSSIAN = Locale.forLanguageTag("ru");

    public MonthlyJournal {
        Objects.requireNonNull(deskId, "deskId");
        Objects.requireNonNull(deskName, "deskName");
        Objects.requireNonNull(zone, "zone");
        Objects.requireNonNull(month, "month");
    }

    public static MonthlyJournal of(Desk desk, YearMonth month) {
        return new MonthlyJournal(desk.id(), desk.name(), desk.zone(), month);
    }

    /** @throws IllegalArgumentException (400) unless the month is written like 2026-10 */
    public static YearMonth parseMonth(String value) {
        try {
            return YearMonth.parse(value == null ? "" : value.strip());
        } catch (DateTimeException e) {
            throw new IllegalArgumentException("Неверный месяц «%s»: нужен ГГГГ-ММ, например 2026-10. / Bad month '%s': use YYYY-MM."
                    .formatted(value, value), e);
        }
    }

    /** The first instant of the month in the desk's zone (inclusive). */
    public Instant from() {
        return month.atDay(1).atStartOfDay(zone).toInstant();
    }

    /** The first instant of the next month in the desk's zone (exclusive). */
    public Instant before() {
        return month.plusMonths(1).atDay(1).atStartOfDay(zone).toInstant();
    }

    /** E.g. {@code journal-sc-2026-10.pdf}: ASCII only, so every mail client and browser keeps it. */
    public String fileName(ReportFormat format) {
        return "journal-%s-%s.%s".formatted(deskId, month, format.extension());
    }

    /** The month as people say it, e.g. «октябрь 2026». */
    public String monthTitle() {
        return month.getMonth().getDisplayName(TextStyle.FULL_STANDALONE, RUSSIAN) + " " + month.getYear();
    }
}
