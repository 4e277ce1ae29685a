package ru.supportgateway.telephony.bench;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.slf4j.LoggerFactory;

import ch.qos.logback.classic.Level;
import ru.supportgateway.telephony.ami.AmiLink;
import ru.supportgateway.telephony.ami.AmiSettings;
import ru.supportgateway.telephony.call.CallOutcome;
import ru.supportgateway.telephony.call.CallRecord;
import ru.supportgateway.telephony.call.CallTracker;

/**
 * Replays a busy day through a fake Asterisk into the real {@link AmiLink} (asterisk-java underneath) and
 * {@link CallTracker}, as fast as the socket allows, and reports throughput, lag and lost calls.
 * <p>
 * Lag is measured per batch: after every {@code batch} call events the fake writes a
 * {@code UserEvent: BenchMark} with a sequence number and notes the time its write returned; a listener
 * registered after the tracker notes when it arrives, i.e. when the tracker has processed every event
 * before it. Arguments ({@code name=value}): concurrent (500), events (100000), batch (100), seed (1),
 * warmup (20000 events, 0 = none), rate (0 = as fast as the socket allows; else events/s, paced per batch,
 * to see the lag under a given load), log (warn; info shows the tracker's per-call lines), aj-log (level
 * for org.asteriskjava, default error: at warn it logs "Unable to set property ... no setter" for every
 * MessageWaiting with a channel block and "Slow processing" with the whole event, which costs time too).
 * <p>
 * Run: {@code ./mvnw -B -Pbench-telephony test} (or {@code -Dbench.args="events=200000 concurrent=1000"}).
 */
public final class AmiBenchmark {

    private static final String USER = "gateway";
    private static final String SECRET = "bench-secret";

    /** What one run measured. */
    record Result(int events, int batches, double seconds, long[] lagNanos, int expectedCalls, int recordedCalls,
                  int missing, int duplicated, int wrongOutcome, int unexpected, int stillActive, long delivered) {

        double eventsPerSecond() {
            return events / seconds;
        }

        boolean nothingLost() {
            return missing == 0 && duplicated == 0 && wrongOutcome == 0 && unexpected == 0 && stillActive == 0
                    && recordedCalls == expectedCalls;
        }
    }

    private AmiBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> a = parse(args);
        int concurrent = Integer.parseInt(a.getOrDefault("concurrent", "500"));
        int events = Integer.parseInt(a.getOrDefault("events", "100000"));
        int batch = Integer.parseInt(a.getOrDefault("batch", "100"));
        long seed = Long.parseLong(a.getOrDefault("seed", "1"));
        int warmup = Integer.parseInt(a.getOrDefault("warmup", "20000"));
        double rate = Double.parseDouble(a.getOrDefault("rate", "0"));
        ((ch.qos.logback.classic.Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME))
                .setLevel(Level.toLevel(a.getOrDefault("log", "warn"), Level.WARN));
        ((ch.qos.logback.classic.Logger) LoggerFactory.getLogger("org.asteriskjava"))
                .setLevel(Level.toLevel(a.getOrDefault("aj-log", "error"), Level.ERROR));

        BusyDay day = new BusyDay();
        System.out.printf(Locale.ROOT, "AMI benchmark: %d simultaneous calls, ~%d events, batches of %d, %s, %d CPUs,"
                + " Java %s%n", concurrent, events, batch, rate > 0 ? "paced at " + (long) rate + " events/s"
                : "as fast as the socket allows", Runtime.getRuntime().availableProcessors(),
                System.getProperty("java.vm.version"));
        day.templates().forEach(t -> System.out.printf(Locale.ROOT, "  template %-30s %4d events -> %s%n",
                t.capture(), t.events().size(), t.outcome()));
        if (warmup > 0) {
            Result w = run(day.plan(Math.min(concurrent, 100), warmup, seed + 1), batch, 0);
            System.out.printf(Locale.ROOT, "warm-up: %d events, %.0f events/s, nothing lost: %s%n",
                    w.events(), w.eventsPerSecond(), w.nothingLost());
        }
        BusyDay.Plan plan = day.plan(concurrent, events, seed);
        Result r = run(plan, batch, rate);
        print(plan, r);
        System.exit(r.nothingLost() ? 0 : 1);
    }

    static Result run(BusyDay.Plan plan, int batch, double rate) throws Exception {
        List<byte[]> batches = batches(plan.events(), batch);
        long[] sent = new long[batches.size()];
        long[] arrived = new long[batches.size()];
        CountDownLatch allArrived = new CountDownLatch(batches.size());
        Map<String, List<CallRecord>> records = new ConcurrentHashMap<>();
        AtomicLong delivered = new AtomicLong();
        List<String> problems = new CopyOnWriteArrayList<>();

        CallTracker tracker = new CallTracker(r -> records.computeIfAbsent(r.linkedid(), k -> new ArrayList<>()).add(r),
                Clock.systemUTC(), java.util.Set.of("from-trunk"));
        try (BenchAmiServer fake = new BenchAmiServer(USER, SECRET)) {
            AmiLink link = new AmiLink(new AmiSettings("127.0.0.1", fake.port(), USER, SECRET, Duration.ofMillis(100),
                    Duration.ofSeconds(1), Duration.ofSeconds(30)), List.of(), Clock.systemUTC());
            link.addEventListener(tracker);
            link.addEventListener(e -> {
                delivered.incrementAndGet();
                if (e.is("BenchMark")) {
                    int seq = Integer.parseInt(e.getOrEmpty("Seq"));
                    if (arrived[seq] != 0) {
                        problems.add("marker " + seq + " twice");
                    }
                    arrived[seq] = System.nanoTime();
                    allArrived.countDown();
                }
            });
            link.start();
            BenchAmiServer.Session session = fake.awaitLogin();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (!link.health().isUp() && System.nanoTime() < deadline) {
                Thread.sleep(5);
            }
            link.connection().orElseThrow(() -> new IllegalStateException("AMI link not up: " + link.health()))
                    .registerUserEventClass(BenchMarkEvent.class);
            delivered.set(0);

            long start = System.nanoTime();
            long nanosPerBatch = rate > 0 ? (long) (batch * 1e9 / rate) : 0;
            for (int i = 0; i < batches.size(); i++) {
                if (nanosPerBatch > 0) {
                    long due = start + i * nanosPerBatch;
                    long wait;
                    while ((wait = due - System.nanoTime()) > 0) {
                        java.util.concurrent.locks.LockSupport.parkNanos(wait); // sleep: only 2 cores to share
                    }
                }
                session.write(batches.get(i));
                sent[i] = System.nanoTime();
            }
            if (!allArrived.await(5, TimeUnit.MINUTES)) {
                problems.add((allArrived.getCount()) + " markers never arrived");
            }
            long end = Arrays.stream(arrived).max().orElse(System.nanoTime());
            int stillActive = tracker.activeCalls();
            link.stop();

            long[] lag = new long[batches.size()];
            for (int i = 0; i < lag.length; i++) {
                lag[i] = arrived[i] == 0 ? Long.MAX_VALUE : arrived[i] - sent[i];
            }
            Arrays.sort(lag);
            int missing = 0;
            int duplicated = 0;
            int wrong = 0;
            for (Map.Entry<String, CallOutcome> e : plan.expected().entrySet()) {
                List<CallRecord> got = records.get(e.getKey());
                if (got == null) {
                    missing++;
                } else {
                    if (got.size() > 1) {
                        duplicated++;
                    }
                    if (got.stream().anyMatch(r -> r.outcome() != e.getValue())) {
                        wrong++;
                    }
                }
            }
            int unexpected = (int) records.keySet().stream().filter(k -> !plan.expected().containsKey(k)).count();
            int recorded = records.values().stream().mapToInt(List::size).sum();
            problems.forEach(p -> System.out.println("PROBLEM: " + p));
            return new Result(plan.events().size(), batches.size(), (end - start) / 1e9, lag, plan.expected().size(),
                    recorded, missing, duplicated, wrong, unexpected, stillActive, delivered.get());
        }
    }

    /** Call events grouped into batches, each followed by its BenchMark marker, one byte array per batch. */
    private static List<byte[]> batches(List<byte[]> events, int batch) {
        List<byte[]> result = new ArrayList<>();
        ByteArrayOutputStream buf = new ByteArrayOutputStream(batch * 700);
        for (int i = 0; i < events.size(); i++) {
            buf.writeBytes(events.get(i));
            if ((i + 1) % batch == 0 || i + 1 == events.size()) {
                buf.writeBytes(("Event: UserEvent\r\nPrivilege: user,all\r\nUserEvent: BenchMark\r\nSeq: " + result.size()
                        + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                result.add(buf.toByteArray());
                buf.reset();
            }
        }
        return result;
    }

    private static void print(BusyDay.Plan plan, Result r) {
        long[] lag = r.lagNanos();
        System.out.printf(Locale.ROOT, "calls generated: %d %s%n", plan.expected().size(), plan.callsPerCapture());
        System.out.printf(Locale.ROOT, "events written: %d (+%d markers) in %.3f s -> %.0f events/s handled%n",
                r.events(), r.batches(), r.seconds(), r.eventsPerSecond());
        System.out.printf(Locale.ROOT, "AmiEvents delivered to listeners: %d (asterisk-java adds synthetic legacy events, drops unmappable ones)%n",
                r.delivered());
        System.out.printf(Locale.ROOT, "lag write->tracked per batch of events: p50 %.1f ms, p99 %.1f ms, max %.1f ms%n",
                ms(lag[(int) (lag.length * 0.50)]), ms(lag[Math.min(lag.length - 1, (int) (lag.length * 0.99))]),
                ms(lag[lag.length - 1]));
        System.out.printf(Locale.ROOT, "calls recorded: %d of %d expected; missing %d, duplicated %d, wrong outcome %d,"
                        + " unexpected %d, still in progress %d%n", r.recordedCalls(), r.expectedCalls(), r.missing(),
                r.duplicated(), r.wrongOutcome(), r.unexpected(), r.stillActive());
        System.out.printf(Locale.ROOT, "RESULT: %s, %s%n", r.nothingLost() ? "no event lost" : "CALLS LOST OR WRONG",
                r.eventsPerSecond() >= 5000 ? "target 5,000 events/s met" : "BELOW target 5,000 events/s");
    }

    private static double ms(long nanos) {
        return nanos == Long.MAX_VALUE ? Double.POSITIVE_INFINITY : nanos / 1e6;
    }

    private static Map<String, String> parse(String[] args) {
        Map<String, String> m = new java.util.HashMap<>();
        for (String arg : args) {
            for (String part : arg.trim().split("\\s+")) {
                int eq = part.indexOf('=');
                if (eq > 0) {
                    m.put(part.substring(0, eq).replaceFirst("^--", ""), part.substring(eq + 1));
                }
            }
        }
        return m;
    }
}
