package ru.supportgateway.journal;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** One history row: who did what and when. {@code details} holds kind-specific data, e.g. a changed field. */
public record JournalEvent(long id, Instant at, String actor, EventKind kind, RequestStatus fromStatus,
                           RequestStatus toStatus, String note, Map<String, Object> details) {

    public JournalEvent {
        // Not Map.copyOf: a changed field's old value may be null.
        details = details == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(details));
    }
}
