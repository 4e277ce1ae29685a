package ru.supportgateway.desk;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.boot.context.properties.bind.Name;
import org.springframework.util.unit.DataSize;

/**
 * The configuration keys of one desk, {@code gateway.desks.<id>.*}, exactly as an administrator
 * writes them. Values are checked and turned into a {@link Desk} by {@link DeskFactory}.
 * {@code head-email}: the head of the desk, who gets the monthly journal (Form No. 1) to sign.
 */
public record DeskProperties(String name, String zone, @DefaultValue("ru") String calendar,
                             @DefaultValue("off") String decreeDays, Map<String, String> hours,
                             Email email, Phone phone, String headEmail) {

    /**
     * @param answerWithinDays working days for the answer, counted from the registration day (the next
     *                         working day when registered after hours)
     * @param maxSize          larger mail is not taken in: kept in quarantine with its header section only
     * @param maxAttachmentSize larger attachments are dropped and the sender is told so
     */
    public record Email(String address, @DefaultValue("register") String afterHours, ImapServer imap, SmtpServer smtp,
                        @DefaultValue("3") int answerWithinDays, @DefaultValue("25MB") DataSize maxSize,
                        @DefaultValue("10MB") DataSize maxAttachmentSize) {
    }

    public record Phone(String number, String queue, String voicemail, @DefaultValue("voicemail") String afterHours,
                        @DefaultValue("false") boolean callbackOnAbandon, @DefaultValue("20s") Duration abandonThreshold) {
    }

    /** {@code gateway.calendars.<id>}: days added or corrected, and xmlcalendar files to import. */
    public record CalendarProperties(Map<String, String> days, @Name("import") List<String> imports) {
    }
}
