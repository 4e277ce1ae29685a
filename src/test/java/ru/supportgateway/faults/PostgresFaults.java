package ru.supportgateway.faults;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;

import ru.supportgateway.testsupport.FreshDatabase;

/**
 * Real database faults, done by the PostgreSQL server itself (as superuser, from the maintenance database):
 * every backend of the gateway's database terminated (what the gateway sees when the server restarts or
 * crashes), and new connections refused ({@code ALLOW_CONNECTIONS false}, what it sees while the server
 * is starting up again).
 */
final class PostgresFaults {

    private PostgresFaults() {
    }

    /** Terminates every connection to the database; returns how many there were. */
    static int terminateAll(String database) {
        try (Connection c = maintenance();
             PreparedStatement st = c.prepareStatement("""
                     SELECT count(*) FILTER (WHERE pg_terminate_backend(pid)) FROM pg_stat_activity
                      WHERE datname = ? AND pid <> pg_backend_pid()""")) {
            st.setString(1, database);
            try (ResultSet rs = st.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Refuses (false) or allows (true) new connections to the database. */
    static void allowConnections(String database, boolean allow) {
        try (Connection c = maintenance(); Statement st = c.createStatement()) {
            st.execute("ALTER DATABASE " + database + " ALLOW_CONNECTIONS " + allow);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The database is down: new connections refused, open ones cut. */
    static void down(String database) {
        allowConnections(database, false);
        terminateAll(database);
    }

    static void up(String database) {
        allowConnections(database, true);
    }

    /**
     * Cuts every connection of the database again and again for {@code duration}, every {@code every};
     * with {@code refuseFor} > 0, refuses new connections for that long in the middle of it.
     *
     * @return connections terminated
     */
    static int restartRepeatedly(String database, Duration duration, Duration every, Duration refuseFor)
            throws InterruptedException {
        AtomicInteger killed = new AtomicInteger();
        Instant end = Instant.now().plus(duration);
        Instant refuseFrom = Instant.now().plus(duration.minus(refuseFor).dividedBy(2));
        Instant refuseUntil = refuseFrom.plus(refuseFor);
        boolean refused = false;
        try {
            while (Instant.now().isBefore(end)) {
                Instant now = Instant.now();
                boolean refuse = !refuseFor.isZero() && !now.isBefore(refuseFrom) && now.isBefore(refuseUntil);
                if (refuse != refused) {
                    allowConnections(database, !refuse);
                    refused = refuse;
                }
                killed.addAndGet(terminateAll(database));
                Thread.sleep(every.toMillis()); // the fault's rhythm, not a wait for a result
            }
        } finally {
            allowConnections(database, true);
        }
        return killed.get();
    }

    private static Connection maintenance() throws SQLException {
        return DriverManager.getConnection(FreshDatabase.url("postgres"), "postgres", "");
    }
}
