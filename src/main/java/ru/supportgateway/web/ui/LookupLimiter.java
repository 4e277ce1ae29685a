package ru.supportgateway.web.ui;

import java.time.Clock;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * At most {@code perMinute} lookups per client address in each clock minute (fixed windows): enough for an
 * applicant reloading their page, far too few to walk a token space.
 */
final class LookupLimiter {

    private static final int MAX_TRACKED = 10_000;

    private final int perMinute;
    private final Clock clock;
    private final ConcurrentMap<String, Window> windows = new ConcurrentHashMap<>();

    LookupLimiter(int perMinute, Clock clock) {
        this.perMinute = perMinute;
        this.clock = clock;
    }

    private record Window(long minute, int count) {
    }

    /** Counts a lookup from the address; false once the address has used up this minute's lookups. */
    boolean tryAcquire(String address) {
        long minute = clock.instant().getEpochSecond() / 60;
        Window w = windows.compute(address, (k, old) ->
                old == null || old.minute() != minute ? new Window(minute, 1) : new Window(minute, old.count() + 1));
        if (windows.size() > MAX_TRACKED) {
            // Past minutes' windows are worthless; dropping them now and then keeps the map small.
            windows.entrySet().removeIf(e -> e.getValue().minute() != minute);
        }
        return w.count() <= perMinute;
    }
}
