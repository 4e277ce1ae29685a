package ru.supportgateway.escalation;

import java.time.Instant;

/**
 * A question moved to a new holder (by the clock, or at the start): what the notice to the holder
 * needs. {@code answerToken} is the only copy of the holder's answer link secret; the database keeps
 * its hash.
 *
 * @param deadline null when the holder is the top of the chain
 * @param reason   why the holder got it: {@link Reason#NEW}, {@link Reason#ESCALATED} (the previous
 *                 holder's time ran out) or {@link Reason#REPEATED} (the parent asked again)
 */
public record Handover(long questionId, String number, int step, Holder holder, Level from, Instant deadline,
                       String answerToken, Reason reason) {

    public enum Reason { NEW, ESCALATED, REPEATED }
}
