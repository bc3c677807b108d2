package org.estate.platform;

import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * A module's part in the search box. Each module that owns something people look for (CIs,
 * tickets, users, teams) contributes a bean; the platform asks every one in one request and shows
 * their groups. A module answers only from its own tables, and only what {@code query.roles()}
 * may see: a group the searcher may not open is left out, not shown empty.
 */
public interface SearchContribution {

    /** The groups found for {@code query}, each at most {@code query.limit()} hits, best first. */
    List<Group> search(Query query);

    /**
     * What was asked and by whom. {@code text} is trimmed and non-empty; {@code lower} is it in
     * lower case (what the stored search columns hold).
     */
    record Query(String text, int limit, String username, Set<Role> roles) {

        public String lower() {
            return text.toLowerCase(Locale.ROOT);
        }

        /** {@code %text%} for LIKE/ILIKE with the wildcards of the text escaped (backslash is the escape character). */
        public String contains() {
            return "%" + escapeLike(lower()) + "%";
        }

        /** True for desk staff (viewer and up); false for a requester, who sees only their own tickets. */
        public boolean staff() {
            return has(Role.VIEWER);
        }

        /** Whether the searcher holds {@code role}, counting the hierarchy (admin > manager > engineer > viewer). */
        public boolean has(Role role) {
            if (roles.contains(role)) {
                return true;
            }
            return switch (role) {
                case VIEWER -> has(Role.ENGINEER);
                case ENGINEER -> has(Role.MANAGER);
                case MANAGER -> has(Role.ADMIN);
                default -> false;
            };
        }

        public static String escapeLike(String s) {
            return s.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
        }
    }

    /** One thing found: {@code id} or {@code ref} (whichever the kind is known by), its title, its page and what matched. */
    record Hit(Long id, String ref, String title, String url, String match) {
    }

    /** The hits of one kind ({@code ci}, {@code incident}, {@code request}, {@code problem}, {@code known-error}, {@code user}, {@code team}). */
    record Group(String kind, List<Hit> items) {
    }

    /**
     * How well {@code value} answers {@code lowerText}: 0 equal (ignoring case), 1 starts with it,
     * 2 contains it, 3 not at all. Contributions sort their candidates by it, so that exact names
     * and references come first, then prefixes, then the rest.
     */
    static int rank(String lowerText, String value) {
        if (value == null) {
            return 3;
        }
        String v = value.toLowerCase(Locale.ROOT);
        return v.equals(lowerText) ? 0 : v.startsWith(lowerText) ? 1 : v.contains(lowerText) ? 2 : 3;
    }
}
