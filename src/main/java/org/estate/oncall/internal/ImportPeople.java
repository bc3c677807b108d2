package org.estate.oncall.internal;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.estate.identity.UserView;
import org.estate.identity.Users;
import org.estate.platform.Paging;

/** Source user references (email, user name, PagerDuty id) resolved to Estate user names; unknown ones collected. One per import. */
final class ImportPeople {

    final Map<String, String> pagerDutyEmails = new LinkedHashMap<>();
    final Set<String> unknown = new LinkedHashSet<>();
    private final Map<String, Optional<String>> cache = new LinkedHashMap<>();
    private final Users users;

    ImportPeople(Users users) {
        this.users = users;
    }

    /** The Estate user name for an email or user name (case-insensitive), or null (noted as unknown). */
    String resolve(String ref) {
        if (ref == null || ref.isBlank()) {
            return null;
        }
        String r = ref.strip();
        Optional<String> found = cache.computeIfAbsent(r.toLowerCase(Locale.ROOT), k -> find(r));
        if (found.isEmpty()) {
            unknown.add(r);
            return null;
        }
        return found.get();
    }

    private Optional<String> find(String r) {
        if (r.length() > 320) {
            return Optional.empty();
        }
        Optional<UserView> exact = r.length() <= 100 ? users.find(r) : Optional.empty();
        if (exact.isPresent()) {
            return Optional.of(exact.get().username());
        }
        List<UserView> candidates = users.list(r, Paging.of(0, Paging.MAX_SIZE)).items();
        for (UserView u : candidates) {
            if (u.username().equalsIgnoreCase(r)) {
                return Optional.of(u.username());
            }
        }
        for (UserView u : candidates) {
            if (u.email() != null && u.email().equalsIgnoreCase(r)) {
                return Optional.of(u.username());
            }
        }
        return Optional.empty();
    }
}
