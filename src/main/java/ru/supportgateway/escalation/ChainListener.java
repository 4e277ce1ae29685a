package ru.supportgateway.escalation;

import java.time.Instant;

/**
 * What the chain tells the feedback service, inside the transaction that makes the change, so the
 * notice (an outbox row) and the history entry commit or roll back together with the move.
 */
public interface ChainListener {

    /** A holder got the question: send them the question with their answer link. */
    void handedOver(Handover handover);

    /** A technical question's deadline is near and it has no answer yet: warn the technical desk. */
    void technicalDeadlineNear(long questionId, long techRequestId, Instant deadline);
}
