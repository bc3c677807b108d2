package org.estate.platform.security;

import java.time.Clock;

import org.estate.platform.AccountDirectory;
import org.springframework.context.event.EventListener;
import org.springframework.security.authentication.event.AuthenticationFailureBadCredentialsEvent;
import org.springframework.security.authentication.event.AuthenticationSuccessEvent;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.stereotype.Component;

/**
 * Password sign-in (form and HTTP Basic) against the account directory. Failed passwords are
 * counted, and the directory locks an account after too many in a row.
 */
@Component
class AccountUserDetailsService implements UserDetailsService {

    private final AccountDirectory accounts;
    private final Clock clock;

    AccountUserDetailsService(AccountDirectory accounts, Clock clock) {
        this.accounts = accounts;
        this.clock = clock;
    }

    @Override
    public UserDetails loadUserByUsername(String username) {
        return accounts.findByUsername(username)
            .map(a -> new AccountUserDetails(a, clock.instant()))
            .orElseThrow(() -> new UsernameNotFoundException("No such user"));
    }

    @EventListener
    void onFailure(AuthenticationFailureBadCredentialsEvent event) {
        accounts.recordFailedLogin(event.getAuthentication().getName());
    }

    @EventListener
    void onSuccess(AuthenticationSuccessEvent event) {
        if (event.getAuthentication().getPrincipal() instanceof AccountUserDetails user) {
            accounts.recordSuccessfulLogin(user.getUsername());
        }
    }
}
