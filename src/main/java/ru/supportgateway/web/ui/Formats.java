package ru.supportgateway.web.ui;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

import org.springframework.stereotype.Component;

import ru.supportgateway.desk.Desk;
import ru.supportgateway.desk.Desks;

/**
 * Formatting for the pages, as {@code @fmt} in templates: times in the desk's own zone (a Tyumen operator
 * reads Tyumen time), Russian date order, desk names.
 */
@Component("fmt")
public class Formats {

    /** Where a request's desk is unknown (e.g. removed from configuration). */
    static final ZoneId FALLBACK_ZONE = ZoneId.of("Europe/Moscow");
    private static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("dd.MM.yyyy HH:mm");
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("dd.MM.yyyy");

    private final Desks desks;

    public Formats(Desks desks) {
        this.desks = desks;
    }

    public String dateTime(Instant t, String deskId) {
        return t == null ? "" : DATE_TIME.format(t.atZone(zone(deskId)));
    }

    public String date(Instant t, String deskId) {
        return t == null ? "" : DATE.format(t.atZone(zone(deskId)));
    }

    public String deskName(String deskId) {
        return desks.find(deskId).map(Desk::name).orElse(deskId);
    }

    public ZoneId zone(String deskId) {
        return desks.find(deskId).map(Desk::zone).orElse(FALLBACK_ZONE);
    }

    /**
     * A mail's sanitised HTML as the document of its sandboxed frame, with our stylesheet for readable
     * type (the page's CSP, which the frame inherits, allows only our own styles).
     */
    public String mailDocument(String html) {
        return "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><link rel=\"stylesheet\" href=\"/css/mail.css\">"
                + "</head><body>" + html + "</body></html>";
    }

    /** File sizes the way people read them. */
    public String size(long bytes) {
        if (bytes < 1024) {
            return bytes + " Б";
        }
        if (bytes < 1024 * 1024) {
            return (bytes + 512) / 1024 + " КБ";
        }
        return "%.1f МБ".formatted(bytes / (1024.0 * 1024.0));
    }
}
