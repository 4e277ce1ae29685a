package ru.supportgateway.db;

import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientConnectionException;

import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.RecoverableDataAccessException;
import org.springframework.dao.TransientDataAccessResourceException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.TransactionSystemException;

/**
 * Tells a failure of the database itself (server restarting or down, connection cut, pool exhausted) from a
 * failure of the work (bad data, a bug): the first passes and the same work must simply be done again later;
 * the second would fail the same way every time. Looks at the whole cause chain, so a wrapped outage
 * (a Camel exchange failure, a rollback that failed on a dead connection) counts as one.
 */
public final class DatabaseOutage {

    private DatabaseOutage() {
    }

    /**
     * True when the chain holds a connection failure as the driver or the pool reported it: a connection
     * exception class, or SQLState class 08 (connection exception), 57P01-57P03 (server shut down or
     * starting), 53 (insufficient resources); or a rollback or commit that failed on a dead connection. A chain with some other SQLException (e.g. 54000, a statement
     * too large, which Spring also calls a "resource failure") is the work's failure. Without any
     * SQLException, Spring's own outage types decide.
     */
    public static boolean isOutage(Throwable error) {
        boolean sqlSeen = false;
        boolean springSaysOutage = false;
        for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SQLTransientConnectionException   // Hikari: no connection within the timeout
                    || t instanceof SQLNonTransientConnectionException
                    || t instanceof SQLRecoverableException) {
                return true;
            }
            if (t instanceof TransactionSystemException tx) {
                // A rollback (or commit) that failed on a dead connection hides the failure that caused it
                // (often the cut connection itself) as its "application exception", and the pool's own
                // "Connection is closed" carries no SQLState.
                if (tx.getApplicationException() != null && isOutage(tx.getApplicationException())) {
                    return true;
                }
                if (tx.getCause() instanceof SQLException sql && sql.getSQLState() == null) {
                    return true;
                }
            }
            if (t instanceof SQLException sql) {
                sqlSeen = true;
                String state = sql.getSQLState();
                if (state != null && (state.startsWith("08") || state.startsWith("57P0") || state.startsWith("53"))) {
                    return true;
                }
            }
            springSaysOutage |= t instanceof DataAccessResourceFailureException // incl. CannotGetJdbcConnectionException
                    || t instanceof TransientDataAccessResourceException
                    || t instanceof RecoverableDataAccessException
                    || t instanceof CannotCreateTransactionException;
        }
        return !sqlSeen && springSaysOutage;
    }
}
