package org.estate.identity.internal;

import java.nio.charset.StandardCharsets;
import java.util.Comparator;
import java.util.List;

import org.estate.platform.Role;
import org.estate.platform.SearchContribution;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.util.UriUtils;

/** Identity's part in the search box: users by username, name or email, for admins (who alone may open users). */
@Component
class UserSearch implements SearchContribution {

    private final JdbcClient jdbc;

    UserSearch(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    private record Found(String username, String name, int rank, String match) {
    }

    @Override
    @Transactional(readOnly = true)
    public List<Group> search(Query query) {
        if (!query.has(Role.ADMIN)) {
            return List.of();
        }
        String q = query.lower();
        List<Found> found = jdbc.sql("SELECT username, display_name, email FROM app_user WHERE LOWER(username) LIKE :pattern "
                + "OR LOWER(display_name) LIKE :pattern OR LOWER(email) LIKE :pattern ORDER BY username LIMIT 200")
            .param("pattern", query.contains())
            .query((rs, n) -> {
                int byUsername = SearchContribution.rank(q, rs.getString(1));
                int byName = SearchContribution.rank(q, rs.getString(2));
                int byEmail = SearchContribution.rank(q, rs.getString(3));
                int best = Math.min(byUsername, Math.min(byName, byEmail));
                String match = best == byUsername ? "username" : best == byName ? "name" : "email: " + rs.getString(3);
                return new Found(rs.getString(1), rs.getString(2), best, match);
            }).list();
        return List.of(new Group("user", found.stream().sorted(Comparator.comparingInt(Found::rank).thenComparing(Found::username))
            .limit(query.limit()).map(f -> new Hit(null, f.username(), f.name(), "/admin/users/" + UriUtils.encodePathSegment(f.username(), StandardCharsets.UTF_8), f.match())).toList()));
    }
}
