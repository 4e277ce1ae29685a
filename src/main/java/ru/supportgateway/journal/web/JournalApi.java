package ru.supportgateway.journal.web;

import java.security.Principal;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import ru.supportgateway.desk.Desk;
import ru.supportgateway.desk.Desks;
import ru.supportgateway.journal.Channel;
import ru.supportgateway.journal.Journal;
import ru.supportgateway.journal.JournalQueries;
import ru.supportgateway.journal.JournalRequest;
import ru.supportgateway.journal.PageOf;
import ru.supportgateway.journal.RequestFilter;
import ru.supportgateway.journal.RequestNotFoundException;
import ru.supportgateway.journal.RequestStatus;
import ru.supportgateway.journal.RequestType;
import ru.supportgateway.operator.Operator;
import ru.supportgateway.operator.DeskAccess;
import ru.supportgateway.journal.Correspondence;
import ru.supportgateway.operator.Role;

/**
 * The journal over HTTP. Operators and supervisors see only their desks' requests (they hold parents' and
 * children's personal data); the administrator sees all. The rules of the journal itself live in {@link Journal}.
 */
@RestController
@RequestMapping("/api/requests")
public class JournalApi {

    private final JournalQueries queries;
    private final Journal journal;
    private final Correspondence correspondence;
    private final DeskAccess access;
    private final Desks desks;

    public JournalApi(JournalQueries queries, Journal journal, Correspondence correspondence, DeskAccess access,
                      Desks desks) {
        this.queries = queries;
        this.journal = journal;
        this.correspondence = correspondence;
        this.access = access;
        this.desks = desks;
    }

    @GetMapping
    public PageOf<RequestJson> list(Principal principal,
                                    @RequestParam(required = false) String desk,
                                    @RequestParam(required = false) RequestStatus status,
                                    @RequestParam(required = false) RequestType type,
                                    @RequestParam(required = false) Channel channel,
                                    @RequestParam(required = false) String from,
                                    @RequestParam(required = false) String to,
                                    @RequestParam(required = false) String zone,
                                    @RequestParam(required = false) String q,
                                    @RequestParam(defaultValue = "0") int page,
                                    @RequestParam(defaultValue = "20") int size) {
        Operator reader = desk != null && !desk.isBlank() ? access.check(principal, desk.strip()) : access.current(principal);
        // Dates are the desk's calendar days when one desk is asked for; across desks, UTC unless a zone is given.
        String dayZone = zone != null && !zone.isBlank() ? zone
                : desk != null && !desk.isBlank() ? desks.find(desk.strip()).map(Desk::zone).map(Object::toString).orElse(null)
                : null;
        DateRange range = DateRange.parse(from, to, dayZone);
        RequestFilter filter = new RequestFilter(reader.role() == Role.ADMIN ? null : reader.desks(), desk, status,
                type, channel, range.from(), range.before(), q);
        return queries.search(filter, page, size).map(RequestJson::of);
    }

    @GetMapping("/{number}")
    public RequestJson get(Principal principal, @PathVariable String number) {
        JournalRequest request = visible(principal, number);
        return RequestJson.of(request, queries.history(request.id()), correspondence.of(request.id()));
    }

    @PostMapping("/{number}/status")
    public RequestJson moveStatus(Principal principal, @PathVariable String number, @RequestBody StatusMove body) {
        Operator reader = access.current(principal);
        visible(principal, number);
        if (body == null || body.status() == null) {
            throw new IllegalArgumentException("Не указан статус. / status is required.");
        }
        return RequestJson.of(journal.moveStatus(number, body.status(), reader.username(), body.note()));
    }

    /** Body of {@code POST /api/requests/{number}/status}. */
    public record StatusMove(RequestStatus status, String note) {
    }

    private JournalRequest visible(Principal principal, String number) {
        JournalRequest request = queries.find(number).orElseThrow(() -> new RequestNotFoundException(number));
        access.check(principal, request.deskId());
        return request;
    }
}
