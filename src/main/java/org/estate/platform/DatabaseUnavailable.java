package org.estate.platform;

import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientConnectionException;

import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.TransientDataAccessResourceException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.TransactionSystemException;

/**
 * Tells "the database cannot be reached" apart from every other failure, so that it is answered
 * 503 (API, pages, health) and logged once by background jobs, never as a 500 with a stack trace.
 * Spring and the drivers say it in many ways (no connection from the pool within its timeout, a
 * socket closed under a query, a transaction that cannot begin, SQLSTATE class 08), often wrapped
 * in other exceptions, so the whole cause chain is looked at.
 */
public final class DatabaseUnavailable {

    private DatabaseUnavailable() {
    }

    /** True when {@code failure} or one of its causes says that the database cannot be reached. */
    public static boolean isCauseOf(Throwable failure) {
        return isCauseOf(failure, 0);
    }

    private static boolean isCauseOf(Throwable failure, int depth) {
        for (Throwable t = failure; t != null && depth < 20; t = t.getCause(), depth++) {
            if (t instanceof DataAccessResourceFailureException // includes CannotGetJdbcConnectionException
                || t instanceof TransientDataAccessResourceException
                || t instanceof CannotCreateTransactionException
                || t instanceof SQLTransientConnectionException // the pool's "no connection within the timeout"
                || t instanceof SQLNonTransientConnectionException
                || t instanceof SQLRecoverableException) {
                return true;
            }
            if (t instanceof SQLException sql && sql.getSQLState() != null && sql.getSQLState().startsWith("08")) {
                return true; // SQLSTATE class 08: connection exception
            }
            // A commit that lost its connection is followed by a rollback that fails too ("connection is
            // closed"): the rollback's exception then hides the first one, which says what happened.
            if (t instanceof TransactionSystemException tse && tse.getApplicationException() != null
                && isCauseOf(tse.getApplicationException(), depth + 1)) {
                return true;
            }
            // A commit whose connection broke, then a rollback on the closed connection: Spring logs the
            // commit's exception and throws only "JDBC rollback failed" caused by "Connection is closed"
            // (an SQLException with no SQLSTATE). A constraint failing at commit carries its own state.
            if (t instanceof TransactionSystemException && t.getCause() instanceof SQLException sql
                && (sql.getSQLState() == null || sql.getSQLState().startsWith("08"))) {
                return true;
            }
        }
        return false;
    }
}
