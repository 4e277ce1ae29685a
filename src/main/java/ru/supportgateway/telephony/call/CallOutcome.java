package ru.supportgateway.telephony.call;

/** How an inbound call to a support line ended, from the help desk's point of view. */
public enum CallOutcome {
    /** An operator took the call (AgentConnect). */
    ANSWERED,
    /** The caller waited in the queue and hung up, or the queue timed out and no voicemail was left. */
    ABANDONED,
    /** The caller left a voicemail (UserEvent SupportVoicemail), after hours or after a queue timeout. */
    VOICEMAIL,
    /** Never reached the queue and left no message (e.g. closed greeting only, or hung up before). */
    CLOSED
}
