package org.estate.identity.internal;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.estate.platform.Account;
import org.estate.platform.OidcProperties;
import org.estate.platform.OidcSignIn;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The Estate user of a person an OpenID Connect provider has signed in: the username from
 * {@code ESTATE_OIDC_USERNAME_CLAIM}, email from {@code email}, name from {@code name}, and roles and
 * teams from the groups claim ({@code ESTATE_OIDC_GROUPS_CLAIM}) and the app roles ({@code roles}).
 */
@Component
class OidcAccounts implements OidcSignIn {

    private static final Logger log = LoggerFactory.getLogger(OidcAccounts.class);

    private final OidcProperties settings;
    private final DirectoryUsers users;
    private final GroupMapping roles;
    private final GroupMapping teams;

    OidcAccounts(OidcProperties settings, DirectoryUsers users) {
        this.settings = settings;
        this.users = users;
        this.roles = GroupMapping.roles("ESTATE_OIDC_ROLEGROUPS", settings.rolegroups(), OidcAccounts::canonical);
        this.teams = new GroupMapping(settings.teamgroups(), OidcAccounts::canonical);
        if (settings.configured() && roles.isEmpty()) {
            log.warn("No ESTATE_OIDC_ROLEGROUPS_<ROLE> is set: no one can sign in with {}", settings.name());
        }
    }

    @Override
    public Optional<Account> signIn(Map<String, Object> claims) {
        Optional<String> username = DirectoryUsers.username(text(claims.get(settings.usernameClaim())));
        if (username.isEmpty()) {
            log.warn("OpenID Connect sign-in refused: the claim {} is missing or no usable username", settings.usernameClaim());
            return Optional.empty();
        }
        Set<String> groups = new LinkedHashSet<>();
        addAll(groups, claims.get(settings.groupsClaim()));
        addAll(groups, claims.get("roles"));
        return users.signedInRetrying(new DirectoryUsers.Person("oidc", username.get(), text(claims.get("name")), text(claims.get("email")),
            roles.rolesFor(groups), teams.keysFor(groups), teams.keys()))
            .filter(Account::enabled);
    }

    private static void addAll(Set<String> into, Object claim) {
        if (claim instanceof Collection<?> values) {
            values.forEach(v -> {
                if (v != null) {
                    into.add(canonical(v.toString()));
                }
            });
        } else if (claim instanceof String value) {
            into.add(canonical(value));
        }
    }

    private static String text(Object claim) {
        return claim == null ? null : claim.toString();
    }

    static String canonical(String group) {
        return group.trim().toLowerCase(Locale.ROOT);
    }
}
