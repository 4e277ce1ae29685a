package ru.supportgateway.calendar;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parser for the {@code date,kind,note} production calendar CSV. */
final class CsvCalendarParser {

    private static final Pattern MOVED_TO = Pattern.compile("day off moved to (\\d{4}-\\d{2}-\\d{2})");
    private static final Pattern TRANSFERRED_FROM = Pattern.compile("transferred from (\\d{4}-\\d{2}-\\d{2})");

    private record Row(int line, LocalDate date, DayKind kind, String note) {
    }

    private CsvCalendarParser() {
    }

    static TreeMap<LocalDate, CalendarDay> parse(Reader reader) {
        Map<LocalDate, List<Row>> byDate = new LinkedHashMap<>();
        try {
            BufferedReader br = new BufferedReader(reader);
            String line;
            int no = 0;
            while ((line = br.readLine()) != null) {
                no++;
                String l = line.strip();
                if (no == 1 && l.startsWith("\uFEFF")) {
                    l = l.substring(1);
                }
                if (l.isEmpty() || l.startsWith("#") || (no == 1 && l.toLowerCase().startsWith("date,"))) {
                    continue;
                }
                List<String> cells = splitCsv(l, no);
                if (cells.size() < 2 || cells.size() > 3) {
                    throw new IllegalArgumentException("line " + no + ": expected date,kind[,note] but got \"" + l + "\"");
                }
                LocalDate date;
                try {
                    date = LocalDate.parse(cells.get(0).strip());
                } catch (DateTimeParseException e) {
                    throw new IllegalArgumentException("line " + no + ": bad date \"" + cells.get(0) + "\" (expected YYYY-MM-DD)", e);
                }
                DayKind kind;
                try {
                    kind = DayKind.parse(cells.get(1));
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException("line " + no + ": " + e.getMessage(), e);
                }
                byDate.computeIfAbsent(date, d -> new ArrayList<>())
                        .add(new Row(no, date, kind, cells.size() > 2 ? cells.get(2).strip() : ""));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read production calendar CSV", e);
        }

        // Second source for a working weekend's weekday: the transfer row that names it.
        Map<LocalDate, LocalDate> transferFrom = new LinkedHashMap<>();
        for (List<Row> rows : byDate.values()) {
            for (Row r : rows) {
                Matcher m = TRANSFERRED_FROM.matcher(r.note);
                if (r.kind == DayKind.TRANSFER_DAY_OFF && m.find()) {
                    transferFrom.put(LocalDate.parse(m.group(1)), r.date);
                }
            }
        }

        TreeMap<LocalDate, CalendarDay> result = new TreeMap<>();
        for (List<Row> rows : byDate.values()) {
            result.put(rows.get(0).date, combine(rows, transferFrom));
        }
        return result;
    }

    private static CalendarDay combine(List<Row> rows, Map<LocalDate, LocalDate> transferFrom) {
        LocalDate date = rows.get(0).date;
        DayKind status = null;
        boolean shortened = false;
        List<String> notes = new ArrayList<>();
        for (Row r : rows) {
            if (!r.note.isEmpty()) {
                notes.add(r.note);
            }
            if (r.kind == DayKind.SHORTENED) {
                if (shortened) {
                    throw new IllegalArgumentException("line " + r.line + ": " + date + " is listed as shortened twice");
                }
                shortened = true;
            } else if (status != null) {
                throw new IllegalArgumentException("line " + r.line + ": " + date + " has two kinds, "
                        + status.csvName() + " and " + r.kind.csvName() + " (only shortened may be combined)");
            } else {
                status = r.kind;
            }
        }
        if (status == null) {
            // A shortened-only weekend date can only be a working weekend.
            status = ProductionCalendar.isWeekend(date) ? DayKind.WORKING_WEEKEND : DayKind.WORKING;
        }
        if (shortened && status.isDayOff()) {
            throw new IllegalArgumentException("line " + rows.get(rows.size() - 1).line + ": " + date
                    + " cannot be both " + status.csvName() + " and shortened");
        }
        java.time.DayOfWeek scheduleOf = null;
        if (status == DayKind.WORKING_WEEKEND) {
            LocalDate movedTo = null;
            for (Row r : rows) {
                Matcher m = MOVED_TO.matcher(r.note);
                if (m.find()) {
                    movedTo = LocalDate.parse(m.group(1));
                }
            }
            if (movedTo == null) {
                movedTo = transferFrom.get(date);
            }
            scheduleOf = movedTo == null ? null : movedTo.getDayOfWeek();
        }
        return new CalendarDay(date, status, shortened, scheduleOf, String.join("; ", notes));
    }

    /** Minimal RFC 4180 split of one line (no embedded line breaks). */
    static List<String> splitCsv(String line, int lineNo) {
        List<String> cells = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quoted) {
                if (c == '"') {
                    if (i + 1 < line.length() && line.charAt(i + 1) == '"') {
                        cur.append('"');
                        i++;
                    } else {
                        quoted = false;
                    }
                } else {
                    cur.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                cells.add(cur.toString());
                cur.setLength(0);
            } else {
                cur.append(c);
            }
        }
        if (quoted) {
            throw new IllegalArgumentException("line " + lineNo + ": unterminated quote");
        }
        cells.add(cur.toString());
        return cells;
    }
}
