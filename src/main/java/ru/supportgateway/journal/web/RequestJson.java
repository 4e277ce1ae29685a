package ru.supportgateway.journal.web;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;

import ru.supportgateway.journal.Correspondence;
import ru.supportgateway.journal.JournalEvent;
import ru.supportgateway.journal.JournalRequest;
import ru.supportgateway.journal.RequestStatus;

/**
 * A request as the REST API shows it: codes for programs, Russian labels for people, ISO-8601 instants.
 * {@code history} and {@code correspondence} appear only on the single-request endpoint.
 */
public record RequestJson(String number, String desk, String channel, String channelLabel, String type,
                          String typeLabel, String status, String statusLabel, List<String> nextStatuses,
                          String subject, String description, String organisation, String person,
                          String additionalInfo, String note, String contactEmail, String contactPhone,
                          Instant receivedAt, Instant registeredAt, Instant dueAt, Instant resolvedAt,
                          int repeatCount,
                          @JsonInclude(JsonInclude.Include.NON_NULL) List<EventJson> history,
                          @JsonInclude(JsonInclude.Include.NON_NULL) List<Correspondence.Item> correspondence) {

    static RequestJson of(JournalRequest r) {
        return of(r, null, null);
    }

    static RequestJson of(JournalRequest r, List<JournalEvent> history, List<Correspondence.Item> correspondence) {
        return new RequestJson(r.number(), r.deskId(), r.channel().name(), r.channel().label(), r.type().name(),
                r.type().label(), r.status().name(), r.status().label(),
                r.status().next().stream().sorted().map(Enum::name).toList(),
                r.subject(), r.description(), r.organisation(), r.person(), r.additionalInfo(), r.note(),
                r.contactEmail(), r.contactPhone(), r.receivedAt(), r.registeredAt(), r.dueAt(), r.resolvedAt(),
                r.repeatCount(), history == null ? null : history.stream().map(EventJson::of).toList(), correspondence);
    }

    public record EventJson(Instant at, String actor, String kind, String fromStatus, String toStatus,
                            String note, Map<String, Object> details) {

        static EventJson of(JournalEvent e) {
            return new EventJson(e.at(), e.actor(), e.kind().name(), name(e.fromStatus()), name(e.toStatus()),
                    e.note(), e.details());
        }

        private static String name(RequestStatus s) {
            return s == null ? null : s.name();
        }
    }
}
