package ru.supportgateway.desk;

import java.time.Duration;
import java.time.ZoneId;
import java.util.Locale;
import java.util.Optional;

import ru.supportgateway.calendar.WorkingCalendar;

/**
 * A help desk (служба поддержки): its name, working time and how it treats email and calls
 * that arrive after hours.
 *
 * @param headEmail the head of the desk (руководитель), who receives the monthly journal to sign
 */
public record Desk(String id, String name, WorkingCalendar calendar, Optional<EmailSettings> email,
                   Optional<PhoneSettings> phone, Optional<String> headEmail) {

    public Desk {
        headEmail = headEmail == null ? Optional.empty() : headEmail;
    }

    /** A desk without a head's address (no monthly journal by mail). */
    public Desk(String id, String name, WorkingCalendar calendar, Optional<EmailSettings> email,
                Optional<PhoneSettings> phone) {
        this(id, name, calendar, email, phone, Optional.empty());
    }

    public ZoneId zone() {
        return calendar.zone();
    }

    /** The prefix of the desk's request numbers, e.g. {@code SC} in {@code SC-2026-000042}. */
    public String numberPrefix() {
        return id.toUpperCase(Locale.ROOT);
    }

    /** What happens to email that arrives when the desk is closed. */
    public enum AfterHoursEmail {
        /** Registered at the next opening, with that time and the next number then. */
        DEFER,
        /** Registered at once (24x7); the answer deadline still counts from the next opening. */
        REGISTER
    }

    /** What a caller hears when the desk is closed. */
    public enum AfterHoursPhone {
        /** Leave a voicemail with contact details; an operator calls back in working hours. */
        VOICEMAIL,
        /** Only a message asking to call back in working hours. */
        MESSAGE
    }

    /**
     * The desk's support address (replies come from it), its after-hours rule, the mailbox it is read
     * from (none: no intake), its own SMTP server (none: the gateway's), the answer deadline in working
     * days and the size limits of incoming mail (bytes).
     */
    public record EmailSettings(String address, AfterHoursEmail afterHours, Optional<ImapServer> imap,
                                Optional<SmtpServer> smtp, int answerWithinDays, long maxSize,
                                long maxAttachmentSize) {

        public EmailSettings(String address, AfterHoursEmail afterHours, Optional<ImapServer> imap,
                             Optional<SmtpServer> smtp) {
            this(address, afterHours, imap, smtp, DEFAULT_ANSWER_WITHIN_DAYS, DEFAULT_MAX_SIZE, DEFAULT_MAX_ATTACHMENT_SIZE);
        }

        public static final int DEFAULT_ANSWER_WITHIN_DAYS = 3;
        public static final long DEFAULT_MAX_SIZE = 25L * 1024 * 1024;
        public static final long DEFAULT_MAX_ATTACHMENT_SIZE = 10L * 1024 * 1024;
    }

    /**
     * The desk's line: the number callers dial, the operators' Asterisk queue and voicemail box.
     *
     * @param callbackOnAbandon whether a caller who gave up waiting in the queue is called back
     * @param abandonThreshold  how long they must have waited for that (a hang-up after 3 s is a misdial)
     */
    public record PhoneSettings(Optional<String> number, Optional<String> queue, Optional<String> voicemail,
                                AfterHoursPhone afterHours, boolean callbackOnAbandon, Duration abandonThreshold) {

        public PhoneSettings {
            abandonThreshold = abandonThreshold == null ? Duration.ofSeconds(20) : abandonThreshold;
        }
    }
}
