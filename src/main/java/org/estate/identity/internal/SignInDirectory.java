package org.estate.identity.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalLong;

import org.estate.platform.Account;
import org.estate.platform.ApiTokenUse;
import org.estate.platform.AccountDirectory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/** The accounts as platform security sees them: users, their tokens, the login throttle. */
@Component
class SignInDirectory implements AccountDirectory {

    private final UserRepository users;
    private final ApiTokenService tokens;
    private final LoginThrottle throttle;
    private final JdbcClient jdbc;
    private final Clock clock;

    SignInDirectory(UserRepository users, ApiTokenService tokens, LoginThrottle throttle, JdbcClient jdbc, Clock clock) {
        this.users = users;
        this.tokens = tokens;
        this.throttle = throttle;
        this.jdbc = jdbc;
        this.clock = clock;
    }

    @Override
    @Transactional(readOnly = true)
    public Optional<Account> findByUsername(String username) {
        return users.findByUsername(username).map(UserEntity::toAccount);
    }

    @Override
    public Optional<ApiTokenUse> findByApiToken(String rawToken) {
        return tokens.findAccount(rawToken);
    }

    @Override
    public SignInVerdict checkPasswordSignIn(String username, String source) {
        return throttle.check(username, source);
    }

    @Override
    public void recordFailedLogin(String username, String source) {
        throttle.recordFailure(username, source);
    }

    @Override
    @Transactional
    public void recordSuccessfulLogin(String username, String source, boolean hadFailures) {
        if (hadFailures) {
            throttle.recordSuccess(username, source);
        }
        // At most every five minutes: HTTP Basic signs in on every call.
        Instant now = clock.instant();
        users.recordLogin(username, now, now.minus(Duration.ofMinutes(5)));
    }

    // One indexed read per page request of a signed-in user; no transaction of its own.
    @Override
    public OptionalLong sessionEpoch(String username) {
        return jdbc.sql("SELECT session_epoch FROM app_user WHERE username = :username AND enabled = TRUE")
            .param("username", username).query(Long.class).optional()
            .map(OptionalLong::of).orElseGet(OptionalLong::empty);
    }
}
