package ru.supportgateway.faults;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;

import org.junit.jupiter.api.Test;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.TransactionSystemException;

import ru.supportgateway.db.DatabaseOutage;

/** What counts as the database being away (retry the same work later) and what is the work's own failure. */
class DatabaseOutageTest {

    @Test
    void aCutConnectionARestartingServerAndAPoolTimeoutAreOutages() {
        // what the gateway saw in PostgresRestartDuringIntakeTest
        assertThat(DatabaseOutage.isOutage(new DataAccessResourceFailureException("PreparedStatementCallback",
                new SQLException("terminating connection due to administrator command", "57P01")))).isTrue();
        // seen in TelephonyDatabaseOutageTest: the statement failed on a cut connection, then the rollback
        // failed too, with Hikari's "Connection is closed" (no SQLState) as the cause
        TransactionSystemException rollbackFailed = new TransactionSystemException("JDBC rollback failed",
                new SQLException("Connection is closed"));
        assertThat(DatabaseOutage.isOutage(rollbackFailed)).isTrue();
        TransactionSystemException withApplicationFailure = new TransactionSystemException("JDBC rollback failed",
                new SQLException("rollback refused", "25P02"));
        withApplicationFailure.initApplicationException(new DataAccessResourceFailureException("PreparedStatementCallback",
                new SQLException("terminating connection due to administrator command", "57P01")));
        assertThat(DatabaseOutage.isOutage(withApplicationFailure)).isTrue();
        assertThat(DatabaseOutage.isOutage(new CannotGetJdbcConnectionException("Failed to obtain JDBC Connection",
                new SQLTransientConnectionException("faults-a - Connection is not available, request timed out after 1000ms",
                        "08001", new SQLException("database \"x\" is not currently accepting connections", "55000")))))
                .isTrue();
        assertThat(DatabaseOutage.isOutage(new RuntimeException("wrapped by Camel",
                new SQLException("An I/O error occurred while sending to the backend.", "08006")))).isTrue();
        assertThat(DatabaseOutage.isOutage(new CannotCreateTransactionException("Could not open JDBC Connection"))).isTrue();
    }

    @Test
    void badDataAndBugsAreNotOutages() {
        assertThat(DatabaseOutage.isOutage(new DataIntegrityViolationException("duplicate",
                new SQLException("duplicate key value violates unique constraint", "23505")))).isFalse();
        // Spring calls 54000 a resource failure too, but the same statement would fail again
        assertThat(DatabaseOutage.isOutage(new DataAccessResourceFailureException("too big",
                new SQLException("index row size exceeds maximum", "54000")))).isFalse();
        assertThat(DatabaseOutage.isOutage(new SQLException("raised by a trigger: connection lost (test)", "P0001"))).isFalse();
        assertThat(DatabaseOutage.isOutage(new IllegalStateException("a bug"))).isFalse();
        assertThat(DatabaseOutage.isOutage(null)).isFalse();
    }
}
