package ru.supportgateway.desk;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The configured desks, by id: the one place other packages ask about a desk. */
public final class Desks {

    private final Map<String, Desk> byId;

    public Desks(Collection<Desk> desks) {
        Map<String, Desk> map = new LinkedHashMap<>();
        desks.stream().sorted((a, b) -> a.id().compareTo(b.id())).forEach(d -> map.put(d.id(), d));
        this.byId = Map.copyOf(map);
        this.ordered = List.copyOf(map.values());
    }

    private final List<Desk> ordered;

    public List<Desk> all() {
        return ordered;
    }

    public Optional<Desk> find(String id) {
        return Optional.ofNullable(id == null ? null : byId.get(id));
    }

    /** @throws UnknownDeskException when no desk has that id */
    public Desk get(String id) {
        return find(id).orElseThrow(() -> new UnknownDeskException(id));
    }

    /** Asked for a desk that is not configured. */
    public static class UnknownDeskException extends RuntimeException {
        public UnknownDeskException(String id) {
            super("Unknown desk: " + id);
        }
    }
}
