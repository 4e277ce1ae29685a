package ru.supportgateway.telephony;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.springframework.stereotype.Component;

import ru.supportgateway.desk.Desk;
import ru.supportgateway.desk.Desks;
import ru.supportgateway.telephony.call.CallRecord;
import ru.supportgateway.telephony.call.CallTracker;

/**
 * Finds the desk a call belongs to; Asterisk itself knows nothing of desks. The first rule that applies wins:
 * <ol>
 * <li>the channel variable {@value CallTracker#DESK_VARIABLE} the dialplan set (e.g. {@code Set(GATEWAY_DESK=sc)}),
 *     naming a configured desk id;</li>
 * <li>the queue the call joined = a desk's {@code phone.queue};</li>
 * <li>the voicemail box of the message left = a desk's {@code phone.voicemail} ({@code 100@support};
 *     a box without {@code @context} is in context {@code default});</li>
 * <li>the dialled line (the extension in the inbound context) = a desk's {@code phone.number}, compared as
 *     normalised phone numbers;</li>
 * <li>only one desk has a phone line at all: that desk.</li>
 * </ol>
 * Queues and boxes are unique per desk (checked at start-up).
 */
@Component
public class DeskResolver {

    private final Desks desks;

    public DeskResolver(Desks desks) {
        this.desks = desks;
    }

    public Optional<Desk> forCall(CallRecord call) {
        if (call.deskHint() != null) {
            Optional<Desk> d = desks.find(call.deskHint().toLowerCase(Locale.ROOT)).filter(x -> x.phone().isPresent());
            if (d.isPresent()) {
                return d;
            }
        }
        if (call.queue() != null) {
            Optional<Desk> d = phoneDesks().stream()
                    .filter(x -> x.phone().flatMap(Desk.PhoneSettings::queue).filter(call.queue()::equals).isPresent())
                    .findFirst();
            if (d.isPresent()) {
                return d;
            }
        }
        if (call.voicemail() != null && call.voicemail().mailbox() != null) {
            Optional<Desk> d = forMailbox(call.voicemail().mailbox());
            if (d.isPresent()) {
                return d;
            }
        }
        Optional<String> line = PhoneNumbers.normalize(call.line());
        if (line.isPresent()) {
            Optional<Desk> d = phoneDesks().stream()
                    .filter(x -> x.phone().flatMap(Desk.PhoneSettings::number).flatMap(PhoneNumbers::normalize)
                            .equals(line))
                    .findFirst();
            if (d.isPresent()) {
                return d;
            }
        }
        List<Desk> withPhone = phoneDesks();
        return withPhone.size() == 1 ? Optional.of(withPhone.get(0)) : Optional.empty();
    }

    /** The desk whose voicemail box is {@code mailbox} ({@code 100@support}). */
    public Optional<Desk> forMailbox(String mailbox) {
        String wanted = canonicalBox(mailbox);
        return phoneDesks().stream()
                .filter(d -> d.phone().flatMap(Desk.PhoneSettings::voicemail).map(DeskResolver::canonicalBox)
                        .filter(wanted::equals).isPresent())
                .findFirst();
    }

    public List<Desk> phoneDesks() {
        return desks.all().stream().filter(d -> d.phone().isPresent()).toList();
    }

    /** {@code 100} → {@code 100@default}, as app_voicemail reads a box without context. */
    public static String canonicalBox(String box) {
        String b = box.strip();
        return b.contains("@") ? b : b + "@default";
    }
}
