package ru.supportgateway.journal;

import java.time.Instant;
import java.util.Set;

/**
 * What to list. Every component is optional (null = no restriction).
 *
 * @param visibleDesks     the desks the reader may see; null for the administrator (all desks).
 *                         An empty set sees nothing — the safe default for an operator without desks.
 * @param registeredFrom   inclusive
 * @param registeredBefore exclusive
 * @param text             words to find in number, subject, description, contacts, organisation, person
 */
public record RequestFilter(Set<String> visibleDesks, String deskId, RequestStatus status, RequestType type,
                            Channel channel, Instant registeredFrom, Instant registeredBefore, String text) {

    public RequestFilter {
        visibleDesks = visibleDesks == null ? null : Set.copyOf(visibleDesks);
        deskId = Text.orNull(deskId);
        text = Text.orNull(text);
    }

    public static RequestFilter all() {
        return new RequestFilter(null, null, null, null, null, null, null, null);
    }
}
