package org.estate.oncall.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Rows of {@code oncall_page}. */
@Component
class PageStore {

    /** A page as stored. */
    record PageRow(long id, String status, String urgency, String title, String message, String incident, String policy, String team,
                   String user, int level, int cycle, Instant nextEscalationAt, String raisedBy, Instant createdAt,
                   String acknowledgedBy, Instant acknowledgedAt, String resolvedBy, Instant resolvedAt, long version) {

        boolean triggered() {
            return "triggered".equals(status);
        }
    }

    static final String COLUMNS = """
        id, status, urgency, title, message, incident_ref, policy_key, team_key, target_user, level_no, cycle_no, next_escalation_at,
        raised_by, created_at, acknowledged_by, acknowledged_at, resolved_by, resolved_at, version""";

    private final JdbcClient jdbc;

    PageStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Optional<PageRow> find(long id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM oncall_page WHERE id = ?").param(id).query(PageStore::map).optional();
    }

    /** The page open (not resolved) for an incident, if any. */
    Optional<PageRow> openFor(String incident) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM oncall_page WHERE open_incident = ?").param(incident).query(PageStore::map).optional();
    }

    long insert(String urgency, String title, String message, String incident, String policy, String team, String user,
                String raisedBy, Instant now) {
        org.springframework.jdbc.support.GeneratedKeyHolder keys = new org.springframework.jdbc.support.GeneratedKeyHolder();
        jdbc.sql("""
                INSERT INTO oncall_page (status, urgency, title, message, incident_ref, open_incident, policy_key, team_key, target_user,
                    level_no, cycle_no, raised_by, created_at, version)
                VALUES ('triggered', ?, ?, ?, ?, ?, ?, ?, ?, 0, 0, ?, ?, 0)""")
            .params(urgency, title, message, incident, incident, policy, team, user, raisedBy, Timestamp.from(now))
            .update(keys, "id");
        return keys.getKey().longValue();
    }

    /** Moves a triggered page to a level (compare-and-set on its version); false when someone else moved it first. */
    boolean moveTo(long id, long version, int level, int cycle, Instant next) {
        return jdbc.sql("""
                UPDATE oncall_page SET level_no = ?, cycle_no = ?, next_escalation_at = ?, version = version + 1
                WHERE id = ? AND version = ? AND status = 'triggered'""")
            .params(level, cycle, next == null ? null : Timestamp.from(next), id, version).update() == 1;
    }

    void notified(long pageId, String username, int level, int cycle, String channel, Long outboxId, Instant now) {
        jdbc.sql("""
                INSERT INTO oncall_page_notification (page_id, username, level_no, cycle_no, channel, outbox_id, created_at)
                VALUES (?, ?, ?, ?, ?, ?, ?)""")
            .params(pageId, username, level, cycle, channel, outboxId, Timestamp.from(now)).update();
    }

    static PageRow map(ResultSet rs, int n) throws SQLException {
        return new PageRow(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5), rs.getString(6),
            rs.getString(7), rs.getString(8), rs.getString(9), rs.getInt(10), rs.getInt(11), instant(rs.getTimestamp(12)),
            rs.getString(13), instant(rs.getTimestamp(14)), rs.getString(15), instant(rs.getTimestamp(16)), rs.getString(17),
            instant(rs.getTimestamp(18)), rs.getLong(19));
    }

    static Instant instant(Timestamp t) {
        return t == null ? null : t.toInstant();
    }
}
