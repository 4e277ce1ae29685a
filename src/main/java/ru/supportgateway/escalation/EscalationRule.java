package ru.supportgateway.escalation;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Objects;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.stereotype.Component;

import ru.supportgateway.calendar.WorkingCalendar;
import ru.supportgateway.desk.Desks;

/**
 * The deadlines of the chain, from the desks' working calendars (Civil Code art. 191 semantics of
 * {@link WorkingCalendar#plusWorkingDays}: a period starts the day after the event; an event after the
 * day's closing counts from the next working day; the deadline is the closing of the last day).
 *
 * <p>The school chain runs on one schedule counted from the moment the question reached the school
 * ({@code base}): the deputy head has working days 1–3 after it, the director days 4–5, the
 * municipality days 6–8. So the director's two days are the two working days after the deputy's
 * deadline, however late in that day the clock noticed it. If the clock was stopped through working
 * time (every node down), the new holder would otherwise get less than their due: then the period is
 * counted afresh from the moment of the handover.
 */
@Component
@EnableConfigurationProperties(EscalationProperties.class)
public class EscalationRule {

    private final Desks desks;
    private final EscalationProperties settings;

    public EscalationRule(Desks desks, EscalationProperties settings) {
        this.desks = desks;
        this.settings = settings;
    }

    /**
     * Where a holder's period stands: deadlines are {@code base} plus {@code days} working days.
     * {@code deadline} is null for a holder with nobody above.
     */
    public record Schedule(Instant base, int days, Instant deadline) {
        public Schedule {
            Objects.requireNonNull(base, "base");
        }
    }

    /** The first holder's period, from the moment the question reached it. */
    public Schedule start(Level level, Instant at) {
        if (!level.climbs()) {
            return new Schedule(at, 0, null);
        }
        return new Schedule(at, level.workingDays(), chainCalendar().plusWorkingDays(at, level.workingDays()));
    }

    /** The period of the next holder when the current one's deadline has passed and it is {@code now}. */
    public Schedule next(Schedule current, Level next, Instant now) {
        Objects.requireNonNull(current.deadline(), "the current holder has no deadline to pass");
        WorkingCalendar calendar = chainCalendar();
        boolean onTime = now.isBefore(calendar.nextOpening(current.deadline()));
        Instant base = onTime ? current.base() : now;
        int days = (onTime ? current.days() : 0) + next.workingDays();
        if (!next.climbs()) {
            return new Schedule(base, days, null);
        }
        return new Schedule(base, days, calendar.plusWorkingDays(base, days));
    }

    /**
     * The technical desk's deadline: {@code technicalDays} calendar days after the day of {@code at} (in the
     * desk's zone), ending at that day's closing; a last day that is not a working day moves to the next
     * working day (Civil Code art. 193).
     */
    public Instant technicalDeadline(Instant at) {
        WorkingCalendar calendar = technicalCalendar();
        ZoneId zone = calendar.zone();
        LocalDate lastDay = at.atZone(zone).toLocalDate().plusDays(settings.technicalDays());
        // plusWorkingDays(t, 0) at the day's midnight is that day's closing, or the next working day's.
        return calendar.plusWorkingDays(lastDay.atStartOfDay(zone).toInstant(), 0);
    }

    /** When the technical desk is warned about a deadline. */
    public Instant warningAt(Instant deadline) {
        return deadline.minus(settings.technicalWarnBefore());
    }

    public ZoneId chainZone() {
        return chainCalendar().zone();
    }

    private WorkingCalendar chainCalendar() {
        return desks.get(settings.desk()).calendar();
    }

    private WorkingCalendar technicalCalendar() {
        return desks.get(settings.technicalDesk()).calendar();
    }
}
