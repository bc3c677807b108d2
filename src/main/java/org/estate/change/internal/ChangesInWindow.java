package org.estate.change.internal;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The changes whose planned window overlaps a range, compact (no impact, risk or collisions): what
 * the calendar, its feed and "what changed?" read. Two indexed queries whatever the number of
 * changes: the rows, then their CIs through the same condition (no IN list of ids).
 */
@Component
class ChangesInWindow {

    /** A change as a calendar shows it; {@code cis} are the affected CI ids, ascending. */
    record Compact(long id, String ref, String title, String type, String status, Instant start, Instant end, String team,
                   List<Long> cis) {
    }

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
        Map<Long, List<Long>> cis = new HashMap<>();
        jdbc.sql("SELECT cc.change_id, cc.ci_id FROM chg_change c JOIN chg_change_ci cc ON cc.change_id = c.id" + where)
            .params(params).query(rs -> { cis.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>()).add(rs.getLong(2)); });
        Map<Long, Compact> rows = new LinkedHashMap<>();
        jdbc.sql("SELECT c.id, c.title, c.change_type, c.status, c.planned_start, c.planned_end, c.team_key FROM chg_change c" + where
                + " ORDER BY c.planned_start, c.id")
            .params(params)
            .query(rs -> {
                long id = rs.getLong(1);
                List<Long> ids = cis.getOrDefault(id, new ArrayList<>());
                ids.sort(null);
                rows.put(id, new Compact(id, ChangeRow.PREFIX + id, rs.getString(2), rs.getString(3), rs.getString(4),
                    rs.getTimestamp(5).toInstant(), rs.getTimestamp(6).toInstant(), rs.getString(7), List.copyOf(ids)));
            });
        return List.copyOf(rows.values());
    }
}
