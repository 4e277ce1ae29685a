package ru.supportgateway.telephony.agi;

import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import ru.supportgateway.desk.Desk;

/**
 * What the {@code desk-hours} FastAGI script tells the dialplan: the documented channel variables.
 *
 * @param deskId      the desk, empty when the requested desk is unknown (GATEWAY_DESK is then left alone)
 * @param open        the desk works right now
 * @param nextOpening now if open, else the next opening in the desk's zone; empty if the desk has no
 *                    working time ahead at all
 * @param afterHours  what a caller gets while the desk is closed
 */
public record DeskHoursAnswer(Optional<String> deskId, boolean open, Optional<ZonedDateTime> nextOpening,
                              String nextOpeningText, Desk.AfterHoursPhone afterHours) {

    public static final String GATEWAY_DESK = "GATEWAY_DESK";
    public static final String DESK_OPEN = "DESK_OPEN";
    public static final String DESK_NEXT_OPENING = "DESK_NEXT_OPENING";
    public static final String DESK_NEXT_OPENING_TEXT = "DESK_NEXT_OPENING_TEXT";
    public static final String DESK_AFTER_HOURS = "DESK_AFTER_HOURS";

    /** The answer for a desk at {@code now}, from its working calendar and phone settings. */
    public static DeskHoursAnswer of(Desk desk, Instant now) {
        boolean open = desk.calendar().isOpen(now);
        ZonedDateTime nowThere = now.truncatedTo(ChronoUnit.SECONDS).atZone(desk.zone());
        Optional<ZonedDateTime> next;
        try {
            next = Optional.of(open ? nowThere
                    : desk.calendar().nextOpening(now).truncatedTo(ChronoUnit.SECONDS).atZone(desk.zone()));
        } catch (IllegalStateException noWorkingTimeAhead) {
            next = Optional.empty();
        }
        String text = next.map(n -> RussianOpeningText.format(n, nowThere)).orElse("");
        // A desk without phone settings should not be dialled at all; if it is, nobody would listen to a voicemail.
        Desk.AfterHoursPhone afterHours = desk.phone().map(Desk.PhoneSettings::afterHours)
                .orElse(Desk.AfterHoursPhone.MESSAGE);
        return new DeskHoursAnswer(Optional.of(desk.id()), open, next, text, afterHours);
    }

    /** Unknown or missing desk: closed, callers only hear the message; the call itself goes on. */
    public static DeskHoursAnswer unknownDesk() {
        return new DeskHoursAnswer(Optional.empty(), false, Optional.empty(), "", Desk.AfterHoursPhone.MESSAGE);
    }

    /**
     * The channel variables in the order they are set. DESK_OPEN comes last, so a dialplan that sees it
     * set knows the others are set too (a hang-up can cut the script short).
     */
    public Map<String, String> variables() {
        Map<String, String> vars = new LinkedHashMap<>();
        deskId.ifPresent(id -> vars.put(GATEWAY_DESK, id));
        vars.put(DESK_AFTER_HOURS, afterHours.name().toLowerCase(Locale.ROOT));
        vars.put(DESK_NEXT_OPENING, nextOpening.map(DateTimeFormatter.ISO_OFFSET_DATE_TIME::format).orElse(""));
        vars.put(DESK_NEXT_OPENING_TEXT, nextOpeningText);
        vars.put(DESK_OPEN, open ? "1" : "0");
        return vars;
    }
}
