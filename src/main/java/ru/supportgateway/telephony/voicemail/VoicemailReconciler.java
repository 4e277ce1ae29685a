package ru.supportgateway.telephony.voicemail;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

import org.asteriskjava.manager.ManagerConnection;
import org.asteriskjava.manager.ResponseEvents;
import org.asteriskjava.manager.event.ResponseEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import ru.supportgateway.desk.Desk;
import ru.supportgateway.telephony.DeskResolver;
import ru.supportgateway.telephony.PhoneNumbers;
import ru.supportgateway.telephony.TelephonyProperties;
import ru.supportgateway.telephony.ami.AmiReconcileHook;
import ru.supportgateway.telephony.ami.action.VoicemailBoxSummaryAction;
import ru.supportgateway.telephony.ami.event.VoicemailBoxDetailEvent;
import ru.supportgateway.telephony.call.CallOutcome;
import ru.supportgateway.telephony.callback.CallbackOffer;
import ru.supportgateway.telephony.callback.CallbackQueue;

/**
 * After every (re)login: lists each desk's voicemail box (VoicemailBoxSummary) and files the new-message
 * ({@code INBOX}) voicemails the queue does not know yet, because their SupportVoicemail event may have been
 * sent while the link was down. Known ones are skipped by msg_id, so running this any number of times, on
 * any number of nodes, files each voicemail once.
 */
@Component
public class VoicemailReconciler implements AmiReconcileHook {

    private static final Logger log = LoggerFactory.getLogger(VoicemailReconciler.class);

    private final DeskResolver desks;
    private final CallbackQueue callbacks;
    private final VoicemailSpool spool;
    private final Clock clock;
    private final TelephonyProperties settings;

    public VoicemailReconciler(DeskResolver desks, CallbackQueue callbacks, TelephonyProperties settings, Clock clock) {
        this.desks = desks;
        this.callbacks = callbacks;
        this.spool = new VoicemailSpool(settings.voicemailSpool());
        this.clock = clock;
        this.settings = settings;
    }

    @Override
    public void afterConnect(ManagerConnection connection) throws Exception {
        for (Desk desk : desks.phoneDesks()) {
            Optional<String> box = desk.phone().flatMap(Desk.PhoneSettings::voicemail);
            if (box.isPresent()) {
                reconcile(connection, desk, DeskResolver.canonicalBox(box.get()));
            }
        }
    }

    /** @return how many voicemails were filed */
    int reconcile(ManagerConnection connection, Desk desk, String box) throws Exception {
        String mailbox = box.substring(0, box.indexOf('@'));
        String context = box.substring(box.indexOf('@') + 1);
        ResponseEvents answer = connection.sendEventGeneratingAction(new VoicemailBoxSummaryAction(context, mailbox),
                settings.responseTimeout().toMillis());
        List<VoicemailBoxDetailEvent> messages = new ArrayList<>();
        for (ResponseEvent e : answer.getEvents()) {
            if (e instanceof VoicemailBoxDetailEvent d && "INBOX".equalsIgnoreCase(d.getFolder()) && d.getId() != null) {
                messages.add(d);
            }
        }
        // oldest first, so the first message of a caller makes the entry and later ones are its repeats
        messages.sort(Comparator.comparing(VoicemailReconciler::recordedAt));
        Instant oldest = clock.instant().minus(settings.reconcileMaxAge());
        int filed = 0;
        for (VoicemailBoxDetailEvent m : messages) {
            if (recordedAt(m).isBefore(oldest) || callbacks.knowsVoicemail(desk.id(), m.getId())) {
                continue;
            }
            Voicemail vm = spool.find(context, mailbox, m.getFolder(), m.getId()).orElseGet(() -> fromSummary(m));
            String[] callerId = VoicemailSpool.parseCallerId(m.getCallerId());
            String number = PhoneNumbers.normalize(vm.callerNumberRaw() != null ? vm.callerNumberRaw() : callerId[1])
                    .orElse(null);
            String name = vm.callerName() != null ? vm.callerName() : callerId[0];
            callbacks.offer(new CallbackOffer(desk, CallOutcome.VOICEMAIL, true, number, name, vm.recordedAt(), null,
                    null, null, vm));
            filed++;
            log.info("voicemail {} in box {} of desk {} was missed while the AMI link was down; filed now",
                    m.getId(), box, desk.id());
        }
        return filed;
    }

    /** Without the spool: what VoicemailBoxSummary says (no audio); the time comes from the ID. */
    private Voicemail fromSummary(VoicemailBoxDetailEvent m) {
        log.warn("voicemail {} not found in spool {}; filed without recording", m.getId(), spool.root());
        String[] callerId = VoicemailSpool.parseCallerId(m.getCallerId());
        Integer duration = null;
        try {
            duration = m.getDuration() == null ? null : Integer.valueOf(m.getDuration().strip());
        } catch (NumberFormatException ignored) {
            // unknown duration
        }
        return new Voicemail(m.getId(), recordedAt(m), callerId[1], callerId[0], duration, null, null);
    }

    /** msg_id is {@code <origtime>-<counter>}; the Date field is locale-formatted text and not used. */
    static Instant recordedAt(VoicemailBoxDetailEvent m) {
        String id = m.getId();
        int dash = id.indexOf('-');
        try {
            return Instant.ofEpochSecond(Long.parseLong(dash < 0 ? id : id.substring(0, dash)));
        } catch (NumberFormatException e) {
            return Instant.EPOCH;
        }
    }
}
