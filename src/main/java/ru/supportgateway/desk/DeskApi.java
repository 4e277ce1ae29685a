package ru.supportgateway.desk;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import ru.supportgateway.calendar.WorkingCalendar;
import ru.supportgateway.calendar.WorkingInterval;

/** Desks and their working time, for operators' scripts and the UI. */
@RestController
@RequestMapping("/api/desks")
class DeskApi {

    private final Desks desks;
    private final Clock clock;

    DeskApi(Desks desks, Clock clock) {
        this.desks = desks;
        this.clock = clock;
    }

    @GetMapping
    List<DeskView> list() {
        Instant now = clock.instant();
        return desks.all().stream().map(d -> DeskView.of(d, now)).toList();
    }

    @GetMapping("/{id}")
    DeskView one(@PathVariable String id) {
        return DeskView.of(desks.get(id), clock.instant());
    }

    @GetMapping("/{id}/hours")
    DayHours hours(@PathVariable String id,
                   @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate date) {
        Desk desk = desks.get(id);
        LocalDate day = date != null ? date : LocalDate.now(clock.withZone(desk.zone()));
        List<WorkingInterval> intervals = desk.calendar().intervalsOn(day);
        return new DayHours(desk.id(), day, desk.zone().getId(), !intervals.isEmpty(), intervals);
    }

    /** One desk as the API shows it: whether it is open now and when it opens next. */
    record DeskView(String id, String name, String zone, boolean open, Instant nextOpening, Instant closesAt,
                    String emailAddress, String emailAfterHours, String phoneNumber, String phoneAfterHours) {

        static DeskView of(Desk d, Instant now) {
            WorkingCalendar c = d.calendar();
            Instant closes = c.closingAfter(now);
            // A round-the-clock desk never closes within the calendar's horizon: no closing time to show.
            return new DeskView(d.id(), d.name(), d.zone().getId(), c.isOpen(now), c.nextOpening(now),
                    closes.equals(Instant.MAX) ? null : closes,
                    d.email().map(Desk.EmailSettings::address).orElse(null),
                    d.email().map(e -> e.afterHours().name().toLowerCase()).orElse(null),
                    d.phone().flatMap(Desk.PhoneSettings::number).orElse(null),
                    d.phone().map(p -> p.afterHours().name().toLowerCase()).orElse(null));
        }
    }

    /** A day's working intervals as instants; empty on a day off. */
    record DayHours(String desk, LocalDate date, String zone, boolean workingDay, List<WorkingInterval> intervals) {
    }
}
