package ru.supportgateway.testsupport;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.test.context.support.TestPropertySourceUtils;

/**
 * Gives each Spring test context a database of its own on the real PostgreSQL, so test classes
 * and parallel builds never see each other's rows. The databases are dropped when the JVM ends.
 * Server: {@code TEST_PG_URL} (default {@code jdbc:postgresql://127.0.0.1:5432/}), user postgres.
 */
public class FreshDatabase implements ApplicationContextInitializer<ConfigurableApplicationContext> {

    public static final String SERVER = System.getenv().getOrDefault("TEST_PG_URL", "jdbc:postgresql://127.0.0.1:5432/");
    private static final List<String> CREATED = new CopyOnWriteArrayList<>();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> CREATED.forEach(FreshDatabase::drop)));
    }

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        String name = create();
        TestPropertySourceUtils.addInlinedPropertiesToEnvironment(context,
                "spring.datasource.url=" + SERVER + name,
                "spring.datasource.username=postgres",
                "spring.datasource.password=");
    }

    /** Creates an empty database and returns its name. */
    public static String create() {
        String name = "sg_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
        execute("CREATE DATABASE " + name + " ENCODING 'UTF8' LC_COLLATE 'C.UTF-8' LC_CTYPE 'C.UTF-8' TEMPLATE template0");
        CREATED.add(name);
        return name;
    }

    public static String url(String name) {
        return SERVER + name;
    }

    private static void drop(String name) {
        try {
            execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
        } catch (IllegalStateException ignored) {
            // best effort at JVM exit
        }
    }

    private static void execute(String sql) {
        try (Connection c = DriverManager.getConnection(SERVER + "postgres", "postgres", "");
             Statement st = c.createStatement()) {
            st.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("PostgreSQL at " + SERVER + " is needed for the tests: " + e.getMessage(), e);
        }
    }
}
