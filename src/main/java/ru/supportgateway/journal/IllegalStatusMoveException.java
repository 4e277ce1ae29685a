package ru.supportgateway.journal;

/** A status move that {@link RequestStatus#canMoveTo} does not allow. */
public class IllegalStatusMoveException extends RuntimeException {

    private final String number;
    private final RequestStatus from;
    private final RequestStatus to;

    public IllegalStatusMoveException(String number, RequestStatus from, RequestStatus to) {
        super("Обращение %s: нельзя сменить статус «%s» на «%s». / Request %s: cannot move from %s to %s."
                .formatted(number, from.label(), to.label(), number, from, to));
        this.number = number;
        this.from = from;
        this.to = to;
    }

    public String number() {
        return number;
    }

    public RequestStatus from() {
        return from;
    }

    public RequestStatus to() {
        return to;
    }
}
