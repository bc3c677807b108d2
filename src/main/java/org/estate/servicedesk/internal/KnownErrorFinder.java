package org.estate.servicedesk.internal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.estate.servicedesk.KnownErrorView;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Finds known errors (problems with a written workaround, not closed) that sit on any of some CIs
 * or read like a text. Each word of four letters or more that is not a common word is matched
 * against the title, description, root cause and workaround; those on the CIs come first, then
 * the ones matching most words.
 */
@Component
class KnownErrorFinder {

    private static final Set<String> STOP_WORDS = Set.of("with", "from", "that", "this", "have", "there", "when", "will",
        "cannot", "does", "into", "after", "before", "their", "about", "being", "which", "again", "still", "since");

    private final JdbcClient jdbc;

    KnownErrorFinder(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    static List<String> words(String q) {
        if (q == null) {
            return List.of();
        }
        return new ArrayList<>(new LinkedHashSet<>(Arrays.stream(q.toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{N}]+"))
            .filter(w -> w.length() >= 4 && !STOP_WORDS.contains(w)).limit(8).toList()));
    }

    /** Known errors on any of {@code cis} or matching {@code text}; with neither, none. */
    List<KnownErrorView> find(List<Long> cis, String text) {
        List<String> words = words(text);
        if (cis.isEmpty() && words.isEmpty()) {
            return List.of();
        }
        StringBuilder sql = new StringBuilder("""
            SELECT p.ref, p.title, p.workaround, p.status, p.description, p.root_cause,
                   (SELECT COUNT(*) FROM sd_problem_ci c WHERE c.problem_id = p.id""");
        List<Object> args = new ArrayList<>();
        if (cis.isEmpty()) {
            sql.append(" AND 1 = 0");
        } else {
            sql.append(" AND c.ci_id IN (").append(String.join(",", cis.stream().map(i -> "?").toList())).append(')');
            args.addAll(cis);
        }
        sql.append(") AS on_ci FROM sd_problem p WHERE p.known_error = TRUE AND p.status <> 'closed' AND (");
        List<String> alternatives = new ArrayList<>();
        if (!cis.isEmpty()) {
            alternatives.add("EXISTS (SELECT 1 FROM sd_problem_ci c2 WHERE c2.problem_id = p.id AND c2.ci_id IN ("
                + String.join(",", cis.stream().map(i -> "?").toList()) + "))");
            args.addAll(cis);
        }
        for (String w : words) {
            alternatives.add("p.title ILIKE ? OR p.description ILIKE ? OR p.workaround ILIKE ? OR p.root_cause ILIKE ?");
            String like = "%" + w + "%";
            args.addAll(List.of(like, like, like, like));
        }
        sql.append(String.join(" OR ", alternatives)).append(") ORDER BY p.ref");
        record Hit(KnownErrorView view, boolean onCi, int score) {
        }
        List<Hit> hits = jdbc.sql(sql.toString()).params(args).query((rs, n) -> {
            String all = (rs.getString(2) + " " + rs.getString(5) + " " + rs.getString(3) + " " + rs.getString(6)).toLowerCase(Locale.ROOT);
            int score = (int) words.stream().filter(all::contains).count();
            return new Hit(new KnownErrorView(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4)), rs.getLong(7) > 0, score);
        }).list();
        return hits.stream()
            .sorted(Comparator.comparing((Hit h) -> !h.onCi()).thenComparing(Comparator.comparingInt(Hit::score).reversed()))
            .limit(20).map(Hit::view).toList();
    }
}
