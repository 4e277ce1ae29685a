package ru.supportgateway.telephony.call;

import java.time.Instant;

/**
 * One finished inbound call, keyed by Asterisk's Linkedid.
 *
 * @param line            the dialled support line (extension in the inbound context, e.g. "1000"),
 *                        which the desk configuration maps to a desk
 * @param queue           the queue the call joined, null if it never did
 * @param callerNumber    normalised E.164 number, null if the caller ID is not a usable number
 * @param callerNumberRaw caller ID number as Asterisk sent it
 * @param operatorInterface queue member interface that answered (e.g. Local/201@agents/n)
 * @param operatorName    queue member name (e.g. "Anna Admin")
 * @param waitSeconds     time in queue (HoldTime) before answer/abandon/timeout
 * @param talkSeconds     conversation length from AgentComplete
 * @param voicemail       set for {@link CallOutcome#VOICEMAIL}
 * @param deskHint        value of the channel variable {@value CallTracker#DESK_VARIABLE} the dialplan set, if any
 */
public record CallRecord(String linkedid, String line, String queue, String callerNumber, String callerNumberRaw,
                         String callerName, Instant startedAt, Instant endedAt, CallOutcome outcome,
                         String operatorInterface, String operatorName, Long waitSeconds, Long talkSeconds,
                         VoicemailInfo voicemail, String deskHint) {
}
