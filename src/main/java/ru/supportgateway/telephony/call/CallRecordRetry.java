package ru.supportgateway.telephony.call;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.annotation.PreDestroy;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import ru.supportgateway.db.DatabaseOutage;

/**
 * The call sink the call tracker reports to: writes each finished call through {@link CallRecorder} and,
 * when the database is away at that moment (connection cut, server restarting, pool timeout), keeps the
 * record in a bounded in-memory queue and writes it later, retrying with a doubling pause
 * ({@code gateway.asterisk.record-retry-initial} up to {@code record-retry-max}). The writes are
 * idempotent (one {@code call} row per Linkedid, call-backs unique per desk and voicemail or open number),
 * so a retry whose first try did reach the database never doubles anything.
 * <p>
 * While records wait, new ones queue behind them (in order, and without making the AMI event thread wait
 * for a dead database each time). Limits, said plainly: the queue lives in memory, so records still in it
 * when the gateway stops or crashes are lost (each is logged with its details); voicemails come back anyway
 * through the reconciliation with Asterisk's voicemail boxes. Over {@code record-retry-capacity} waiting
 * records, further ones are logged and dropped. A failure that is not an outage (bad data, a bug) is not
 * retried: it would fail the same way again.
 */
@Component
public class CallRecordRetry implements CallOutcomeSink {

    private static final Logger log = LoggerFactory.getLogger(CallRecordRetry.class);

    private final CallOutcomeSink target;
    private final int capacity;
    private final Duration initialPause;
    private final Duration maxPause;
    private final Deque<CallRecord> pending = new ArrayDeque<>();
    private final AtomicLong retried = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();
    private final ScheduledExecutorService retry = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "call-record-retry");
        t.setDaemon(true);
        return t;
    });
    /** Guarded by this: a drain is scheduled; its next pause. */
    private boolean scheduled;
    private Duration pause;

    @Autowired
    public CallRecordRetry(CallRecorder target,
                           @Value("${gateway.asterisk.record-retry-capacity:10000}") int capacity,
                           @Value("${gateway.asterisk.record-retry-initial:1s}") Duration initialPause,
                           @Value("${gateway.asterisk.record-retry-max:1m}") Duration maxPause) {
        this((CallOutcomeSink) target, capacity, initialPause, maxPause);
    }

    CallRecordRetry(CallOutcomeSink target, int capacity, Duration initialPause, Duration maxPause) {
        this.target = target;
        this.capacity = capacity;
        this.initialPause = initialPause;
        this.maxPause = maxPause;
        this.pause = initialPause;
    }

    @Override
    public void accept(CallRecord call) {
        synchronized (this) {
            if (!pending.isEmpty()) {
                enqueue(call, "records are waiting for the database");
                return;
            }
        }
        try {
            target.accept(call);
        } catch (RuntimeException e) {
            if (!DatabaseOutage.isOutage(e)) {
                throw e;
            }
            synchronized (this) {
                enqueue(call, e.getMessage());
            }
        }
    }

    /** Records waiting for the database. */
    public synchronized int pending() {
        return pending.size();
    }

    /** Records written by a retry (after a first failure), since the start. */
    public long retried() {
        return retried.get();
    }

    /** Records dropped because the queue was full, since the start. */
    public long dropped() {
        return dropped.get();
    }

    private void enqueue(CallRecord call, String why) {
        if (pending.size() >= capacity) {
            dropped.incrementAndGet();
            log.error("call {} LOST: the database is away and {} call records already wait (record-retry-capacity): {}",
                    call.linkedid(), pending.size(), call);
            return;
        }
        pending.addLast(call);
        log.warn("call {} not recorded yet ({}); kept in memory and retried, {} waiting", call.linkedid(), why,
                pending.size());
        if (!scheduled) {
            scheduled = true;
            pause = initialPause;
            retry.schedule(this::drain, pause.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    /** Writes the waiting records in order; on an outage, tries again after a longer pause. */
    private void drain() {
        while (true) {
            CallRecord next;
            synchronized (this) {
                next = pending.peekFirst();
                if (next == null) {
                    scheduled = false;
                    return;
                }
            }
            try {
                target.accept(next);
                retried.incrementAndGet();
                log.info("call {} recorded after the database came back", next.linkedid());
            } catch (RuntimeException e) {
                if (DatabaseOutage.isOutage(e)) {
                    synchronized (this) {
                        pause = pause.multipliedBy(2).compareTo(maxPause) > 0 ? maxPause : pause.multipliedBy(2);
                        log.warn("database still away, {} call records waiting; next try in {}: {}", pending.size(),
                                pause, e.getMessage());
                        retry.schedule(this::drain, pause.toMillis(), TimeUnit.MILLISECONDS);
                    }
                    return;
                }
                log.error("call {} could not be recorded (not retried): {}", next.linkedid(), next, e);
            }
            synchronized (this) {
                pending.pollFirst();
            }
        }
    }

    @PreDestroy
    public void close() {
        retry.shutdownNow();
        synchronized (this) {
            for (CallRecord lost : pending) {
                log.error("call {} LOST at shutdown, the database never came back to record it: {}", lost.linkedid(), lost);
            }
        }
    }
}
