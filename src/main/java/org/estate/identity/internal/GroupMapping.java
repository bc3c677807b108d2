package org.estate.identity.internal;

import java.util.Collection;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.UnaryOperator;

import org.estate.platform.Role;

/**
 * Directory groups to Estate roles and teams, from settings such as
 * {@code ESTATE_LDAP_ROLEGROUPS_ENGINEER=CN=Estate engineers,OU=Groups,DC=council,DC=local}: a key (role
 * or team) to one or more groups separated by {@code ;}. Groups are compared in a canonical form (for
 * LDAP a DN compared without regard to case or spacing; for OpenID Connect the id or name, ignoring case).
 */
final class GroupMapping {

    private final Map<String, Set<String>> keysByGroup = new HashMap<>();
    private final Set<String> keys = new TreeSet<>();

    GroupMapping(Map<String, String> setting, UnaryOperator<String> canonical) {
        setting.forEach((key, groups) -> {
            String k = key.trim().toLowerCase(Locale.ROOT);
            for (String g : groups.split(";")) {
                if (!g.isBlank()) {
                    keysByGroup.computeIfAbsent(canonical.apply(g.trim()), x -> new TreeSet<>()).add(k);
                    keys.add(k);
                }
            }
        });
    }

    /** A role mapping; a key that names no role stops Estate at start with a clear message. */
    static GroupMapping roles(String setting, Map<String, String> values, UnaryOperator<String> canonical) {
        for (String key : values.keySet()) {
            if (Role.fromKey(key).isEmpty()) {
                throw new IllegalStateException(setting + "_" + key.toUpperCase(Locale.ROOT)
                    + " names no role: use VIEWER, REQUESTER, ENGINEER, MANAGER or ADMIN");
            }
        }
        return new GroupMapping(values, canonical);
    }

    boolean isEmpty() {
        return keys.isEmpty();
    }

    /** Every key with a group configured. */
    Set<String> keys() {
        return Set.copyOf(keys);
    }

    /** The keys whose groups are among these (already canonical) groups. */
    Set<String> keysFor(Collection<String> canonicalGroups) {
        Set<String> found = new LinkedHashSet<>();
        for (String g : canonicalGroups) {
            found.addAll(keysByGroup.getOrDefault(g, Set.of()));
        }
        return found;
    }

    /**
     * The roles of a person in these groups. Requester stands apart from the staff roles (see
     * UserService): someone in both kinds of group gets the staff roles only.
     */
    Set<Role> rolesFor(Collection<String> canonicalGroups) {
        Set<Role> roles = EnumSet.noneOf(Role.class);
        keysFor(canonicalGroups).forEach(k -> Role.fromKey(k).ifPresent(roles::add));
        if (roles.size() > 1) {
            roles.remove(Role.REQUESTER);
        }
        return roles;
    }
}
