package ru.supportgateway.db;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.core.env.Environment;

/**
 * Checks, before any bean is created, that the configured PostgreSQL answers. If it does not,
 * the gateway stops with one line that says what to start. If the server answers but the
 * gateway's database does not exist yet, it is created, so a fresh machine needs no manual step.
 */
public class DatabaseReachability implements ApplicationListener<ApplicationEnvironmentPreparedEvent> {

    private static final Logger log = LoggerFactory.getLogger(DatabaseReachability.class);
    private static final String UNDEFINED_DATABASE = "3D000";
    private static final Pattern DB_IN_URL = Pattern.compile("^(jdbc:postgresql://[^/]*/)([^?]+)(.*)$");

    @Override
    public void onApplicationEvent(ApplicationEnvironmentPreparedEvent event) {
        problem(event.getEnvironment()).ifPresent(line -> {
            System.err.println(line);
            System.exit(1);
        });
    }

    /**
     * Connects once to the configured database (creating it when only it is missing).
     *
     * @return the one line to show when PostgreSQL cannot be reached, or empty when it answers
     */
    static Optional<String> problem(Environment env) {
        String url = env.getProperty("spring.datasource.url", "");
        if (!url.startsWith("jdbc:postgresql:")) {
            return Optional.empty();
        }
        Properties props = new Properties();
        props.setProperty("user", env.getProperty("spring.datasource.username", "postgres"));
        props.setProperty("password", env.getProperty("spring.datasource.password", ""));
        props.setProperty("connectTimeout", "5");
        props.setProperty("loginTimeout", "5");
        try (Connection ignored = DriverManager.getConnection(url, props)) {
            return Optional.empty();
        } catch (SQLException e) {
            if (UNDEFINED_DATABASE.equals(e.getSQLState()) && createDatabase(url, props)) {
                return Optional.empty();
            }
            return Optional.of("Support Gateway cannot start: PostgreSQL is not reachable at " + url
                    + " (" + rootMessage(e) + "). Start it (on this machine: pg_ctlcluster --skip-systemctl-redirect"
                    + " $(ls /etc/postgresql) main start; with Docker: docker compose up -d postgres)"
                    + " or point SPRING_DATASOURCE_URL / SPRING_DATASOURCE_USERNAME / SPRING_DATASOURCE_PASSWORD at a running server.");
        }
    }

    private static boolean createDatabase(String url, Properties props) {
        Matcher m = DB_IN_URL.matcher(url);
        if (!m.matches() || !m.group(2).matches("[A-Za-z_][A-Za-z0-9_]*")) {
            return false;
        }
        String maintenance = m.group(1) + "postgres" + m.group(3);
        try (Connection c = DriverManager.getConnection(maintenance, props); Statement st = c.createStatement()) {
            // UTF-8 with a UTF-8 ctype whatever the server default: lower() and search must understand Cyrillic.
            st.execute("CREATE DATABASE " + m.group(2) + " ENCODING 'UTF8' LC_COLLATE 'C.UTF-8' LC_CTYPE 'C.UTF-8' TEMPLATE template0");
            log.info("Created database {} on first start", m.group(2));
            return true;
        } catch (SQLException e) {
            return false;
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null) {
            t = t.getCause();
        }
        return t.getMessage();
    }
}
