package org.estate.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.EOFException;
import java.net.ConnectException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.dao.TransientDataAccessResourceException;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.security.authentication.InternalAuthenticationServiceException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.TransactionSystemException;

/** Every way "the database cannot be reached" reaches Estate is told apart from other failures. */
@Tag("unit")
class DatabaseUnavailableTests {

    @Test
    void everyWordingOfAnUnreachableDatabaseIsRecognised() {
        SQLTransientConnectionException poolTimeout = new SQLTransientConnectionException(
            "HikariPool-1 - Connection is not available, request timed out after 5000ms", "08001",
            new ConnectException("Connection refused"));
        assertThat(DatabaseUnavailable.isCauseOf(new CannotGetJdbcConnectionException("Failed to obtain JDBC Connection", poolTimeout))).isTrue();
        assertThat(DatabaseUnavailable.isCauseOf(new CannotCreateTransactionException("Could not open JDBC Connection for transaction", poolTimeout))).isTrue();
        assertThat(DatabaseUnavailable.isCauseOf(new DataAccessResourceFailureException("JDBC commit", new SQLException("I/O error", "08006", new EOFException())))).isTrue();
        assertThat(DatabaseUnavailable.isCauseOf(new TransientDataAccessResourceException("socket"))).isTrue();
        assertThat(DatabaseUnavailable.isCauseOf(new SQLException("An I/O error occurred while sending to the backend", "08006"))).isTrue();
        // Wrapped by the password check of a sign-in.
        assertThat(DatabaseUnavailable.isCauseOf(new InternalAuthenticationServiceException("Could not open JDBC Connection",
            new CannotCreateTransactionException("Could not open JDBC Connection for transaction", poolTimeout)))).isTrue();
        // A commit that lost its connection, hidden behind the rollback that failed after it.
        TransactionSystemException rollbackFailed = new TransactionSystemException("JDBC rollback failed", new SQLException("Connection is closed"));
        rollbackFailed.initApplicationException(new DataAccessResourceFailureException("JDBC commit", new SQLException("I/O error", "08006")));
        assertThat(DatabaseUnavailable.isCauseOf(rollbackFailed)).isTrue();
        // ... and as Spring throws it after a failed commit: the commit's exception only logged, not attached
        // (seen in DatabaseOutageIT as a 500 on a PATCH at the moment of the cut).
        assertThat(DatabaseUnavailable.isCauseOf(new TransactionSystemException("JDBC rollback failed", new SQLException("Connection is closed")))).isTrue();
    }

    @Test
    void otherFailuresAreNotAnOutage() {
        assertThat(DatabaseUnavailable.isCauseOf(new DuplicateKeyException("duplicate"))).isFalse();
        assertThat(DatabaseUnavailable.isCauseOf(new DataIntegrityViolationException("too long", new SQLException("value too long", "22001")))).isFalse();
        assertThat(DatabaseUnavailable.isCauseOf(new IllegalStateException("bug"))).isFalse();
        // A commit refused by a constraint checked at commit carries its SQLSTATE: not an outage.
        assertThat(DatabaseUnavailable.isCauseOf(new TransactionSystemException("JDBC commit failed", new SQLException("deferred key", "23503")))).isFalse();
        assertThat(DatabaseUnavailable.isCauseOf(null)).isFalse();
    }
}
