package org.estate.change.internal;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The changes whose planned window overlaps a range, compact (no impact, risk or collisions): what
 * the calendar, its feed and "what changed?" read: one query for the rows, then their CIs by
 * primary key (one query per thousand changes).
 */
@Component
class ChangesInWindow {

    /** A change as a calendar shows it; {@code cis} are the affected CI ids, ascending. */
    record Compact(long id, String ref, String title, String type, String status, Instant start, Instant end, String team,
                   List<Long> cis) {
    }

    /** Ids per IN list: well inside every driver's limit on bound parameters. */
    private static final int CHUNK = 1000;

    private final JdbcClient jdbc;

    ChangesInWindow(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** By start, then ref; {@code team} and {@code ci} narrow when not null. */
    List<Compact> overlapping(Instant from, Instant to, String team, Long ci) {
        // Cancelled and rejected changes never happened and never will: left off.
        StringBuilder where = new StringBuilder(" WHERE c.planned_start < :to AND c.planned_end > :from"
            + " AND c.status NOT IN ('cancelled', 'rejected')");
        Map<String, Object> params = new HashMap<>();
        params.put("from", Timestamp.from(from));
        params.put("to", Timestamp.from(to));
        if (team != null) {
            where.append(" AND c.team_key = :team");
            params.put("team", team);
        }
        if (ci != null) {
            where.append(" AND c.id IN (SELECT change_id FROM chg_change_ci WHERE ci_id = :ci)");
            params.put("ci", ci);
        }
        record Row(long id, String title, String type, String status, Instant start, Instant end, String team) {
        }
        List<Row> found = jdbc.sql("SELECT c.id, c.title, c.change_type, c.status, c.planned_start, c.planned_end, c.team_key FROM chg_change c"
                + where + " ORDER BY c.planned_start, c.id")
            .params(params)
            .query((rs, n) -> new Row(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getTimestamp(5).toInstant(),
                rs.getTimestamp(6).toInstant(), rs.getString(7)))
            .list();
        // Their CIs by primary key, in chunks (a join would read the whole CI table to hash it).
        Map<Long, List<Long>> cis = new HashMap<>();
        List<Long> ids = found.stream().map(Row::id).toList();
        for (int i = 0; i < ids.size(); i += CHUNK) {
            jdbc.sql("SELECT change_id, ci_id FROM chg_change_ci WHERE change_id IN (:ids)")
                .param("ids", ids.subList(i, Math.min(ids.size(), i + CHUNK)))
                .query(rs -> { cis.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>()).add(rs.getLong(2)); });
        }
        List<Compact> out = new ArrayList<>(found.size());
        for (Row r : found) {
            List<Long> own = cis.getOrDefault(r.id(), new ArrayList<>());
            own.sort(null);
            out.add(new Compact(r.id(), ChangeRow.PREFIX + r.id(), r.title(), r.type(), r.status(), r.start(), r.end(), r.team(),
                List.copyOf(own)));
        }
        return out;
    }
}
