package ru.supportgateway.email.intake;

/** Where a stored mail stands ({@code inbound_message.state}). */
public enum InboundState {
    /** Stored, not processed yet (or processing failed and will be retried). */
    RECEIVED,
    /** A new request was registered from it. */
    REGISTERED,
    /** Arrived after hours at a desk that registers on the next working day; waits for {@code register_at}. */
    DEFERRED,
    /** A follow-up added to an existing request. */
    THREADED,
    /** Not readable as mail, too large, or failed too often: kept with the reason for an administrator. */
    QUARANTINED,
    /** Readable but not a request (a bounce, our own mail coming back): kept, nothing registered. */
    IGNORED,
    /** A letter to a school's feedback address the feedback service refused (too long...): the sender was told why. */
    REFUSED
}
