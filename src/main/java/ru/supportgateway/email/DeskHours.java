package ru.supportgateway.email;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

import ru.supportgateway.calendar.ProductionCalendar;
import ru.supportgateway.calendar.TimeRange;
import ru.supportgateway.calendar.WeeklySchedule;
import ru.supportgateway.desk.Desk;

/** A desk's hours and times in the words of an acknowledgement (Russian, in the desk's own time zone). */
public final class DeskHours {

    private static final Locale RU = Locale.forLanguageTag("ru");
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("EEEE, d MMMM yyyy 'г.', HH:mm", RU);
    private static final String[] DAYS = {"пн", "вт", "ср", "чт", "пт", "сб", "вс"};

    private DeskHours() {
    }

    /** E.g. "пн–чт 08:30–12:30, 13:30–17:00; пт 08:30–12:30, 13:30–16:00; сб, вс и праздничные дни — выходной (МСК+2)". */
    public static String describe(Desk desk, Instant at) {
        WeeklySchedule week = desk.calendar().schedule();
        List<String> parts = new ArrayList<>();
        List<String> daysOff = new ArrayList<>();
        int i = 0;
        while (i < 7) {
            List<TimeRange> ranges = week.rangesFor(DayOfWeek.of(i + 1));
            int j = i;
            while (j + 1 < 7 && week.rangesFor(DayOfWeek.of(j + 2)).equals(ranges)) {
                j++;
            }
            String days = i == j ? DAYS[i] : (j == i + 1 ? DAYS[i] + ", " + DAYS[j] : DAYS[i] + "–" + DAYS[j]);
            if (ranges.isEmpty()) {
                daysOff.add(days);
            } else if (i == 0 && j == 6) {
                parts.add(ranges(ranges).equals("00:00–24:00") ? "круглосуточно" : "ежедневно " + ranges(ranges));
            } else {
                parts.add(days + " " + ranges(ranges));
            }
            i = j + 1;
        }
        boolean holidays = !desk.calendar().productionCalendar().equals(ProductionCalendar.none());
        if (!daysOff.isEmpty()) {
            parts.add(String.join(", ", daysOff) + (holidays ? " и праздничные дни" : "") + " — выходной");
        } else if (holidays) {
            parts.add("праздничные дни — выходной");
        }
        return String.join("; ", parts) + " (" + zoneLabel(desk.zone(), at) + ")";
    }

    private static String ranges(List<TimeRange> ranges) {
        return ranges.stream().map(r -> r.toString().replace('-', '–')).collect(Collectors.joining(", "));
    }

    /** "понедельник, 23 ноября 2026 г., 08:30 (МСК+2)". */
    public static String when(Instant t, ZoneId zone) {
        return WHEN.format(ZonedDateTime.ofInstant(t, zone)) + " (" + zoneLabel(zone, t) + ")";
    }

    /** Russians name their time zones by the offset from Moscow: МСК, МСК+2, МСК−1. */
    public static String zoneLabel(ZoneId zone, Instant at) {
        int minutes = zone.getRules().getOffset(at).getTotalSeconds() / 60 - 180;
        if (minutes == 0) {
            return "МСК";
        }
        String sign = minutes > 0 ? "+" : "−";
        int abs = Math.abs(minutes);
        return "МСК" + sign + (abs % 60 == 0 ? String.valueOf(abs / 60) : String.format(Locale.ROOT, "%d:%02d", abs / 60, abs % 60));
    }

    /** "12,5 МБ", "830 КБ". */
    public static String size(long bytes) {
        if (bytes >= 1024 * 1024) {
            return String.format(RU, "%.1f МБ", bytes / 1024.0 / 1024.0);
        }
        return Math.max(1, bytes / 1024) + " КБ";
    }
}
