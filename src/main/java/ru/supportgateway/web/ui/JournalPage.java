package ru.supportgateway.web.ui;

import java.security.Principal;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.Comparator;
import java.util.List;

import jakarta.servlet.http.HttpServletResponse;

import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.util.UriComponentsBuilder;

import ru.supportgateway.desk.Desk;
import ru.supportgateway.desk.Desks;
import ru.supportgateway.journal.Channel;
import ru.supportgateway.journal.JournalQueries;
import ru.supportgateway.journal.JournalRequest;
import ru.supportgateway.journal.PageOf;
import ru.supportgateway.journal.RequestFilter;
import ru.supportgateway.journal.RequestStatus;
import ru.supportgateway.journal.RequestType;
import ru.supportgateway.operator.DeskAccess;
import ru.supportgateway.operator.Operator;
import ru.supportgateway.operator.Role;

/**
 * The journal (Form No. 1 columns) with filters, search and server-side paging: one count and one page
 * query whatever the journal's size. An open first page polls {@code /journal/live} for requests
 * registered since it was drawn and puts them on top.
 */
@Controller
class JournalPage {

    static final int PAGE_SIZE = 50;
    /** How long an open page keeps polling; less than the 30-minute session timeout. */
    static final Duration LIVE_FOR = Duration.ofMinutes(20);

    private final JournalQueries queries;
    private final DeskAccess access;
    private final Desks desks;
    private final Clock clock;

    JournalPage(JournalQueries queries, DeskAccess access, Desks desks, Clock clock) {
        this.clock = clock;
        this.queries = queries;
        this.access = access;
        this.desks = desks;
    }

    /** The filter form; every field optional. Dates are whole days in the chosen desk's zone. */
    record Filter(String desk, RequestStatus status, RequestType type, Channel channel,
                  @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
                  @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to, String q, Integer page) {

        int pageIndex() {
            return page == null || page < 0 ? 0 : page;
        }

        /** This filter's query string with another page, for the pager links. */
        String withPage(int p) {
            UriComponentsBuilder b = UriComponentsBuilder.fromPath("/journal");
            params(b);
            return b.queryParam("page", p).encode().build().toUriString();
        }

        String liveUrl(long since, long opened) {
            UriComponentsBuilder b = UriComponentsBuilder.fromPath("/journal/live");
            params(b);
            return b.queryParam("since", since).queryParam("opened", opened).encode().build().toUriString();
        }

        private void params(UriComponentsBuilder b) {
            if (desk != null && !desk.isBlank()) b.queryParam("desk", desk);
            if (status != null) b.queryParam("status", status.name());
            if (type != null) b.queryParam("type", type.name());
            if (channel != null) b.queryParam("channel", channel.name());
            if (from != null) b.queryParam("from", from);
            if (to != null) b.queryParam("to", to);
            if (q != null && !q.isBlank()) b.queryParam("q", q);
        }
    }

    @GetMapping("/journal")
    String journal(Principal principal, @ModelAttribute("filter") Filter filter, Model model) {
        Operator reader = reader(principal, filter);
        long lastId = queries.lastId(); // read first: a request registered meanwhile is picked up by the poll
        PageOf<JournalRequest> page = queries.search(toRequestFilter(reader, filter), filter.pageIndex(), PAGE_SIZE);
        model.addAttribute("page", page);
        model.addAttribute("rows", page.content());
        model.addAttribute("desks", visibleDesks(reader));
        model.addAttribute("statuses", RequestStatus.values());
        model.addAttribute("types", RequestType.values());
        model.addAttribute("channels", Channel.values());
        model.addAttribute("live", filter.pageIndex() == 0);
        model.addAttribute("prevUrl", filter.pageIndex() > 0 ? filter.withPage(filter.pageIndex() - 1) : null);
        model.addAttribute("nextUrl", filter.pageIndex() + 1 < page.page().totalPages() ? filter.withPage(filter.pageIndex() + 1) : null);
        model.addAttribute("liveUrl", filter.liveUrl(lastId, clock.instant().getEpochSecond()));
        // «Журнал за месяц»: the file export is the supervisors' and the administrator's (see ReportApi)
        model.addAttribute("exportDesks", reader.role() == Role.OPERATOR ? List.of() : visibleDesks(reader));
        model.addAttribute("exportMonth", YearMonth.now(clock.withZone(zone(reader, filter.desk()))).minusMonths(1));
        return "journal";
    }

    /** Rows registered after {@code since} that match the filter, plus the poller with the new mark. */
    @GetMapping("/journal/live")
    String live(Principal principal, @ModelAttribute("filter") Filter filter, @RequestParam long since,
                @RequestParam long opened, Model model, HttpServletResponse response) {
        Operator reader = reader(principal, filter);
        if (clock.instant().getEpochSecond() - opened > LIVE_FOR.toSeconds()) {
            // Polls count as activity: without this cap an open journal on an unattended school laptop would
            // keep its session, and the children's data on screen, forever. 286 tells htmx to stop polling.
            response.setStatus(286);
            return "journal-live :: stopped";
        }
        List<JournalRequest> fresh = queries.registeredAfter(toRequestFilter(reader, filter), since, PAGE_SIZE);
        long mark = fresh.stream().mapToLong(JournalRequest::id).max().orElse(since);
        model.addAttribute("rows", fresh);
        model.addAttribute("liveUrl", filter.liveUrl(mark, opened));
        return "journal-live :: rows";
    }

    private Operator reader(Principal principal, Filter filter) {
        return filter.desk() != null && !filter.desk().isBlank()
                ? access.check(principal, filter.desk().strip()) : access.current(principal);
    }

    private RequestFilter toRequestFilter(Operator reader, Filter f) {
        ZoneId zone = zone(reader, f.desk());
        return new RequestFilter(reader.role() == Role.ADMIN ? null : reader.desks(), f.desk(), f.status(), f.type(),
                f.channel(), f.from() == null ? null : f.from().atStartOfDay(zone).toInstant(),
                f.to() == null ? null : f.to().plusDays(1).atStartOfDay(zone).toInstant(), f.q());
    }

    /** Days are the chosen desk's days; across desks, those of the operator's first desk. */
    private ZoneId zone(Operator reader, String desk) {
        if (desk != null && !desk.isBlank()) {
            return desks.find(desk.strip()).map(Desk::zone).orElse(Formats.FALLBACK_ZONE);
        }
        return visibleDesks(reader).stream().findFirst().map(Desk::zone).orElse(Formats.FALLBACK_ZONE);
    }

    private List<Desk> visibleDesks(Operator reader) {
        return desks.all().stream().filter(d -> reader.worksAt(d.id()))
                .sorted(Comparator.comparing(Desk::name)).toList();
    }
}
