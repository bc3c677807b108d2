package org.estate.platform.security;

import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;

import org.estate.platform.Account;
import org.estate.platform.AccountDirectory;
import org.estate.platform.DirectorySignIn;
import org.estate.platform.AccountDirectory.SignInVerdict;
import org.estate.platform.Passwords;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.AuthenticationServiceException;
import org.springframework.security.authentication.DisabledException;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.authentication.WebAuthenticationDetails;
import org.springframework.stereotype.Component;

/**
 * Password sign-in (the login form and HTTP Basic) with guessing throttled by source and account
 * (see {@link AccountDirectory#checkPasswordSignIn}). The source is the client's address as the
 * servlet container sees it ({@code request.getRemoteAddr()}); behind a reverse proxy configure
 * {@code server.forward-headers-strategy=native} so that it is the client's, not the proxy's.
 *
 * <p>Attempts for one (account, source) are checked one at a time on each node, so a burst of
 * parallel guesses cannot all pass the check before the first failure is counted: a guesser gets
 * at most the configured number of guesses, plus one per node.
 *
 * <p>When a directory is configured ({@link DirectorySignIn}), a username that is not a local account
 * is checked with the directory, under the same throttle. A local account's password is only ever
 * checked here, and a directory user never signs in with a password kept here.
 */
@Component
class PasswordAuthenticationProvider implements AuthenticationProvider {

    private static final int STRIPES = 1024;

    private final AccountDirectory accounts;
    private final DaoAuthenticationProvider passwords;
    private final ObjectProvider<DirectorySignIn> directory;
    private final ReentrantLock[] stripes = new ReentrantLock[STRIPES];

    PasswordAuthenticationProvider(AccountDirectory accounts, PasswordEncoder encoder, ObjectProvider<DirectorySignIn> directory) {
        this.accounts = accounts;
        this.directory = directory;
        this.passwords = new DaoAuthenticationProvider(username -> accounts.findByUsername(username)
            .filter(Account::local) // a directory user has no password here
            .map(AccountUserDetails::new)
            .orElseThrow(() -> new UsernameNotFoundException("No such user")));
        this.passwords.setPasswordEncoder(encoder);
        for (int i = 0; i < STRIPES; i++) {
            stripes[i] = new ReentrantLock();
        }
    }

    @Override
    public Authentication authenticate(Authentication authentication) {
        String username = authentication.getName() == null ? "" : authentication.getName();
        String source = authentication.getDetails() instanceof WebAuthenticationDetails web && web.getRemoteAddress() != null
            ? web.getRemoteAddress() : "unknown";
        ReentrantLock lock = stripes[Math.floorMod((username + "\n" + source).hashCode(), STRIPES)];
        lock.lock();
        try {
            SignInVerdict verdict = accounts.checkPasswordSignIn(username, source);
            if (verdict.refused()) {
                // Refused without looking at the password: the guesser learns nothing.
                throw new SignInThrottledException(verdict.refusedUntil());
            }
            DirectorySignIn ldap = directory.getIfAvailable();
            if (ldap != null && accounts.findByUsername(username).filter(Account::local).isEmpty()) {
                return directorySignIn(ldap, authentication, username, source, verdict);
            }
            if (authentication.getCredentials() instanceof String password && Passwords.tooLong(password)) {
                // No stored password is longer than bcrypt reads, so this one is wrong.
                accounts.recordFailedLogin(username, source);
                throw new BadCredentialsException("Bad credentials");
            }
            Authentication result;
            try {
                result = passwords.authenticate(authentication);
            } catch (BadCredentialsException e) {
                accounts.recordFailedLogin(username, source);
                throw e;
            }
            accounts.recordSuccessfulLogin(username, source, verdict.failures() > 0);
            return result;
        } finally {
            lock.unlock();
        }
    }

    private Authentication directorySignIn(DirectorySignIn ldap, Authentication authentication, String username, String source,
                                           SignInVerdict verdict) {
        String password = authentication.getCredentials() instanceof String p ? p : "";
        Optional<Account> account;
        try {
            account = password.isEmpty() ? Optional.empty() : ldap.signIn(username, password);
        } catch (DirectorySignIn.DirectoryUnavailableException e) {
            throw new AuthenticationServiceException("The directory is unavailable", e);
        }
        if (account.isEmpty()) {
            accounts.recordFailedLogin(username, source);
            throw new BadCredentialsException("Bad credentials");
        }
        if (!account.get().enabled()) {
            throw new DisabledException("User is disabled"); // as for a local user: the same "wrong" to the person
        }
        accounts.recordSuccessfulLogin(username, source, verdict.failures() > 0);
        AccountUserDetails user = new AccountUserDetails(account.get());
        UsernamePasswordAuthenticationToken result = UsernamePasswordAuthenticationToken.authenticated(user, null, user.getAuthorities());
        result.setDetails(authentication.getDetails());
        return result;
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
    }
}
