package ru.supportgateway.email.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.apache.camel.CamelContext;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

import ru.supportgateway.SupportGatewayApplication;
import ru.supportgateway.desk.ImapServer;
import ru.supportgateway.email.intake.IntakeConfiguration;
import ru.supportgateway.email.intake.IntakeProperties;

/**
 * The gateway side of the benchmark, in its own JVM: the real application (Spring Boot, Camel routes from
 * {@code routes/}, templates from {@code templates/}, Flyway on a fresh database) with one desk "bench", open
 * round the clock, whose acknowledgements go to the benchmark's SMTP sink. Once the context is up, the desk's
 * intake route is added (the moment the clock starts) and the database is watched until every mail is a
 * registered request and every acknowledgement was accepted by SMTP ({@code outbox.sent_at} set). Prints one
 * {@code RESULT} line for {@link EmailIntakeBenchmark}.
 * With a warm-up mailbox (user {@code warmup-<user>}, {@code warmupMails} mails), that is taken in first, to the
 * last acknowledgement, and the clock starts after it (JIT compilation of a fresh JVM otherwise weighs on
 * the figures of a short run).
 * <p>Arguments: jdbcUrl imapPort imapUser password smtpPort expectedMails pollDelayMillis warmupMails, then
 * any {@code --name=value} Spring properties (e.g. {@code --gateway.email.max-messages-per-poll=500}).
 */
public final class GatewaySide {

    private GatewaySide() {
    }

    public static void main(String[] args) throws Exception {
        String jdbcUrl = args[0];
        int imapPort = Integer.parseInt(args[1]);
        String user = args[2];
        String password = args[3];
        int smtpPort = Integer.parseInt(args[4]);
        int expected = Integer.parseInt(args[5]);
        long pollDelay = Long.parseLong(args[6]);
        int warmup = Integer.parseInt(args[7]);

        List<String> props = new ArrayList<>(List.of(
                "--spring.datasource.url=" + jdbcUrl,
                "--spring.datasource.username=postgres",
                "--spring.datasource.password=",
                "--server.port=0",
                "--GATEWAY_ADMIN_PASSWORD=bench-admin-secret",
                "--gateway.demo.enabled=false",
                // the monthly journals of the preset desks would be rendered and mailed once, 30 s after the start
                "--gateway.reports.auto=false",
                "--gateway.agi.port=0",
                "--gateway.agi.bind=127.0.0.1",
                "--gateway.smtp.host=127.0.0.1",
                "--gateway.smtp.port=" + smtpPort,
                "--gateway.smtp.tls=false",
                // the benchmark desk: open round the clock, so every mail is registered at once
                "--gateway.desks.bench.name=Служба поддержки (нагрузочный тест)",
                "--gateway.desks.bench.zone=Europe/Moscow",
                "--gateway.desks.bench.calendar=none",
                "--gateway.desks.bench.hours.daily=00:00-24:00",
                "--gateway.desks.bench.email.address=" + EmailIntakeBenchmark.DESK_ADDRESS,
                "--gateway.desks.bench.email.after-hours=register",
                "--gateway.desks.bench.phone.number=8 (800) 555-35-35",
                "--gateway.desks.bench.phone.after-hours=message"));
        for (int i = 8; i < args.length; i++) {
            props.add(args[i]);
        }
        SpringApplication app = new SpringApplication(SupportGatewayApplication.class);
        ConfigurableApplicationContext context = app.run(props.toArray(String[]::new));
        CamelContext camel = context.getBean(CamelContext.class);
        IntakeProperties settings = context.getBean(IntakeProperties.class);
        JdbcClient jdbc = context.getBean(JdbcClient.class);
        System.out.printf(Locale.ROOT, "gateway started: max-messages-per-poll %d, poll delay %d ms, %s%n",
                settings.maxMessagesPerPoll(), pollDelay,
                context.getEnvironment().getProperty("gateway.outbox.poll-period", "outbox poll 2s (default)"));

        if (warmup > 0) {
            long w0 = System.nanoTime();
            String route = IntakeConfiguration.addIntakeRoute(camel, "bench",
                    new ImapServer("127.0.0.1", imapPort, "warmup-" + user, password, "INBOX", false, Duration.ofMillis(pollDelay)),
                    settings, "email-intake-warmup", 30_000);
            int[] done = awaitAll(jdbc, 0, warmup, System.nanoTime(), "warm-up");
            camel.getRouteController().stopRoute(route);
            camel.removeRoute(route);
            System.out.printf(Locale.ROOT, "  warm-up: %d mails in %.1f s%n", Math.min(done[0], done[1]),
                    (System.nanoTime() - w0) / 1e9);
        }

        double cpu0 = ProcFs.cpuSecondsOfSelf();
        double pg0 = ProcFs.postgresCpuSeconds();
        long t0 = System.nanoTime();
        IntakeConfiguration.addIntakeRoute(camel, "bench",
                new ImapServer("127.0.0.1", imapPort, user, password, "INBOX", false, Duration.ofMillis(pollDelay)),
                settings, "email-intake-bench", 30_000);
        int[] done = awaitAll(jdbc, warmup, expected, t0, "");
        double seconds = (System.nanoTime() - t0) / 1e9;
        double cpu = ProcFs.cpuSecondsOfSelf() - cpu0;
        double pg = ProcFs.postgresCpuSeconds() - pg0;
        int requests = done[0];
        int acks = done[1];
        double registeredAt = done[2] / 1000.0;
        long rss = ProcFs.statusKb("VmHWM");
        String states = jdbc.sql("SELECT string_agg(state || ' ' || n, ', ') FROM " // warm-up included
                + "(SELECT state, count(*) n FROM inbound_message GROUP BY state ORDER BY state) s")
                .query(String.class).optional().orElse("none");
        String note = String.format(Locale.ROOT, "all registered after %.1f s; inbound: %s; acks sent %d", registeredAt,
                states, acks);
        System.out.println(EmailIntakeBenchmark.resultLine("gateway", Math.min(requests, acks), seconds, cpu, pg, rss, note));
        context.close();
        System.exit(requests >= expected && acks >= expected ? 0 : 2);
    }

    /**
     * Waits until there are {@code total} requests more than {@code before} and as many acknowledgements
     * accepted by SMTP, looking every 100 ms (one light query: the watching must not weigh on what it measures).
     *
     * @return requests, acknowledgements sent (both less {@code before}), milliseconds from t0 until all
     *         requests were registered
     */
    private static int[] awaitAll(JdbcClient jdbc, int before, int total, long t0, String what)
            throws InterruptedException {
        long deadline = t0 + Duration.ofMinutes(15).toNanos();
        long lastReport = t0;
        int requests = 0;
        int acks = 0;
        int registeredMillis = -1;
        while (System.nanoTime() < deadline) {
            Map<String, Object> row = jdbc.sql("""
                    SELECT (SELECT count(*) FROM request) AS requests,
                           (SELECT count(*) FROM outbox WHERE sent_at IS NOT NULL) AS acks""").query().singleRow();
            requests = ((Number) row.get("requests")).intValue() - before;
            acks = ((Number) row.get("acks")).intValue() - before;
            long now = System.nanoTime();
            if (requests >= total && registeredMillis < 0) {
                registeredMillis = (int) ((now - t0) / 1_000_000);
            }
            if (requests >= total && acks >= total) {
                break;
            }
            if (now - lastReport > 5_000_000_000L) {
                System.out.printf(Locale.ROOT, "  %s%.0f s: %d requests, %d acknowledgements sent%n",
                        what.isEmpty() ? "" : what + " ", (now - t0) / 1e9, requests, acks);
                lastReport = now;
            }
            Thread.sleep(100);
        }
        return new int[] {requests, acks, registeredMillis};
    }
}
