package ru.supportgateway.calendar;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;

/**
 * A deliberately naive, day-by-day model of a {@link WorkingCalendar}, built only from
 * {@link WorkingCalendar#rangesOn(LocalDate)} and {@link ZonedDateTime}; the property tests compare the
 * precomputed index against it.
 */
final class ReferenceCalendar {

    private static final int MAX_DAYS = 3 * 366;

    private final WorkingCalendar wc;

    ReferenceCalendar(WorkingCalendar wc) {
        this.wc = wc;
    }

    List<Instant[]> intervals(LocalDate date) {
        List<Instant[]> list = new ArrayList<>();
        for (TimeRange r : wc.rangesOn(date)) {
            Instant s = ZonedDateTime.of(date, r.start(), wc.zone()).toInstant();
            Instant e = r.endsAtMidnight() ? date.plusDays(1).atStartOfDay(wc.zone()).toInstant()
                    : ZonedDateTime.of(date, r.end(), wc.zone()).toInstant();
            list.add(new Instant[] {s, e});
        }
        return list;
    }

    private LocalDate dateOf(Instant t) {
        return LocalDate.ofInstant(t, wc.zone());
    }

    boolean isOpen(Instant t) {
        for (Instant[] i : intervals(dateOf(t))) {
            if (!t.isBefore(i[0]) && t.isBefore(i[1])) {
                return true;
            }
        }
        return false;
    }

    Instant nextOpening(Instant t) {
        LocalDate d = dateOf(t);
        for (int k = 0; k < MAX_DAYS; k++, d = d.plusDays(1)) {
            for (Instant[] i : intervals(d)) {
                if (t.isBefore(i[1])) {
                    return t.isBefore(i[0]) ? i[0] : t;
                }
            }
        }
        throw new IllegalStateException("none");
    }

    Instant closingAfter(Instant t) {
        Instant open = nextOpening(t);
        LocalDate d = dateOf(open);
        Instant end = null;
        for (int k = 0; k < MAX_DAYS; k++, d = d.plusDays(1)) {
            for (Instant[] i : intervals(d)) {
                if (end == null) {
                    if (!open.isBefore(i[0]) && open.isBefore(i[1])) {
                        end = i[1];
                    }
                } else if (!i[0].isAfter(end)) {
                    end = i[1]; // touching: the open period goes on
                } else {
                    return end;
                }
            }
        }
        return Instant.MAX;
    }

    Instant plusWorkingDays(Instant t, int n) {
        LocalDate d = dateOf(t);
        List<Instant[]> today = intervals(d);
        if (today.isEmpty() || !t.isBefore(today.get(today.size() - 1)[1])) {
            d = dateOf(nextOpening(t));
        }
        int left = n;
        while (left > 0) {
            d = d.plusDays(1);
            if (!intervals(d).isEmpty()) {
                left--;
            }
        }
        List<Instant[]> last = intervals(d);
        return last.get(last.size() - 1)[1];
    }

    Duration workingTimeBetween(Instant a, Instant b) {
        Duration total = Duration.ZERO;
        for (LocalDate d = dateOf(a); !d.isAfter(dateOf(b)); d = d.plusDays(1)) {
            for (Instant[] i : intervals(d)) {
                Instant s = i[0].isAfter(a) ? i[0] : a;
                Instant e = i[1].isBefore(b) ? i[1] : b;
                if (e.isAfter(s)) {
                    total = total.plus(Duration.between(s, e));
                }
            }
        }
        return total;
    }
}
