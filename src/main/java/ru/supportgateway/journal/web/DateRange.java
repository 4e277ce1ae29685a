package ru.supportgateway.journal.web;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * The list's {@code from}/{@code to} parameters. A date ({@code 2026-01-31}) means the whole day, both ends
 * inclusive, in {@code zone}: the one given (e.g. {@code zone=Asia/Yekaterinburg}), else the zone of the
 * {@code desk} asked for, else UTC.
 * An instant with offset ({@code 2026-01-31T09:00:00+05:00}) is used as is: {@code from} inclusive,
 * {@code to} exclusive.
 */
record DateRange(Instant from, Instant before) {

    static DateRange parse(String from, String to, String zone) {
        ZoneId z = zone(zone);
        return new DateRange(from == null || from.isBlank() ? null : start(from.strip(), z, false),
                to == null || to.isBlank() ? null : start(to.strip(), z, true));
    }

    private static Instant start(String value, ZoneId zone, boolean dayAfter) {
        try {
            if (value.contains("T")) {
                return OffsetDateTime.parse(value).toInstant();
            }
            LocalDate day = LocalDate.parse(value);
            return (dayAfter ? day.plusDays(1) : day).atStartOfDay(zone).toInstant();
        } catch (DateTimeException e) {
            throw new IllegalArgumentException("Неверная дата «%s»: нужна ГГГГ-ММ-ДД или ISO-8601 со смещением. / Bad date '%s': use YYYY-MM-DD or an ISO-8601 instant with offset."
                    .formatted(value, value), e);
        }
    }

    private static ZoneId zone(String zone) {
        if (zone == null || zone.isBlank()) {
            return ZoneOffset.UTC;
        }
        try {
            return ZoneId.of(zone.strip());
        } catch (DateTimeException e) {
            throw new IllegalArgumentException("Неизвестный часовой пояс «%s». / Unknown time zone '%s'.".formatted(zone, zone), e);
        }
    }
}
