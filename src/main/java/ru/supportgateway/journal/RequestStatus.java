package ru.supportgateway.journal;

import java.time.Instant;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Set;

/**
 * Status of a request (regulation, section 3.6) and the one place that says which moves are allowed.
 *
 * <p>The moves follow the regulation's procedure (3.4):
 * <ul>
 * <li>A new request is registered {@link #IN_PROGRESS} — the specialist has taken it.</li>
 * <li>From {@link #IN_PROGRESS} the specialist answers ({@link #RESOLVED}), answers and closes at once
 *     ({@link #CLOSED}, the usual phone case of 3.4.1), asks the applicant for missing information
 *     ({@link #AWAITING_FEEDBACK}, 3.4.2) or hands an error/improvement to the system operator
 *     ({@link #PASSED_TO_DEVELOPER}, 3.4.2, 3.5).</li>
 * <li>{@link #PASSED_TO_DEVELOPER} comes back to the specialist ({@link #IN_PROGRESS}) or is fixed
 *     ({@link #RESOLVED}); it cannot be closed unseen, since the applicant has not had an answer yet.</li>
 * <li>{@link #AWAITING_FEEDBACK}: the information arrives ({@link #IN_PROGRESS}), the answer was
 *     enough after all ({@link #RESOLVED}), or the applicant never replies ({@link #CLOSED}).</li>
 * <li>{@link #RESOLVED} is confirmed ({@link #CLOSED}) or reopened ({@link #IN_PROGRESS}).</li>
 * <li>{@link #CLOSED} is final except that a repeat of the same request reopens it ({@link #IN_PROGRESS}),
 *     so the history stays in one request instead of a new number.</li>
 * </ul>
 * Staying in the same status is not a move and is refused, so a double click cannot write two history rows.
 */
public enum RequestStatus {
    IN_PROGRESS("В работе"),
    PASSED_TO_DEVELOPER("Передано разработчику"),
    AWAITING_FEEDBACK("Обратная связь"),
    RESOLVED("Решен"),
    CLOSED("Закрыт");

    /** The status every request is registered with. */
    public static final RequestStatus INITIAL = IN_PROGRESS;

    private final String label;

    RequestStatus(String label) {
        this.label = label;
    }

    /** The Russian name from the regulation, shown to operators and printed in Form No. 1. */
    public String label() {
        return label;
    }

    /** The statuses a request in this status may move to. */
    public Set<RequestStatus> next() {
        EnumSet<RequestStatus> next = switch (this) {
            case IN_PROGRESS -> EnumSet.of(PASSED_TO_DEVELOPER, AWAITING_FEEDBACK, RESOLVED, CLOSED);
            case PASSED_TO_DEVELOPER -> EnumSet.of(IN_PROGRESS, RESOLVED);
            case AWAITING_FEEDBACK -> EnumSet.of(IN_PROGRESS, RESOLVED, CLOSED);
            case RESOLVED -> EnumSet.of(CLOSED, IN_PROGRESS);
            case CLOSED -> EnumSet.of(IN_PROGRESS);
        };
        return Collections.unmodifiableSet(next);
    }

    public boolean canMoveTo(RequestStatus target) {
        return next().contains(target);
    }

    /** Resolved or closed: the request has its Form No. 1 "date of resolution". */
    public boolean isFinished() {
        return this == RESOLVED || this == CLOSED;
    }

    /**
     * Where a repeat (the applicant wrote or called again) takes the request: a finished request is
     * reopened and one waiting for the applicant goes back to the specialist, since the applicant has
     * answered. With the developer or already in progress, it stays where it is.
     */
    public RequestStatus afterRepeat() {
        return switch (this) {
            case RESOLVED, CLOSED, AWAITING_FEEDBACK -> IN_PROGRESS;
            case IN_PROGRESS, PASSED_TO_DEVELOPER -> this;
        };
    }

    /**
     * The resolution time after moving to {@code target}: resolving stamps it now; closing keeps the
     * time a resolved request got, or stamps now when closed straight away (answered on the phone,
     * or the applicant never replied); any other status, i.e. reopening, clears it.
     */
    public static Instant resolvedAtAfter(RequestStatus target, Instant current, Instant now) {
        return switch (target) {
            case RESOLVED -> now;
            case CLOSED -> current != null ? current : now;
            default -> null;
        };
    }
}
