package ru.supportgateway.telephony.callback;

import java.time.Instant;

/** One entry of the call-back queue, without its recording bytes. */
public record CallbackEntry(long id, String deskId, String callerNumber, String callerName, Reason reason,
                            Instant createdAt, Instant dueAt, Status status, String takenBy, int attempts,
                            int repeatCount, String voicemailMsgId, Instant voicemailAt, Integer durationSeconds,
                            boolean hasRecording, Long callId, Long requestId, String notifiedEmail, Instant closedAt) {

    /** Why the desk owes the call. */
    public enum Reason {
        VOICEMAIL, ABANDONED
    }

    public enum Status {
        /** Waiting for an operator. */
        OPEN,
        /** An operator took it and is dialling. */
        IN_PROGRESS,
        /** The parent was reached (a request was registered) or the number was wrong. */
        DONE,
        /** Not reached after the maximum number of attempts. */
        GAVE_UP;

        public boolean isOpen() {
            return this == OPEN || this == IN_PROGRESS;
        }
    }
}
