package ru.supportgateway.telephony.callback;

import java.time.Instant;
import java.util.Objects;

import ru.supportgateway.desk.Desk;
import ru.supportgateway.telephony.call.CallOutcome;
import ru.supportgateway.telephony.voicemail.Voicemail;

/**
 * A missed call or voicemail offered to the call-back queue.
 *
 * @param outcome       VOICEMAIL, ABANDONED or CLOSED (the latter two only count as repeats unless
 *                      {@code createsEntry})
 * @param createsEntry  whether this call deserves an entry of its own when none is open for the number
 * @param at            when it happened (voicemail recorded / call ended); the due time is the desk's next
 *                      opening after it
 * @param callId        the {@code call} row, null for a voicemail found by reconciliation
 * @param callStartedAt start of that call
 * @param voicemail     the message, for VOICEMAIL
 */
public record CallbackOffer(Desk desk, CallOutcome outcome, boolean createsEntry, String callerNumber,
                            String callerName, Instant at, Long callId, Instant callStartedAt, Long waitSeconds,
                            Voicemail voicemail) {

    public CallbackOffer {
        Objects.requireNonNull(desk, "desk");
        Objects.requireNonNull(at, "at");
        if (outcome == CallOutcome.ANSWERED) {
            throw new IllegalArgumentException("answered calls are drafts, not call-backs");
        }
        if (outcome == CallOutcome.VOICEMAIL) {
            Objects.requireNonNull(voicemail, "voicemail");
        }
    }
}
