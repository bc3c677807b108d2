package org.estate.platform.search;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import org.estate.platform.Role;
import org.estate.platform.SearchContribution;
import org.estate.platform.SearchContribution.Group;
import org.estate.platform.ValidationException;
import org.estate.platform.ValidationException.FieldError;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The search box behind the API and the page: validates the text and the limit, asks every
 * module's {@link SearchContribution} in turn, and orders their groups by kind.
 */
@Service
public class SiteSearch {

    /** The longest text searched for; longer is refused (422), as no name, reference or value people type is longer. */
    public static final int MAX_TEXT = 200;
    public static final int DEFAULT_LIMIT = 10;
    public static final int MAX_LIMIT = 50;
    static final List<String> KINDS = List.of("ci", "incident", "request", "problem", "known-error", "user", "team");

    private final List<SearchContribution> contributions;
    private final JdbcTemplate jdbc;
    private final TransactionTemplate readOnly;
    private volatile Boolean postgres;

    public SiteSearch(List<SearchContribution> contributions, JdbcTemplate jdbc, PlatformTransactionManager transactions) {
        this.contributions = contributions;
        this.jdbc = jdbc;
        this.readOnly = new TransactionTemplate(transactions);
        this.readOnly.setReadOnly(true);
    }

    /** The answer: the text as searched for (trimmed) and the groups that found something, in {@link #KINDS} order. */
    public record Result(String q, List<Group> groups) {
    }

    /**
     * Searches for {@code text} on behalf of {@code auth}. Blank text finds nothing (an empty list
     * of groups, not an error: the header box submitted empty shows the page). Text longer than
     * {@value #MAX_TEXT} characters or holding control characters, and a limit outside 1 to
     * {@value #MAX_LIMIT}, are refused with 422 naming the field.
     */
    public Result search(String text, String limit, Authentication auth) {
        List<FieldError> errors = new ArrayList<>();
        String q = text == null ? "" : text.strip();
        if (q.length() > MAX_TEXT) {
            errors.add(new FieldError("q", "Search for at most " + MAX_TEXT + " characters"));
        } else if (q.chars().anyMatch(Character::isISOControl)) {
            errors.add(new FieldError("q", "Search text cannot hold control characters"));
        }
        int max = parseLimit(limit, errors);
        if (!errors.isEmpty()) {
            throw new ValidationException(errors);
        }
        if (q.isEmpty()) {
            return new Result(q, List.of());
        }
        SearchContribution.Query query = new SearchContribution.Query(q, max, auth.getName(), roles(auth));
        List<Group> groups = new ArrayList<>();
        // One read-only transaction for every contribution: one snapshot, one connection.
        readOnly.executeWithoutResult(status -> {
            if (postgres()) {
                // The searches' patterns are parameters: after five runs PostgreSQL would settle on a generic
                // plan that cannot know a pattern is selective and reads the whole table instead of the
                // trigram index (measured: 45-60 ms instead of 7 ms on 100,000 CIs). Plan each with its pattern.
                jdbc.execute("SET LOCAL plan_cache_mode = force_custom_plan");
            }
            for (SearchContribution c : contributions) {
                for (Group g : c.search(query)) {
                    if (!g.items().isEmpty()) {
                        groups.add(new Group(g.kind(), g.items().subList(0, Math.min(max, g.items().size()))));
                    }
                }
            }
        });
        groups.sort(Comparator.comparingInt(g -> KINDS.indexOf(g.kind())));
        return new Result(q, List.copyOf(groups));
    }

    private boolean postgres() {
        if (postgres == null) {
            postgres = "PostgreSQL".equals(jdbc.execute((java.sql.Connection c) -> c.getMetaData().getDatabaseProductName()));
        }
        return postgres;
    }

    private static int parseLimit(String limit, List<FieldError> errors) {
        if (limit == null || limit.isBlank()) {
            return DEFAULT_LIMIT;
        }
        String v = limit.strip();
        int n;
        try {
            n = v.length() > 9 ? -1 : Integer.parseInt(v);
        } catch (NumberFormatException e) {
            n = -1;
        }
        if (n < 1 || n > MAX_LIMIT) {
            errors.add(new FieldError("limit", "limit must be a whole number from 1 to " + MAX_LIMIT));
        }
        return n;
    }

    private static Set<Role> roles(Authentication auth) {
        Set<Role> roles = EnumSet.noneOf(Role.class);
        for (GrantedAuthority a : auth.getAuthorities()) {
            for (Role r : Role.values()) {
                if (r.authority().equals(a.getAuthority())) {
                    roles.add(r);
                }
            }
        }
        return roles;
    }
}
