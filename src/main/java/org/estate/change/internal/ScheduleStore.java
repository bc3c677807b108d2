package org.estate.change.internal;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.estate.change.internal.ScheduleRows.FreezeRow;
import org.estate.change.internal.ScheduleRows.WindowRow;
import org.estate.platform.PreconditionFailedException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Reading and writing freezes and maintenance windows, and the generation counter that tells
 * every node's {@link ScheduleCache} to reload: each write bumps it in its own transaction.
 */
@Component
class ScheduleStore {

    private final JdbcClient jdbc;

    ScheduleStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    private static Timestamp ts(Instant i) {
        return i == null ? null : Timestamp.from(i);
    }

    private static Instant instant(Timestamp t) {
        return t == null ? null : t.toInstant();
    }

    long generation() {
        return jdbc.sql("SELECT generation FROM chg_schedule_state WHERE id = 1").query(Long.class).single();
    }

    @Transactional(propagation = Propagation.MANDATORY)
    void bump() {
        jdbc.sql("UPDATE chg_schedule_state SET generation = generation + 1 WHERE id = 1").update();
    }

    // ---- freezes ----------------------------------------------------------------------------------

    List<FreezeRow> freezes() {
        Map<Long, List<Long>> cis = lists("SELECT freeze_id, ci_id FROM chg_freeze_ci ORDER BY freeze_id, ci_id");
        return jdbc.sql("SELECT * FROM chg_freeze ORDER BY start_at, id").query((rs, n) -> {
            long id = rs.getLong("id");
            return new FreezeRow(id, rs.getString("name"), instant(rs.getTimestamp("start_at")), instant(rs.getTimestamp("end_at")),
                rs.getBoolean("scope_all"), List.copyOf(cis.getOrDefault(id, List.of())), rs.getBoolean("hard"), rs.getString("reason"),
                rs.getString("created_by"), instant(rs.getTimestamp("created_at")), rs.getLong("version"));
        }).list();
    }

    long insertFreeze(FreezeRow f, Instant now) {
        GeneratedKeyHolder keys = new GeneratedKeyHolder();
        jdbc.sql("""
                INSERT INTO chg_freeze (name, start_at, end_at, scope_all, hard, reason, created_by, created_at, updated_at, version)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 0)""")
            .params(f.name(), ts(f.start()), ts(f.end()), f.all(), f.hard(), f.reason(), f.createdBy(), ts(now), ts(now))
            .update(keys, "id");
        long id = keys.getKey().longValue();
        writeCis("chg_freeze_ci", "freeze_id", id, f.cis());
        return id;
    }

    void updateFreeze(FreezeRow f, long expectedVersion, Instant now) {
        int n = jdbc.sql("""
                UPDATE chg_freeze SET name = ?, start_at = ?, end_at = ?, scope_all = ?, hard = ?, reason = ?, updated_at = ?,
                    version = version + 1 WHERE id = ? AND version = ?""")
            .params(f.name(), ts(f.start()), ts(f.end()), f.all(), f.hard(), f.reason(), ts(now), f.id(), expectedVersion).update();
        if (n == 0) {
            throw new PreconditionFailedException("The freeze has changed since you read it");
        }
        jdbc.sql("DELETE FROM chg_freeze_ci WHERE freeze_id = ?").param(f.id()).update();
        writeCis("chg_freeze_ci", "freeze_id", f.id(), f.cis());
    }

    void deleteFreeze(long id) {
        jdbc.sql("DELETE FROM chg_freeze WHERE id = ?").param(id).update();
    }

    // ---- maintenance windows ----------------------------------------------------------------------

    List<WindowRow> windows() {
        Map<Long, List<Long>> cis = lists("SELECT window_id, ci_id FROM chg_window_ci ORDER BY window_id, ci_id");
        return jdbc.sql("SELECT * FROM chg_window ORDER BY name, id").query((rs, n) -> {
            long id = rs.getLong("id");
            String rrule = rs.getString("rrule");
            WindowRule rule = rrule == null ? null : WindowRule.stored(rrule, ZoneId.of(rs.getString("zone")),
                LocalTime.parse(rs.getString("start_time")), rs.getInt("duration_minutes"), ScheduleRows.date(rs.getDate("from_date")));
            return new WindowRow(id, rs.getString("name"), List.copyOf(cis.getOrDefault(id, List.of())),
                instant(rs.getTimestamp("start_at")), instant(rs.getTimestamp("end_at")), rule, rs.getString("created_by"),
                instant(rs.getTimestamp("created_at")), rs.getLong("version"));
        }).list();
    }

    long insertWindow(WindowRow w, Instant now) {
        GeneratedKeyHolder keys = new GeneratedKeyHolder();
        WindowRule r = w.rule();
        jdbc.sql("""
                INSERT INTO chg_window (name, start_at, end_at, rrule, zone, start_time, duration_minutes, from_date, created_by,
                    created_at, updated_at, version) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0)""")
            .params(w.name(), ts(w.start()), ts(w.end()), r == null ? null : r.rrule(), r == null ? null : r.zone().getId(),
                r == null ? null : r.startTime().toString(), r == null ? null : r.minutes(),
                r == null ? null : java.sql.Date.valueOf(r.from()), w.createdBy(), ts(now), ts(now))
            .update(keys, "id");
        long id = keys.getKey().longValue();
        writeCis("chg_window_ci", "window_id", id, w.cis());
        return id;
    }

    void updateWindow(WindowRow w, long expectedVersion, Instant now) {
        WindowRule r = w.rule();
        int n = jdbc.sql("""
                UPDATE chg_window SET name = ?, start_at = ?, end_at = ?, rrule = ?, zone = ?, start_time = ?, duration_minutes = ?,
                    from_date = ?, updated_at = ?, version = version + 1 WHERE id = ? AND version = ?""")
            .params(w.name(), ts(w.start()), ts(w.end()), r == null ? null : r.rrule(), r == null ? null : r.zone().getId(),
                r == null ? null : r.startTime().toString(), r == null ? null : r.minutes(),
                r == null ? null : java.sql.Date.valueOf(r.from()), ts(now), w.id(), expectedVersion)
            .update();
        if (n == 0) {
            throw new PreconditionFailedException("The maintenance window has changed since you read it");
        }
        jdbc.sql("DELETE FROM chg_window_ci WHERE window_id = ?").param(w.id()).update();
        writeCis("chg_window_ci", "window_id", w.id(), w.cis());
    }

    void deleteWindow(long id) {
        jdbc.sql("DELETE FROM chg_window WHERE id = ?").param(id).update();
    }

    // ---- shared -----------------------------------------------------------------------------------

    private Map<Long, List<Long>> lists(String sql) {
        Map<Long, List<Long>> out = new HashMap<>();
        jdbc.sql(sql).query(rs -> {
            out.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>()).add(rs.getLong(2));
        });
        return out;
    }

    private void writeCis(String table, String column, long id, List<Long> cis) {
        for (Long ci : cis) {
            jdbc.sql("INSERT INTO " + table + " (" + column + ", ci_id) VALUES (?, ?)").params(id, ci).update();
        }
    }
}
