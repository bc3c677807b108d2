package org.estate.platform.security;

import org.estate.platform.Account;
import org.springframework.security.oauth2.core.oidc.user.DefaultOidcUser;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;

/** The provider's user with the Estate account made from it; swapped for that account once signed in. */
final class AccountOidcUser extends DefaultOidcUser {

    private final transient Account account;

    AccountOidcUser(Account account, OidcUser user) {
        super(new AccountUserDetails(account).getAuthorities(), user.getIdToken(), user.getUserInfo());
        this.account = account;
    }

    Account account() {
        return account;
    }

    @Override
    public String getName() {
        return account.username();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof AccountOidcUser other && other.account.equals(account) && super.equals(o);
    }

    @Override
    public int hashCode() {
        return account.hashCode();
    }
}
