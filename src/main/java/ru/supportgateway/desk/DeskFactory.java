package ru.supportgateway.desk;

import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.StringJoiner;
import java.util.function.Function;
import java.util.regex.Pattern;

import ru.supportgateway.calendar.DecreeDayPolicy;
import ru.supportgateway.calendar.ProductionCalendar;
import ru.supportgateway.calendar.WeeklySchedule;
import ru.supportgateway.calendar.WorkingCalendar;

/** Checks one desk's keys and builds the {@link Desk}; every error names the offending key. */
final class DeskFactory {

    private static final Pattern ID = Pattern.compile("[a-z][a-z0-9]{0,15}");

    private final Function<String, Optional<ProductionCalendar>> calendars;

    /** @param calendars production calendars by name ({@code ru}, ...); {@code none} is handled here */
    DeskFactory(Function<String, Optional<ProductionCalendar>> calendars) {
        this.calendars = calendars;
    }

    Desk create(String id, DeskProperties p) {
        String key = "gateway.desks." + id;
        if (!ID.matcher(id).matches()) {
            throw new DeskConfigurationException(key, "a desk id is 1-16 lower-case latin letters or digits, starting"
                    + " with a letter (it becomes the request number prefix, e.g. sc -> SC-2026-000042)");
        }
        if (p.name() == null || p.name().isBlank()) {
            throw new DeskConfigurationException(key + ".name", "is required (the desk's name as users know it)");
        }
        ZoneId zone = zone(key + ".zone", p.zone());
        WeeklySchedule week = hours(key + ".hours", p.hours());
        ProductionCalendar calendar = calendar(key + ".calendar", p.calendar());
        DecreeDayPolicy decree = option(key + ".decree-days", p.decreeDays(), DecreeDayPolicy.class);
        WorkingCalendar working = new WorkingCalendar(zone, week, calendar, decree);
        return new Desk(id, p.name().strip(), working, email(key + ".email", p.email()), phone(key + ".phone", p.phone()),
                headEmail(key + ".head-email", p.headEmail()));
    }

    /** Optional; when given it must be one plain address, since the monthly journal is mailed there unattended. */
    private static Optional<String> headEmail(String key, String address) {
        if (address == null) {
            return Optional.empty();
        }
        if (!address.strip().matches("[^@\\s,;<>]+@[^@\\s,;<>]+\\.[^@\\s,;<>]+")) {
            throw new DeskConfigurationException(key, "'" + address + "' is not an email address"
                    + " (one address, e.g. head@example.org)");
        }
        return Optional.of(address.strip());
    }

    private static ZoneId zone(String key, String zone) {
        if (zone == null || zone.isBlank()) {
            throw new DeskConfigurationException(key, "is required, e.g. Europe/Moscow or Asia/Yekaterinburg");
        }
        try {
            return ZoneId.of(zone.strip());
        } catch (DateTimeException e) {
            throw new DeskConfigurationException(key, "'" + zone + "' is not a time zone; use a region id such as"
                    + " Europe/Moscow or Asia/Yekaterinburg");
        }
    }

    private static WeeklySchedule hours(String key, Map<String, String> hours) {
        if (hours == null || hours.isEmpty()) {
            throw new DeskConfigurationException(key, "is required, e.g. mon-fri: \"09:00-18:00\"");
        }
        StringJoiner spec = new StringJoiner("; ");
        for (Map.Entry<String, String> e : hours.entrySet()) {
            String part = e.getKey() + " " + e.getValue();
            try {
                WeeklySchedule.parse(part);
            } catch (IllegalArgumentException ex) {
                throw new DeskConfigurationException(key + "." + e.getKey(), "'" + e.getValue() + "' is not valid ("
                        + ex.getMessage() + "); keys are mon..sun, ranges like mon-thu, or daily; values are ranges"
                        + " like \"08:30-12:30, 13:30-17:00\" (\"00:00-24:00\" = round the clock)");
            }
            spec.add(part);
        }
        try {
            WeeklySchedule week = WeeklySchedule.parse(spec.toString());
            if (!week.hasWorkingTime()) {
                throw new DeskConfigurationException(key, "gives no working time at all");
            }
            return week;
        } catch (IllegalArgumentException ex) {
            throw new DeskConfigurationException(key, ex.getMessage());
        }
    }

    private ProductionCalendar calendar(String key, String name) {
        String n = name == null ? "ru" : name.strip().toLowerCase(Locale.ROOT);
        if (n.equals("none")) {
            return ProductionCalendar.none();
        }
        return calendars.apply(n).orElseThrow(() -> new DeskConfigurationException(key,
                "unknown production calendar '" + name + "'; use ru (the Russian production calendar) or none"));
    }

    private static Optional<Desk.EmailSettings> email(String key, DeskProperties.Email e) {
        if (e == null) {
            return Optional.empty();
        }
        if (e.address() == null || !e.address().matches("[^@\\s]+@[^@\\s]+")) {
            throw new DeskConfigurationException(key + ".address", "'" + e.address() + "' is not an email address");
        }
        if (e.imap() != null && blank(e.imap().host())) {
            throw new DeskConfigurationException(key + ".imap.host", "is required for a mailbox");
        }
        if (e.smtp() != null && blank(e.smtp().host())) {
            throw new DeskConfigurationException(key + ".smtp.host", "is required for an SMTP server");
        }
        if (e.answerWithinDays() < 0 || e.answerWithinDays() > 365) {
            throw new DeskConfigurationException(key + ".answer-within-days", "'" + e.answerWithinDays()
                    + "' must be 0..365 working days (0: by the end of the registration day)");
        }
        if (e.maxSize().toBytes() < 1024) {
            throw new DeskConfigurationException(key + ".max-size", "'" + e.maxSize() + "' is too small; e.g. 25MB");
        }
        if (e.maxAttachmentSize().toBytes() < 1 || e.maxAttachmentSize().compareTo(e.maxSize()) > 0) {
            throw new DeskConfigurationException(key + ".max-attachment-size", "'" + e.maxAttachmentSize()
                    + "' must be positive and not above max-size (" + e.maxSize() + ")");
        }
        return Optional.of(new Desk.EmailSettings(e.address().strip(),
                option(key + ".after-hours", e.afterHours(), Desk.AfterHoursEmail.class),
                Optional.ofNullable(e.imap()), Optional.ofNullable(e.smtp()), e.answerWithinDays(),
                e.maxSize().toBytes(), e.maxAttachmentSize().toBytes()));
    }

    private static Optional<Desk.PhoneSettings> phone(String key, DeskProperties.Phone p) {
        if (p == null) {
            return Optional.empty();
        }
        Desk.AfterHoursPhone afterHours = option(key + ".after-hours", p.afterHours(), Desk.AfterHoursPhone.class);
        if (afterHours == Desk.AfterHoursPhone.VOICEMAIL && blank(p.voicemail())) {
            throw new DeskConfigurationException(key + ".voicemail", "is required when after-hours is voicemail"
                    + " (the Asterisk voicemail box, e.g. \"100@support\")");
        }
        if (p.callbackOnAbandon() && blank(p.queue())) {
            throw new DeskConfigurationException(key + ".callback-on-abandon", "needs " + key + ".queue: only callers"
                    + " who waited in the desk's queue can be told apart from misdials");
        }
        if (p.abandonThreshold() != null && p.abandonThreshold().isNegative()) {
            throw new DeskConfigurationException(key + ".abandon-threshold", "must not be negative, e.g. 20s");
        }
        return Optional.of(new Desk.PhoneSettings(text(p.number()), text(p.queue()), text(p.voicemail()), afterHours,
                p.callbackOnAbandon(), p.abandonThreshold()));
    }

    private static <E extends Enum<E>> E option(String key, String value, Class<E> type) {
        String v = value == null ? "" : value.strip().toUpperCase(Locale.ROOT).replace('-', '_');
        try {
            return Enum.valueOf(type, v);
        } catch (IllegalArgumentException e) {
            StringJoiner allowed = new StringJoiner(", ");
            for (E c : type.getEnumConstants()) {
                allowed.add(c.name().toLowerCase(Locale.ROOT).replace('_', '-'));
            }
            throw new DeskConfigurationException(key, "'" + value + "' is not one of: " + allowed);
        }
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    private static Optional<String> text(String s) {
        return blank(s) ? Optional.empty() : Optional.of(s.strip());
    }
}
