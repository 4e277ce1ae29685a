package ru.supportgateway.email.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.mail.Folder;
import jakarta.mail.Session;
import jakarta.mail.Store;

import ru.supportgateway.testsupport.FreshDatabase;

/**
 * The email intake benchmark (a program that prints figures, not a timed test). Against a Dovecot of its own
 * on loopback ({@link BenchDovecot}) with {@code mails} generated mails ({@link BenchMails}: 10% with a 20 KB
 * attachment, a third in KOI8-R / windows-1251) in each of two mailboxes, it runs, each in a JVM of its own
 * (so CPU seconds and peak RSS are per side):
 * <ol>
 * <li>{@link PlainLoop}: plain Jakarta Mail + JDBC fetch-and-insert, the limit;</li>
 * <li>{@link GatewaySide}: the real gateway, until every mail is a registered request and every
 *     acknowledgement was accepted by the SMTP sink ({@link SmtpSink}).</li>
 * </ol>
 * Then it checks that both mailboxes are all \Seen and the sink got one acknowledgement per mail, and prints
 * a table. Target: gateway rate at least half the plain loop's, gateway peak RSS under 512 MB.
 * <p>
 * Run: {@code ./mvnw -B -Pbench-email test}, options as {@code -Dbench.args="mails=5000 xmx=384m"}:
 * mails (5000), warmup (1000 mails of another mailbox taken in by each side before the clock starts, so
 * that the figures are not those of JIT compilation in a fresh JVM; 0 = a cold start), xmx (heap of each side, 384m), poll-delay (ms between intake polls when the mailbox is
 * empty, 100), per-poll (gateway.email.max-messages-per-poll, 500), sides (both | plain | gateway),
 * jfr (true: record the gateway with Java Flight Recorder into target/), install (auto: apt-get install
 * dovecot-imapd when missing and running as root), gateway-args (extra Spring properties for the gateway,
 * comma separated; the outbox looks every 500 ms unless given here), jvm (further JVM options of both sides, comma
 * separated, e.g. {@code -XX:+UseSerialGC}).
 */
public final class EmailIntakeBenchmark {

    static final String DESK_ADDRESS = "bench@desk.example";
    private static final String STREAM_PROVIDER =
            "jakarta.mail.util.StreamProvider=org.eclipse.angus.mail.util.MailStreamProvider";
    private static final Pattern RESULT = Pattern.compile(
            "RESULT side=(\\S+) mails=(\\d+) seconds=([\\d.]+) cpu=([\\d.]+) pgCpu=([\\d.]+) rssKb=(-?\\d+) note=(.*)");

    private EmailIntakeBenchmark() {
    }

    /** The line a side prints for the parent. */
    static String resultLine(String side, int mails, double seconds, double cpu, double pgCpu, long rssKb, String note) {
        return String.format(Locale.ROOT, "RESULT side=%s mails=%d seconds=%.3f cpu=%.2f pgCpu=%.2f rssKb=%d note=%s",
                side, mails, seconds, cpu, pgCpu, rssKb, note);
    }

    record Side(String name, int mails, double seconds, double cpu, double pgCpu, long rssKb, String note, double dovecotCpu,
                String load) {
        double rate() {
            return mails / seconds;
        }
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> a = parse(args);
        int mails = Integer.parseInt(a.getOrDefault("mails", "5000"));
        String xmx = a.getOrDefault("xmx", "384m");
        // further JVM options of both sides, comma separated (e.g. -XX:+UseSerialGC)
        List<String> jvmOptions = a.getOrDefault("jvm", "").isBlank() ? List.of()
                : List.of(a.get("jvm").split(","));
        long pollDelay = Long.parseLong(a.getOrDefault("poll-delay", "100"));
        int perPoll = Integer.parseInt(a.getOrDefault("per-poll", "500"));
        int warmup = Integer.parseInt(a.getOrDefault("warmup", "1000"));
        String sides = a.getOrDefault("sides", "both");
        boolean jfr = Boolean.parseBoolean(a.getOrDefault("jfr", "false"));
        boolean install = "auto".equals(a.getOrDefault("install", "auto"));
        // The outbox at its defaults (batches of 50, drained while they come full) but looking every 500 ms
        // instead of 2 s, so that the last acknowledgements do not wait for a poll
        List<String> gatewayArgs = new ArrayList<>(List.of("--gateway.outbox.poll-period=500ms"));
        for (String extra : a.getOrDefault("gateway-args", "").split(",")) {
            if (!extra.isBlank()) {
                gatewayArgs.add(extra.strip().startsWith("--") ? extra.strip() : "--" + extra.strip());
            }
        }

        System.out.printf(Locale.ROOT, "Email intake benchmark: %d mails, %d CPUs, Java %s, heap per side %s%n", mails,
                Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"), xmx);
        Path dovecotBinary = BenchDovecot.ensureInstalled(install);
        Path dir = BenchDovecot.tempDir();
        List<Side> results = new ArrayList<>();
        BenchDovecot dovecot = BenchDovecot.prepare(dir);
        try (dovecot; SmtpSink sink = new SmtpSink()) {
            long g0 = System.nanoTime();
            BenchMails generator = new BenchMails(DESK_ADDRESS, 1);
            long bytes = 0;
            List<String> users = List.of("plain", "gateway");
            for (String user : warmup > 0 ? List.of("plain", "gateway", "warmup-plain", "warmup-gateway") : users) {
                Path cur = dovecot.maildirCur(user);
                long base = 1_790_000_000L;
                // warm-up mail: other Message-IDs (another seed), as many as asked
                boolean warm = user.startsWith("warmup-");
                BenchMails g = warm ? new BenchMails(DESK_ADDRESS, 2) : generator;
                for (int i = 0; i < (warm ? warmup : mails); i++) {
                    byte[] mail = g.mail(i);
                    bytes += warm ? 0 : mail.length;
                    // Maildir name: <time>.<unique>.<host>,S=<size>:2, (no flags: unseen)
                    Files.write(cur.resolve((base + i) + ".M" + i + "P1.bench,S=" + mail.length + ":2,"), mail);
                }
            }
            System.out.printf(Locale.ROOT, "Mailboxes: %d mails each (%.1f KB on average, %d with a 20 KB attachment,"
                            + " %d in KOI8-R/windows-1251), written in %.1f s; Dovecot %s on 127.0.0.1:%d%n", mails,
                    bytes / 2.0 / mails / 1024, count(mails, BenchMails::hasAttachment),
                    count(mails, i -> BenchMails.charsetOf(i) != StandardCharsets.UTF_8), (System.nanoTime() - g0) / 1e9,
                    dovecotVersion(dovecotBinary), dovecot.port());
            dovecot.start(dovecotBinary);

            if (!sides.equals("gateway")) {
                String db = FreshDatabase.create();
                // The same Jakarta Mail as the gateway's (SupportGatewayApplication names its StreamProvider): without
                // it, every decoded header word and body part costs a ServiceLoader scan, and the limit is lower.
                List<String> jvm = new ArrayList<>(List.of("-Xmx" + xmx, "-D" + STREAM_PROVIDER));
                jvm.addAll(jvmOptions);
                results.add(runSide("plain", dovecot, jvm,
                        List.of(PlainLoop.class.getName(), "127.0.0.1", String.valueOf(dovecot.port()), "plain",
                                BenchDovecot.PASSWORD, FreshDatabase.url(db), String.valueOf(mails),
                                String.valueOf(warmup)), dir));
            }
            if (!sides.equals("plain")) {
                String db = FreshDatabase.create();
                List<String> jvm = new ArrayList<>(List.of("-Xmx" + xmx));
                jvm.addAll(jvmOptions);
                if (jfr) {
                    Files.createDirectories(Path.of("target"));
                    jvm.add("-XX:StartFlightRecording=filename=target/email-bench-gateway.jfr,settings=profile");
                }
                List<String> main = new ArrayList<>(List.of(GatewaySide.class.getName(), FreshDatabase.url(db),
                        String.valueOf(dovecot.port()), "gateway", BenchDovecot.PASSWORD, String.valueOf(sink.port()),
                        String.valueOf(mails), String.valueOf(pollDelay), String.valueOf(warmup),
                        "--gateway.email.max-messages-per-poll=" + perPoll));
                main.addAll(gatewayArgs);
                results.add(runSide("gateway", dovecot, jvm, main, dir));
                System.out.printf(Locale.ROOT, "SMTP sink: %d acknowledgements accepted over %d connections%n",
                        sink.accepted(), sink.connections());
                if (sink.accepted() < mails) {
                    System.out.println("WARNING: the SMTP sink accepted " + sink.accepted() + " mails, expected " + mails);
                }
            }
            for (String user : sides.equals("both") ? users : List.of(sides)) {
                int unseen = unseen(dovecot.port(), user);
                System.out.printf("Mailbox %s: %d unseen left%s%n", user, unseen, unseen == 0 ? "" : "  <-- WARNING");
            }
            String errors = dovecot.log().lines().filter(l -> l.contains("Error") || l.contains("Fatal"))
                    .limit(5).reduce("", (x, y) -> x + y + "\n");
            if (!errors.isEmpty()) {
                System.out.println("Dovecot errors:\n" + errors);
            }
        }
        print(results);
    }

    private static Side runSide(String name, BenchDovecot dovecot, List<String> jvm, List<String> main, Path dir)
            throws IOException, InterruptedException {
        String load = Files.readString(Path.of("/proc/loadavg")).strip();
        System.out.println();
        System.out.println("== " + name + " (load average " + load + ")");
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvm);
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.addAll(main);
        double dovecotCpu0 = dovecot.cpuSeconds();
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        Path log = Path.of("target", "email-bench-" + name + ".log");
        Files.createDirectories(log.getParent());
        Side side = null;
        try (BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
             var file = Files.newBufferedWriter(log)) {
            String line;
            while ((line = out.readLine()) != null) {
                file.write(line);
                file.newLine();
                Matcher m = RESULT.matcher(line);
                if (m.matches()) {
                    side = new Side(m.group(1), Integer.parseInt(m.group(2)), Double.parseDouble(m.group(3)),
                            Double.parseDouble(m.group(4)), Double.parseDouble(m.group(5)), Long.parseLong(m.group(6)),
                            m.group(7), 0, load);
                    System.out.println("  " + m.group(7));
                } else if (line.startsWith("  ") && !line.startsWith("  at ") || line.startsWith("gateway started")
                        || line.startsWith("WARNING") || line.contains(" ERROR ")) {
                    System.out.println("  " + line.strip());
                }
            }
        }
        int exit = p.waitFor();
        if (side == null) {
            throw new IllegalStateException(name + " side ended (exit " + exit + ") without a result: see " + log);
        }
        double dovecotCpu = dovecot.cpuSeconds() - dovecotCpu0;
        return new Side(side.name(), side.mails(), side.seconds(), side.cpu(), side.pgCpu(), side.rssKb(), side.note(),
                dovecotCpu, load);
    }

    private static void print(List<Side> results) {
        System.out.println();
        System.out.println("| side | mails | seconds | mails/s | CPU s (side) | CPU ms/mail | PostgreSQL CPU s | peak RSS MB | Dovecot CPU s | load avg at start |");
        System.out.println("|---|---:|---:|---:|---:|---:|---:|---:|---:|---|");
        for (Side s : results) {
            System.out.printf(Locale.ROOT, "| %s | %d | %.1f | %.0f | %.1f | %.2f | %.1f | %d | %.1f | %s |%n", s.name(),
                    s.mails(), s.seconds(), s.rate(), s.cpu(), s.cpu() * 1000 / s.mails(), s.pgCpu(), s.rssKb() / 1024,
                    s.dovecotCpu(),
                    String.join(" ", java.util.Arrays.copyOf(s.load().split(" "), 3)));
        }
        Side plain = results.stream().filter(s -> s.name().equals("plain")).findFirst().orElse(null);
        Side gateway = results.stream().filter(s -> s.name().equals("gateway")).findFirst().orElse(null);
        if (plain != null && gateway != null) {
            double ratio = gateway.rate() / plain.rate();
            boolean rss = gateway.rssKb() < 512 * 1024;
            System.out.printf(Locale.ROOT, "%nGateway / plain loop: %.2f (target at least 0.50: %s); gateway peak RSS %d MB"
                    + " (target under 512 MB: %s)%n", ratio, ratio >= 0.5 ? "met" : "MISSED", gateway.rssKb() / 1024,
                    rss ? "met" : "MISSED");
        }
    }

    private static int unseen(int port, String user) throws Exception {
        Store store = Session.getInstance(new Properties()).getStore("imap");
        store.connect("127.0.0.1", port, user, BenchDovecot.PASSWORD);
        try {
            Folder inbox = store.getFolder("INBOX");
            return inbox.getUnreadMessageCount();
        } finally {
            store.close();
        }
    }

    private static String dovecotVersion(Path binary) {
        try {
            Process p = new ProcessBuilder(binary.toString(), "--version").start();
            String v = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            p.waitFor();
            return v.split(" ")[0];
        } catch (IOException | InterruptedException e) {
            return "?";
        }
    }

    private static int count(int n, java.util.function.IntPredicate p) {
        int c = 0;
        for (int i = 0; i < n; i++) {
            c += p.test(i) ? 1 : 0;
        }
        return c;
    }

    private static Map<String, String> parse(String[] args) {
        Map<String, String> m = new LinkedHashMap<>();
        for (String arg : args) {
            for (String part : arg.trim().split("\\s+")) {
                int eq = part.indexOf('=');
                if (eq > 0) {
                    m.put(part.substring(0, eq), part.substring(eq + 1));
                }
            }
        }
        return m;
    }
}
