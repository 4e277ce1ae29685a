package ru.supportgateway.calendar;

import java.io.IOException;
import java.io.InputStream;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXException;

/** Parser for xmlcalendar.ru {@code calendar.xml} files (JDK DOM, no external entities). */
final class XmlCalendarParser {

    private XmlCalendarParser() {
    }

    static TreeMap<LocalDate, CalendarDay> parse(InputStream in) {
        Element root = read(in).getDocumentElement();
        if (!"calendar".equals(root.getTagName())) {
            throw new IllegalArgumentException("not an xmlcalendar file: root element <" + root.getTagName() + ">");
        }
        int year;
        try {
            year = Integer.parseInt(root.getAttribute("year").strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("xmlcalendar: bad or missing year attribute \"" + root.getAttribute("year") + "\"");
        }

        Map<String, String> titles = new HashMap<>();
        NodeList hs = root.getElementsByTagName("holiday");
        for (int i = 0; i < hs.getLength(); i++) {
            Element h = (Element) hs.item(i);
            titles.put(h.getAttribute("id"), h.getAttribute("title"));
        }

        TreeMap<LocalDate, CalendarDay> days = new TreeMap<>();
        Map<LocalDate, LocalDate> dayOffFrom = new LinkedHashMap<>();
        NodeList ds = root.getElementsByTagName("day");
        for (int i = 0; i < ds.getLength(); i++) {
            Element e = (Element) ds.item(i);
            LocalDate date = monthDay(year, e.getAttribute("d"));
            String t = e.getAttribute("t").strip();
            String h = e.getAttribute("h").strip();
            String f = e.getAttribute("f").strip();
            boolean weekend = ProductionCalendar.isWeekend(date);
            CalendarDay day;
            switch (t) {
                case "1" -> {
                    if (!h.isEmpty()) {
                        String title = titles.getOrDefault(h, "");
                        day = new CalendarDay(date, isDecree(title) ? DayKind.NONWORKING_DECREE : DayKind.HOLIDAY,
                                false, null, title);
                    } else if (!f.isEmpty()) {
                        LocalDate from = monthDay(year, f);
                        dayOffFrom.put(date, from);
                        day = new CalendarDay(date, DayKind.TRANSFER_DAY_OFF, false, null, "transferred from " + from);
                    } else {
                        day = CalendarDay.of(date, weekend ? DayKind.DAY_OFF : DayKind.TRANSFER_DAY_OFF);
                    }
                }
                case "2" -> day = new CalendarDay(date, weekend ? DayKind.WORKING_WEEKEND : DayKind.WORKING, true, null,
                        "pre-holiday day");
                case "3" -> day = CalendarDay.of(date, weekend ? DayKind.WORKING_WEEKEND : DayKind.WORKING);
                default -> throw new IllegalArgumentException("xmlcalendar " + year + ": day " + e.getAttribute("d")
                        + " has unknown type t=\"" + t + "\" (expected 1, 2 or 3)");
            }
            CalendarDay prev = days.put(date, day);
            // Some published files repeat a row verbatim; only a contradiction is an error.
            if (prev != null && !prev.equals(day)) {
                throw new IllegalArgumentException("xmlcalendar " + year + ": day " + date + " listed twice with different data");
            }
        }

        // f="MM.DD" tells which weekend became working; older files omit that weekend's t=3 row.
        dayOffFrom.forEach((dayOff, from) -> {
            if (!ProductionCalendar.isWeekend(from) || from.getYear() != year) {
                return;
            }
            CalendarDay existing = days.get(from);
            if (existing == null) {
                days.put(from, new CalendarDay(from, DayKind.WORKING_WEEKEND, false, dayOff.getDayOfWeek(),
                        "working weekend; its day off moved to " + dayOff));
            } else if (existing.kind().isWorking()) {
                days.put(from, new CalendarDay(from, DayKind.WORKING_WEEKEND, existing.shortened(),
                        dayOff.getDayOfWeek(), existing.note()));
            }
        });
        return days;
    }

    private static boolean isDecree(String title) {
        String t = title.toLowerCase(Locale.ROOT);
        // xmlcalendar names the 2020-21 Presidential non-working days "Нерабочие дни (Указ Президента ...)".
        return t.contains("указ президента") || t.contains("нерабоч")
                || t.contains("presidential decree") || t.contains("non-working");
    }

    private static LocalDate monthDay(int year, String md) {
        String[] p = md.strip().split("\\.");
        try {
            if (p.length != 2) {
                throw new NumberFormatException();
            }
            // xmlcalendar writes month first: "11.04" is 4 November.
            return LocalDate.of(year, Integer.parseInt(p[0]), Integer.parseInt(p[1]));
        } catch (NumberFormatException | DateTimeException e) {
            throw new IllegalArgumentException("xmlcalendar " + year + ": bad date \"" + md + "\" (expected MM.DD)");
        }
    }

    private static Document read(InputStream in) {
        try {
            DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
            f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            f.setXIncludeAware(false);
            f.setExpandEntityReferences(false);
            DocumentBuilder b = f.newDocumentBuilder();
            // Fail through the exception only; the default handler also prints to stderr.
            b.setErrorHandler(new org.xml.sax.helpers.DefaultHandler() {
                @Override
                public void fatalError(org.xml.sax.SAXParseException e) throws SAXException {
                    throw e;
                }
            });
            return b.parse(in);
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException("XML parser unavailable", e);
        } catch (SAXException e) {
            throw new IllegalArgumentException("malformed xmlcalendar file: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("cannot read xmlcalendar file", e);
        }
    }
}
