package org.estate.identity.internal;

import java.time.Instant;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import org.estate.identity.UserView;
import org.estate.platform.Account;
import org.estate.platform.Role;
import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.Version;
import org.springframework.data.relational.core.mapping.Table;

/** The user aggregate. Roles are kept as a comma-separated list of role keys. */
@Table("app_user")
class UserEntity {
    @Id
    Long id;
    String username;
    String displayName;
    String email;
    String passwordHash;
    String roles;
    boolean enabled = true;
    /** Bumped with every change of status, roles or password; older browser sessions end. */
    long sessionEpoch;
    Instant lastLoginAt;
    /** {@code local}, {@code ldap} or {@code oidc}: where the user signs in (see V27). */
    String source = Account.LOCAL;
    Instant createdAt;
    @Version
    Long version;

    Set<Role> roleSet() {
        if (roles == null || roles.isBlank()) {
            return Set.of();
        }
        return Arrays.stream(roles.split(",")).map(Role::fromKey).flatMap(java.util.Optional::stream)
            .collect(Collectors.toCollection(() -> EnumSet.noneOf(Role.class)));
    }

    static String rolesText(Set<Role> roles) {
        return roles.stream().sorted().map(Role::key).collect(Collectors.joining(","));
    }

    Account toAccount() {
        return new Account(id, username, displayName, passwordHash, roleSet(), enabled, sessionEpoch, source);
    }

    UserView toView(boolean throttled) {
        List<String> roleKeys = roleSet().stream().sorted().map(Role::key).toList();
        return new UserView(id, username, displayName, email, roleKeys, enabled,
            throttled, lastLoginAt, createdAt, version == null ? 0 : version, source);
    }
}
