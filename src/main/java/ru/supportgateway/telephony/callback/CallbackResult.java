package ru.supportgateway.telephony.callback;

/**
 * Result of one call-back attempt.
 *
 * @param actionId           the Originate's ActionID (correlation key; Uniqueid is "&lt;unknown&gt;" on failure)
 * @param originateReason    OriginateResponse Reason: 4 answered, 3 no answer, 0 could not be placed; null if none came
 * @param customerDialStatus DialStatus of the customer leg (ANSWER, NOANSWER, BUSY, ...); null when it never ran
 * @param customerAnsweredSeconds ANSWEREDTIME of the customer leg from the SupportCallback event
 * @param detail             human-readable explanation for logs and the ticket history
 */
public record CallbackResult(String actionId, String ticketId, String customerNumber, OperatorLeg operator,
                             Integer originateReason, String customerDialStatus, Long customerAnsweredSeconds,
                             String detail) {

    public enum OperatorLeg {
        /** The operator picked up (Originate Success, Reason 4). */
        ANSWERED,
        /** The operator's phone rang until the Originate Timeout (Failure, Reason 3). */
        NO_ANSWER,
        /** Could not be placed (Failure, Reason 0 or other), or the AMI link was down. */
        FAILED
    }

    /** True when the customer was actually talked to. */
    public boolean customerReached() {
        return operator == OperatorLeg.ANSWERED && "ANSWER".equals(customerDialStatus);
    }
}
