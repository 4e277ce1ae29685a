package ru.supportgateway.journal;

/**
 * An Error or Improvement request was to go to the developer without a supervisor's approval
 * (regulation 001, 3.5), or an approved one was to be rejected. An {@link IllegalStateException}: the
 * request is in the wrong state for the action, so the API answers 409.
 */
public class ApprovalRequiredException extends IllegalStateException {

    public ApprovalRequiredException(String message) {
        super(message);
    }
}
