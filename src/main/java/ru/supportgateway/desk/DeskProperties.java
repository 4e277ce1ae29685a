package ru.supportgateway.desk;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.boot.context.properties.bind.Name;

/**
 * The configuration keys of one desk, {@code gateway.desks.<id>.*}, exactly as an administrator
 * writes them. Values are checked and turned into a {@link Desk} by {@link DeskFactory}.
 */
public record DeskProperties(String name, String zone, @DefaultValue("ru") String calendar,
                             @DefaultValue("off") String decreeDays, Map<String, String> hours,
                             Email email, Phone phone) {

    public record Email(String address, @DefaultValue("register") String afterHours, ImapServer imap, SmtpServer smtp) {
    }

    public record Phone(String number, String queue, String voicemail, @DefaultValue("voicemail") String afterHours,
                        @DefaultValue("false") boolean callbackOnAbandon, @DefaultValue("20s") Duration abandonThreshold) {
    }

    /** {@code gateway.calendars.<id>}: days added or corrected, and xmlcalendar files to import. */
    public record CalendarProperties(Map<String, String> days, @Name("import") List<String> imports) {
    }
}
