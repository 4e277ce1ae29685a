package ru.supportgateway.web.ui;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

import org.springframework.stereotype.Component;

import ru.supportgateway.desk.Desks;
import ru.supportgateway.journal.JournalRequest;
import ru.supportgateway.journal.RequestStatus;

/**
 * The «срок» mark of a journal row, as {@code @deadline} in templates: «просрочено» once the due time has
 * passed, «истекает» when it falls within one working day of the desk's calendar (today or the next working
 * day: a request due on Monday is already marked on Friday, not after the weekend). Only requests someone
 * still owes an answer: resolved and closed ones are done, and one awaiting the applicant has its deadline
 * paused.
 */
@Component("deadline")
public class DeadlineBadges {

    /** What the row shows: the css class and the word. */
    public record Badge(String cssClass, String label) {
    }

    private final Desks desks;
    private final Clock clock;

    public DeadlineBadges(Desks desks, Clock clock) {
        this.desks = desks;
        this.clock = clock;
    }

    /** The badge of a request, or null when its deadline is not near. */
    public Badge of(JournalRequest r) {
        return badge(r.dueAt(), r.status(), r.deskId()).orElse(null);
    }

    Optional<Badge> badge(Instant dueAt, RequestStatus status, String deskId) {
        if (dueAt == null || (status != RequestStatus.IN_PROGRESS && status != RequestStatus.PASSED_TO_DEVELOPER)) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        if (!dueAt.isAfter(now)) {
            return Optional.of(new Badge("due-over", "просрочено"));
        }
        // closing of the working day after the current one (Civil Code counting, as deadlines themselves)
        Instant horizon = desks.find(deskId).map(d -> d.calendar().plusWorkingDays(now, 1)).orElse(now.plusSeconds(86_400));
        return dueAt.isAfter(horizon) ? Optional.empty() : Optional.of(new Badge("due-soon", "истекает"));
    }
}
