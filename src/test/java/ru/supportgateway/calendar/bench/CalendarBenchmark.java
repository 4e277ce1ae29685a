package ru.supportgateway.calendar.bench;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;
import ru.supportgateway.calendar.ProductionCalendar;
import ru.supportgateway.calendar.WeeklySchedule;
import ru.supportgateway.calendar.WorkingCalendar;

/**
 * Throughput of {@code plusWorkingDays(t, 30)} for desk 1 (Tyumen situational centre) on one thread, with
 * {@code t} cycling through 4096 random instants 2017-2026. Run with {@code ./mvnw -B -Pbench test}; it is
 * not part of the normal test run.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(2)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
@Threads(1)
public class CalendarBenchmark {

    private static final int MASK = 4095;

    private WorkingCalendar desk;
    private Instant[] instants;
    private int next;

    @Setup
    public void setup() {
        desk = WorkingCalendar.of(ZoneId.of("Asia/Yekaterinburg"),
                WeeklySchedule.parse("mon-thu 08:30-12:30, 13:30-17:00; fri 08:30-12:30, 13:30-16:00"),
                ProductionCalendar.russian());
        long from = LocalDateTime.of(2017, 1, 1, 0, 0).toEpochSecond(ZoneOffset.UTC);
        long to = LocalDateTime.of(2027, 1, 1, 0, 0).toEpochSecond(ZoneOffset.UTC);
        SplittableRandom random = new SplittableRandom(42);
        instants = new Instant[MASK + 1];
        for (int i = 0; i < instants.length; i++) {
            instants[i] = Instant.ofEpochSecond(random.nextLong(from, to));
            desk.plusWorkingDays(instants[i], 30); // builds the index outside the measurement
        }
    }

    @Benchmark
    public Instant plusWorkingDays30() {
        return desk.plusWorkingDays(instants[next++ & MASK], 30);
    }
}
