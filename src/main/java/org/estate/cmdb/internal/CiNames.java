package org.estate.cmdb.internal;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.estate.cmdb.CiClass;
import org.estate.cmdb.CiSuggestion;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * CIs by the names people type: the type-ahead's suggestions, and what "Name (Class)" or a bare
 * name refers to. Names compare ignoring case, the same on both databases (LOWER on both sides).
 */
@Component
class CiNames {

    /** Longer text than a CI's name (200) plus " (class label)" names nothing. */
    static final int MAX_TEXT = 300;
    private static final Pattern WITH_CLASS = Pattern.compile("^(.*\\S)\\s*\\(([^()]+)\\)$");

    private final JdbcClient jdbc;
    private final ClassCatalogue classes;

    CiNames(JdbcClient jdbc, ClassCatalogue classes) {
        this.jdbc = jdbc;
        this.classes = classes;
    }

    @Transactional(readOnly = true)
    List<CiSuggestion> suggest(String q, int limit) {
        if (q == null || q.isBlank() || q.length() > MAX_TEXT) {
            return List.of();
        }
        String text = q.trim().toLowerCase(Locale.ROOT).replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
        return jdbc.sql("""
                SELECT id, name, class_key FROM ci WHERE LOWER(name) LIKE :contains ESCAPE '\\'
                ORDER BY CASE WHEN LOWER(name) LIKE :prefix ESCAPE '\\' THEN 0 ELSE 1 END, LOWER(name), id LIMIT :limit""")
            .param("contains", "%" + text + "%").param("prefix", text + "%").param("limit", Math.max(1, Math.min(limit, 50)))
            .query((rs, n) -> suggestion(rs.getLong(1), rs.getString(2), rs.getString(3))).list();
    }

    @Transactional(readOnly = true)
    List<CiSuggestion> named(String text) {
        if (text == null || text.isBlank() || text.length() > MAX_TEXT) {
            return List.of();
        }
        String t = text.trim();
        Matcher m = WITH_CLASS.matcher(t);
        if (m.matches()) {
            Optional<CiClass> c = classOf(m.group(2).trim());
            if (c.isPresent()) {
                List<CiSuggestion> found = query(m.group(1).trim(), c.get().key());
                if (!found.isEmpty()) {
                    return found;
                }
            }
        }
        // A name that itself ends in brackets ("Print server (old)") is still found by its whole text.
        return query(t, null);
    }

    private List<CiSuggestion> query(String name, String classKey) {
        return jdbc.sql("SELECT id, name, class_key FROM ci WHERE LOWER(name) = LOWER(:name)"
                + (classKey == null ? "" : " AND class_key = :cls") + " ORDER BY class_key, id LIMIT 20")
            .param("name", name).params(classKey == null ? Map.of() : Map.of("cls", classKey))
            .query((rs, n) -> suggestion(rs.getLong(1), rs.getString(2), rs.getString(3))).list();
    }

    private Optional<CiClass> classOf(String text) {
        return classes.all().values().stream()
            .filter(c -> c.key().equalsIgnoreCase(text) || c.label().equalsIgnoreCase(text)).findFirst();
    }

    private CiSuggestion suggestion(long id, String name, String classKey) {
        String label = Optional.ofNullable(classes.all().get(classKey)).map(CiClass::label).orElse(classKey);
        return new CiSuggestion(id, name, classKey, label, name + " (" + label + ")");
    }
}
