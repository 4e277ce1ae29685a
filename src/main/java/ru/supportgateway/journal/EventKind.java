package ru.supportgateway.journal;

/** What a history row records. */
public enum EventKind {
    REGISTERED(true),
    STATUS_CHANGED(true),
    FIELD_CHANGED(true),
    /** The applicant wrote or called again about the same request. */
    REPEAT(true),
    /** A supervisor agreed that an Error/Improvement request may go to the developer (see {@link Approvals}). */
    APPROVED(true),
    /** An operator's comment in the history (not the Form No. 1 "Примечание" column). */
    NOTE(false),
    /** An answer went to the applicant (recorded by the email/telephony packages). */
    REPLY_SENT(false),
    /** A deadline passed and the request was escalated. */
    ESCALATED(false);

    private final boolean journalOnly;

    EventKind(boolean journalOnly) {
        this.journalOnly = journalOnly;
    }

    /**
     * Kinds that describe a change of the request itself; only the journal writes them, together
     * with the change, so the history cannot claim a change that did not happen.
     */
    public boolean journalOnly() {
        return journalOnly;
    }
}
