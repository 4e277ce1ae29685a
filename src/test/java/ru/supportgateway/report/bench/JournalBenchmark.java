package ru.supportgateway.report.bench;

import java.io.OutputStream;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Supplier;

import javax.sql.DataSource;

import org.flywaydb.core.Flyway;
import org.slf4j.LoggerFactory;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.transaction.support.TransactionTemplate;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;

import ru.supportgateway.SupportGatewayApplication;
import ru.supportgateway.journal.JournalQueries;
import ru.supportgateway.journal.RequestFilter;
import ru.supportgateway.report.JournalPdf;
import ru.supportgateway.report.JournalRows;
import ru.supportgateway.report.JournalXlsx;
import ru.supportgateway.operator.Operator;
import ru.supportgateway.operator.OperatorRepository;
import ru.supportgateway.operator.Role;
import ru.supportgateway.report.MonthlyJournal;

/**
 * The journal at volume: fills a database of its own ({@code sg_bench}) with 1,000,000 requests over five
 * desks and two years (one month of one desk holds 50,000), then times the operators' list filtered by desk
 * and month ({@code GET /api/requests?desk=&from=&to=}, i.e. {@link JournalQueries#search}), the monthly
 * journal of the 50,000-row month as XLSX (and PDF), prints the query plans, and finally starts a gateway on
 * the same database and times the operators' journal page and the JSON list over HTTP.
 *
 * <p>Run: {@code ./mvnw -B -Pbench-journal test} (unit tests are skipped). Options, as
 * {@code -Djournal.bench.args="rows=1000000 runs=50 db=sg_bench regenerate=false"}. The data is generated
 * once and reused by later runs unless {@code regenerate=true} or the row count differs.
 */
public final class JournalBenchmark {

    static final String SERVER = System.getenv().getOrDefault("TEST_PG_URL", "jdbc:postgresql://127.0.0.1:5432/");
    /** Desk, zone and share of the requests, like the presets. */
    static final String[][] DESKS = {
            {"dnevnik", "Europe/Moscow", "0.35"}, {"portal", "Europe/Moscow", "0.25"},
            {"sc", "Asia/Yekaterinburg", "0.20"}, {"feedback", "Asia/Yekaterinburg", "0.12"},
            {"ais", "Europe/Moscow", "0.08"}};
    static final YearMonth FIRST = YearMonth.of(2024, 11);
    static final int MONTHS = 24;
    /** The month of one desk that holds 50,000 requests (a system outage month). */
    static final String BIG_DESK = "sc";
    static final YearMonth BIG_MONTH = YearMonth.of(2025, 9);
    static final int BIG_ROWS = 50_000;

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    public static void main(String[] args) throws Exception {
        ((ch.qos.logback.classic.Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME))
                .setLevel(ch.qos.logback.classic.Level.WARN);
        Map<String, String> opt = options(args);
        int rows = Integer.parseInt(opt.getOrDefault("rows", "1000000"));
        int runs = Integer.parseInt(opt.getOrDefault("runs", "50"));
        String db = opt.getOrDefault("db", "sg_bench");
        boolean regenerate = Boolean.parseBoolean(opt.getOrDefault("regenerate", "false"));

        createDatabase(db);
        HikariConfig hc = new HikariConfig();
        hc.setJdbcUrl(SERVER + db);
        hc.setUsername("postgres");
        hc.setPassword("");
        hc.setMaximumPoolSize(4);
        try (HikariDataSource ds = new HikariDataSource(hc)) {
            // out of order: the bench database is kept between runs, and migrations of parallel branches
            // (V4, V6, ...) may land after V7 has been applied here.
            Flyway.configure().dataSource(ds).locations("classpath:db/migration").outOfOrder(true).load().migrate();
            JdbcClient jdbc = JdbcClient.create(ds);
            long have = jdbc.sql("SELECT count(*) FROM request").query(Long.class).single();
            if (regenerate || have != rows) {
                generate(ds, rows);
            } else {
                System.out.printf("Using the %,d requests already in %s (regenerate=true to make them anew)%n", have, db);
            }
            measureList(ds, runs);
            measureMonthFiles(ds);
            explain(ds);
        }
        measureHttp(db, runs);
    }

    // --- data ------------------------------------------------------------------------------------

    static void generate(DataSource ds, int rows) throws SQLException {
        long t0 = System.nanoTime();
        try (Connection c = ds.getConnection(); Statement st = c.createStatement()) {
            st.execute("SET maintenance_work_mem = '512MB'");
            st.execute("TRUNCATE request, request_event, request_number_seq, journal_report RESTART IDENTITY CASCADE");
            // Secondary indexes are dropped for the load and built again afterwards: much faster than
            // maintaining them row by row (the trigram index above all). Their definitions are read back
            // from the catalogue, so the benchmark builds whatever the migrations define.
            List<String> indexes = new ArrayList<>();
            try (ResultSet rs = st.executeQuery("""
                    SELECT i.indexname, i.indexdef FROM pg_indexes i
                     WHERE i.tablename = 'request' AND NOT EXISTS (
                           SELECT 1 FROM pg_constraint k WHERE k.conname = i.indexname)""")) {
                while (rs.next()) {
                    indexes.add(rs.getString(2));
                    st.getConnection().createStatement().execute("DROP INDEX " + rs.getString(1));
                }
            }
            int spread = rows - BIG_ROWS;
            st.execute(insert(spread, false));
            st.execute(insert(BIG_ROWS, true));
            long loaded = System.nanoTime();
            System.out.printf("Loaded %,d requests in %.1f s; building %d indexes%n", rows, (loaded - t0) / 1e9, indexes.size());
            for (String ddl : indexes) {
                st.execute(ddl);
            }
            st.execute("""
                    INSERT INTO request_number_seq (desk_id, year, last_no)
                    SELECT desk_id, seq_year, max(seq_no) FROM request GROUP BY desk_id, seq_year""");
            st.execute("VACUUM ANALYZE request");
            System.out.printf("Indexes built and analysed in %.1f s%n", (System.nanoTime() - loaded) / 1e9);
        }
    }

    /**
     * One INSERT ... SELECT over generate_series: desks by share, days over two years (fewer at weekends),
     * times in working hours, Russian subjects, schools and names, emails and phones, and a status history
     * that is mostly finished for old requests.
     */
    static String insert(int n, boolean big) {
        StringBuilder deskCase = new StringBuilder("CASE");
        double cumulative = 0;
        for (String[] d : DESKS) {
            cumulative += Double.parseDouble(d[2]);
            deskCase.append(String.format(Locale.ROOT, " WHEN u.r_desk < %.4f THEN '%s'", cumulative, d[0]));
        }
        deskCase.append(" ELSE 'ais' END");
        String zoneCase = "CASE d.desk " + Arrays.stream(DESKS).map(d -> "WHEN '" + d[0] + "' THEN '" + d[1] + "' ")
                .reduce("", String::concat) + "END";
        String desk = big ? "'" + BIG_DESK + "'" : deskCase.toString();
        // The big month gets exactly its 50,000 rows: the spread leaves it out.
        String outsideBigMonth = "NOT (d.desk = '" + BIG_DESK + "' AND d.day >= DATE '" + BIG_MONTH.atDay(1)
                + "' AND d.day < DATE '" + BIG_MONTH.plusMonths(1).atDay(1) + "')";
        String day = big
                ? "DATE '" + BIG_MONTH.atDay(1) + "' + floor(u.r_day * " + BIG_MONTH.lengthOfMonth() + ")::int"
                : "DATE '" + FIRST.atDay(1) + "' + floor(u.r_day * " + (FIRST.plusMonths(MONTHS).atDay(1).toEpochDay()
                        - FIRST.atDay(1).toEpochDay()) + ")::int";
        return """
                WITH u AS (
                    SELECT g, random() AS r_desk, random() AS r_day, random() AS r_time, random() AS r_weekend,
                           random() AS r_kind, random() AS r_status, random() AS r_fix, random() AS r_text
                      FROM generate_series(1, %d * 3 / 2) g),
                d AS (
                    SELECT u.*, %s AS desk, (%s) AS day FROM u),
                t AS (
                    SELECT d.*,
                           -- weekends keep a fifth of their requests (email only); weekdays 08:00-18:00 local
                           ((d.day + time '08:00' + (d.r_time * interval '10 hours')) AT TIME ZONE (%s)) AS at
                      FROM d
                     WHERE (extract(isodow FROM d.day) < 6 OR d.r_weekend < 0.2) AND %s
                     LIMIT %d),
                s AS (
                    SELECT t.*,
                           extract(year FROM t.at AT TIME ZONE (%s))::int AS year,
                           CASE WHEN t.r_kind < 0.6 THEN 'EMAIL' WHEN t.r_kind < 0.85 THEN 'PHONE'
                                WHEN t.r_kind < 0.93 THEN 'VOICEMAIL' ELSE 'MISSED_CALL' END AS channel,
                           CASE WHEN t.r_status < 0.55 THEN 'CLOSED' WHEN t.r_status < 0.85 THEN 'RESOLVED'
                                WHEN t.r_status < 0.93 THEN 'IN_PROGRESS' WHEN t.r_status < 0.97 THEN 'AWAITING_FEEDBACK'
                                ELSE 'PASSED_TO_DEVELOPER' END AS status
                      FROM t)
                INSERT INTO request (number, desk_id, seq_year, seq_no, channel, type, status, subject, description,
                                     organisation, person, additional_info, note, contact_email, contact_phone,
                                     received_at, registered_at, due_at, resolved_at, created_at, updated_at)
                SELECT upper(s.desk) || '-' || s.year || '-' || lpad(seq::text, 6, '0'), s.desk, s.year, seq, s.channel,
                       CASE WHEN s.r_text < 0.85 THEN 'SUPPORT' WHEN s.r_text < 0.95 THEN 'ERROR' ELSE 'IMPROVEMENT' END,
                       s.status,
                       (ARRAY['Не открывается электронный дневник', 'Не приходят оценки в дневник', 'Сброс пароля',
                              'Ошибка при входе через Госуслуги', 'Не формируется отчёт по успеваемости',
                              'Не отображается расписание уроков', 'Вопрос по зачислению в первый класс',
                              'Не работает оплата питания', 'Дублируется ученик в классе', 'Перевод ученика в другую школу',
                              'Не загружается домашнее задание', 'Очередь в детский сад'])[1 + (s.g %% 12)],
                       (ARRAY['При входе появляется ошибка 500, пробовали разные браузеры.',
                              'Родители не видят оценки за последнюю неделю.',
                              'Учитель не может выставить итоговые отметки за четверть.',
                              'Просим восстановить доступ классного руководителя.',
                              'После обновления страница открывается пустой.',
                              'Не приходит письмо для подтверждения почты.'])[1 + (s.g %% 6)]
                           || ' ' || (ARRAY['Срочно.', 'Спасибо.', 'Скриншот во вложении.', '', 'Звонили дважды.'])[1 + (s.g %% 5)],
                       'МАОУ СОШ № ' || (1 + s.g %% 97) || ' ' ||
                           (ARRAY['г. Тюмени', 'г. Тобольска', 'г. Ишима', 'г. Москвы', 'г. Подольска', 'г. Нижнего Новгорода'])[1 + (s.g %% 6)],
                       (ARRAY['Иванова', 'Петрова', 'Смирнова', 'Кузнецова', 'Попова', 'Соколова', 'Лебедева', 'Новикова'])[1 + (s.g %% 8)]
                           || ' ' || (ARRAY['Анна', 'Мария', 'Ольга', 'Елена', 'Татьяна', 'Наталья', 'Ирина'])[1 + (s.g %% 7)]
                           || ' ' || (ARRAY['Сергеевна', 'Ивановна', 'Петровна', 'Александровна', 'Викторовна'])[1 + (s.g %% 5)],
                       CASE WHEN s.g %% 4 = 0 THEN 'Классный руководитель ' || (1 + s.g %% 11) || ' класса' END,
                       CASE WHEN s.status IN ('RESOLVED', 'CLOSED') AND s.g %% 3 = 0 THEN 'Решено по телефону' END,
                       CASE WHEN s.channel = 'EMAIL' THEN 'parent' || s.g || '@' ||
                           (ARRAY['mail.ru', 'yandex.ru', 'gmail.com', 'school.example.ru'])[1 + (s.g %% 4)] END,
                       CASE WHEN s.channel <> 'EMAIL' THEN '+7 (9' || lpad((s.g %% 100)::text, 2, '0') || ') '
                           || lpad((s.g %% 1000)::text, 3, '0') || '-' || lpad((s.g %% 100)::text, 2, '0') || '-'
                           || lpad(((s.g / 100) %% 100)::text, 2, '0') END,
                       s.at, s.at, s.at + interval '3 days',
                       CASE WHEN s.status IN ('RESOLVED', 'CLOSED') THEN s.at + s.r_fix * interval '72 hours' END,
                       s.at, s.at
                  FROM (SELECT s.*, coalesce(taken.last_no, 0)
                               + row_number() OVER (PARTITION BY s.desk, s.year ORDER BY s.at, s.g) AS seq
                          FROM s LEFT JOIN (SELECT desk_id, seq_year, max(seq_no) AS last_no FROM request
                                             GROUP BY desk_id, seq_year) taken
                                 ON taken.desk_id = s.desk AND taken.seq_year = s.year) s
                """.formatted(n, desk, day, zoneCase, big ? "true" : outsideBigMonth, n, zoneCase.replace("d.desk", "t.desk"));
    }

    // --- measurements ----------------------------------------------------------------------------

    /** The list as GET /api/requests?desk=&from=&to= runs it: first page of 20, newest first, with the total. */
    static void measureList(DataSource ds, int runs) {
        JournalQueries queries = new JournalQueries(JdbcClient.create(ds), new ObjectMapper());
        SplittableRandom random = new SplittableRandom(42);
        for (int i = 0; i < 5; i++) { // warm-up: JIT, connection pool, PostgreSQL's buffers
            queries.search(filter(randomMonth(random), null), 0, 20);
        }
        report("list, desk + month, page 1 (supervisor)", runs, () -> {
            MonthlyJournal m = randomMonth(random);
            return queries.search(filter(m, null), 0, 20).page().totalElements();
        });
        report("list, desk + month, page 1 (administrator)", runs, () -> {
            MonthlyJournal m = randomMonth(random);
            return queries.search(new RequestFilter(null, m.deskId(), null, null, null, m.from(), m.before(), null), 0, 20)
                    .page().totalElements();
        });
        report("list, desk + month, page 20", runs, () -> {
            MonthlyJournal m = randomMonth(random);
            return queries.search(filter(m, null), 19, 20).page().totalElements();
        });
        report("list, desk + month + q=дневник", runs, () -> {
            MonthlyJournal m = randomMonth(random);
            return queries.search(filter(m, "дневник"), 0, 20).page().totalElements();
        });
        report("list, desk + month + q=(912) (phone search)", runs, () -> {
            MonthlyJournal m = randomMonth(random);
            return queries.search(filter(m, "(912)"), 0, 20).page().totalElements();
        });
        MonthlyJournal big = journal(BIG_DESK, BIG_MONTH);
        report("list, the 50,000-row month, page 1", runs, () -> queries.search(filter(big, null), 0, 20).page().totalElements());
    }

    static void measureMonthFiles(DataSource ds) {
        TransactionTemplate tx = new TransactionTemplate(new DataSourceTransactionManager(ds));
        tx.setReadOnly(true);
        JournalRows rows = new JournalRows(ds);
        MonthlyJournal big = journal(BIG_DESK, BIG_MONTH);
        Instant now = Clock.systemUTC().instant();
        for (int i = 0; i < 2; i++) {
            long t = System.nanoTime();
            long[] chars = {0};
            long n = tx.execute(s -> rows.of(big).each(r -> chars[0] += r.description().length()));
            System.out.printf("Reading the rows of %s %s only: %,d rows in %,d ms%n", big.deskId(), big.month(), n,
                    (System.nanoTime() - t) / 1_000_000);
        }
        CountingStream xlsxOut = new CountingStream();
        for (int i = 0; i < 3; i++) {
            Runtime.getRuntime().gc();
            long t = System.nanoTime();
            long cpu = THREADS.getCurrentThreadCpuTime();
            xlsxOut.count = 0;
            long n = tx.execute(s -> new JournalXlsx().write(big, now, rows.of(big), xlsxOut));
            System.out.printf("XLSX of %s %s: %,d rows in %,d ms (CPU of this thread %,d ms), %,d bytes (run %d%s)%n",
                    big.deskId(), big.month(), n, (System.nanoTime() - t) / 1_000_000,
                    (THREADS.getCurrentThreadCpuTime() - cpu) / 1_000_000, xlsxOut.count, i + 1,
                    i == 0 ? ", cold JVM: POI's classes and schemas load" : "");
        }
        CountingStream pdfOut = new CountingStream();
        long t = System.nanoTime();
        long cpu = THREADS.getCurrentThreadCpuTime();
        long n = tx.execute(s -> new JournalPdf().write(big, now, rows.of(big), pdfOut));
        System.out.printf("PDF of %s %s: %,d rows in %,d ms (CPU of this thread %,d ms), %,d bytes%n", big.deskId(),
                big.month(), n, (System.nanoTime() - t) / 1_000_000, (THREADS.getCurrentThreadCpuTime() - cpu) / 1_000_000,
                pdfOut.count);
        System.out.printf("Machine: %d cores, load average %.1f%n", Runtime.getRuntime().availableProcessors(),
                ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        System.out.printf("Heap limit of this JVM: %,d MB%n", Runtime.getRuntime().maxMemory() / 1024 / 1024);
    }

    /** The plans of the list's two statements for a typical month and the big one. */
    static void explain(DataSource ds) throws SQLException {
        MonthlyJournal m = journal("portal", YearMonth.of(2026, 3));
        try (Connection c = ds.getConnection(); Statement st = c.createStatement()) {
            for (MonthlyJournal j : List.of(m, journal(BIG_DESK, BIG_MONTH))) {
                String where = "WHERE desk_id IN ('" + j.deskId() + "') AND desk_id = '" + j.deskId() + "' AND registered_at >= '"
                        + j.from() + "' AND registered_at < '" + j.before() + "'";
                for (String sql : List.of("SELECT count(*) FROM request " + where,
                        "SELECT * FROM request " + where + " ORDER BY registered_at DESC, id DESC LIMIT 20 OFFSET 0",
                        "SELECT count(*) FROM request " + where + " AND search_text LIKE '%дневник%'")) {
                    System.out.println("\nEXPLAIN ANALYZE " + sql);
                    try (ResultSet rs = st.executeQuery("EXPLAIN (ANALYZE, BUFFERS) " + sql)) {
                        while (rs.next()) {
                            System.out.println("  " + rs.getString(1));
                        }
                    }
                }
            }
        }
    }

    /**
     * The operators' journal page ({@code GET /journal?desk=&from=&to=}, 50 rows, rendered by Thymeleaf) and
     * the JSON list over HTTP, as a supervisor logged in with the form (one session, so BCrypt is paid once):
     * a whole gateway on the bench database, with its routes off so nothing else runs.
     */
    static void measureHttp(String db, int runs) throws Exception {
        ConfigurableApplicationContext app = new SpringApplicationBuilder(SupportGatewayApplication.class).run(
                "--spring.datasource.url=" + SERVER + db, "--server.port=0", "--GATEWAY_ADMIN_PASSWORD=bench-admin",
                "--camel.main.routes-include-pattern=file:routes/none-*.yaml", "--gateway.reports.auto=false",
                "--gateway.demo.enabled=false", "--gateway.agi.port=0", "--spring.flyway.out-of-order=true",
                "--logging.level.root=WARN");
        try {
            int port = app.getEnvironment().getRequiredProperty("local.server.port", Integer.class);
            String user = "bench-supervisor";
            app.getBean(OperatorRepository.class).createIfAbsent(new Operator(user, "Супервизор бенчмарка", Role.SUPERVISOR,
                    true, Arrays.stream(DESKS).map(d -> d[0]).collect(java.util.stream.Collectors.toSet())),
                    app.getBean(PasswordEncoder.class).encode("bench-password"));
            HttpClient http = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();
            String base = "http://127.0.0.1:" + port;
            login(http, base, user, "bench-password");
            SplittableRandom random = new SplittableRandom(7);
            for (int i = 0; i < 30; i++) { // warm-up: JIT of Thymeleaf and the web stack
                get(http, base + pageUrl("/journal", randomMonth(random)));
                get(http, base + pageUrl("/api/requests", randomMonth(random)));
            }
            report("HTTP /journal page, desk + month (50 rows)", runs, () -> get(http, base + pageUrl("/journal", randomMonth(random))));
            report("HTTP /api/requests, desk + month (20 rows)", runs,
                    () -> get(http, base + pageUrl("/api/requests", randomMonth(random))));
            report("HTTP /journal page, the 50,000-row month", runs,
                    () -> get(http, base + pageUrl("/journal", journal(BIG_DESK, BIG_MONTH))));
        } finally {
            app.close();
        }
    }

    static String pageUrl(String path, MonthlyJournal m) {
        return path + "?desk=" + m.deskId() + "&from=" + m.month().atDay(1) + "&to=" + m.month().atEndOfMonth();
    }

    static void login(HttpClient http, String base, String user, String password) throws Exception {
        String form = http.send(HttpRequest.newBuilder(URI.create(base + "/login")).build(), BodyHandlers.ofString()).body();
        java.util.regex.Matcher csrf = java.util.regex.Pattern.compile("name=\"_csrf\"[^>]*value=\"([^\"]+)\"").matcher(form);
        if (!csrf.find()) {
            throw new IllegalStateException("No CSRF token on the login page");
        }
        String body = "username=" + user + "&password=" + password + "&_csrf=" + URLEncoder.encode(csrf.group(1), StandardCharsets.UTF_8);
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base + "/login"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), BodyHandlers.ofString());
        if (r.statusCode() != 302 || r.headers().firstValue("Location").orElse("").contains("error")) {
            throw new IllegalStateException("Login failed: " + r.statusCode() + " " + r.headers().map());
        }
    }

    /** One GET; returns the bytes received (the figure printed as "matching rows" is then the average size). */
    static long get(HttpClient http, String url) {
        try {
            HttpResponse<byte[]> r = http.send(HttpRequest.newBuilder(URI.create(url)).build(), BodyHandlers.ofByteArray());
            if (r.statusCode() != 200) {
                throw new IllegalStateException(url + " -> " + r.statusCode());
            }
            return r.body().length;
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static void report(String what, int runs, Supplier<Long> run) {
        long[] ms = new long[runs];
        long rows = 0;
        for (int i = 0; i < runs; i++) {
            long t = System.nanoTime();
            rows += run.get();
            ms[i] = (System.nanoTime() - t) / 1_000;
        }
        Arrays.sort(ms);
        System.out.printf("%-45s median %6.1f ms, p95 %6.1f ms, max %6.1f ms (%d runs, %,d %s on average)%n",
                what, ms[runs / 2] / 1000.0, ms[(int) Math.ceil(runs * 0.95) - 1] / 1000.0, ms[runs - 1] / 1000.0, runs,
                rows / runs, what.startsWith("HTTP") ? "bytes" : "matching rows");
    }

    static RequestFilter filter(MonthlyJournal m, String q) {
        // A supervisor of the desk: the API adds the reader's desks to the filter.
        return new RequestFilter(java.util.Set.of(m.deskId()), m.deskId(), null, null, null, m.from(), m.before(), q);
    }

    static MonthlyJournal randomMonth(SplittableRandom random) {
        String[] d = DESKS[random.nextInt(DESKS.length)];
        return journal(d[0], FIRST.plusMonths(random.nextInt(MONTHS)));
    }

    static MonthlyJournal journal(String desk, YearMonth month) {
        String zone = Arrays.stream(DESKS).filter(d -> d[0].equals(desk)).findFirst().orElseThrow()[1];
        return new MonthlyJournal(desk, "Служба " + desk, ZoneId.of(zone), month);
    }

    static void createDatabase(String db) throws SQLException {
        if (!db.matches("[a-z_][a-z0-9_]*")) {
            throw new IllegalArgumentException("db must be a plain lower-case name: " + db);
        }
        try (Connection c = DriverManager.getConnection(SERVER + "postgres", "postgres", "");
             Statement st = c.createStatement()) {
            try (ResultSet rs = st.executeQuery("SELECT 1 FROM pg_database WHERE datname = '" + db + "'")) {
                if (rs.next()) {
                    return;
                }
            }
            st.execute("CREATE DATABASE " + db + " ENCODING 'UTF8' LC_COLLATE 'C.UTF-8' LC_CTYPE 'C.UTF-8' TEMPLATE template0");
        }
    }

    static Map<String, String> options(String[] args) {
        Map<String, String> opt = new LinkedHashMap<>();
        for (String a : args) {
            for (String kv : a.trim().split("\\s+")) {
                int eq = kv.indexOf('=');
                if (eq > 0) {
                    opt.put(kv.substring(0, eq), kv.substring(eq + 1));
                }
            }
        }
        return opt;
    }

    /** Counts the bytes of a file without keeping them. */
    static final class CountingStream extends OutputStream {
        long count;

        @Override
        public void write(int b) {
            count++;
        }

        @Override
        public void write(byte[] b, int off, int len) {
            count += len;
        }
    }
}
