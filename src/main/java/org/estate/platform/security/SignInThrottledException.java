package org.estate.platform.security;

import java.time.Instant;

import org.springframework.security.authentication.LockedException;

/** Password sign-in for this account from this source is refused until {@link #until()}. */
final class SignInThrottledException extends LockedException {

    private final transient Instant until;

    SignInThrottledException(Instant until) {
        super("Too many wrong passwords for this account from this address");
        this.until = until;
    }

    Instant until() {
        return until;
    }
}
