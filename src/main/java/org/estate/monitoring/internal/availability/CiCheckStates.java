package org.estate.monitoring.internal.availability;

import java.time.Instant;
import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The checks on one CI with their live state, for the CI page: one query. A check the engine has
 * not taken up yet (no status row) is {@code unknown}; a disabled one is {@code paused}.
 */
@Component
public class CiCheckStates {

    /** A check on the CI: its state and since when (null when not yet known). */
    public record CheckState(long id, String name, String type, String state, Instant since) {
    }

    public static final int LIMIT = 100;

    private final JdbcClient jdbc;

    CiCheckStates(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The CI's checks by name, at most {@link #LIMIT}. */
    public List<CheckState> of(long ciId) {
        return jdbc.sql("""
                SELECT c.id, c.name, c.check_type, c.enabled, s.state, s.since FROM mon_check c
                LEFT JOIN mon_check_status s ON s.check_id = c.id
                WHERE c.ci_id = ? ORDER BY LOWER(c.name), c.id LIMIT ?""")
            .params(ciId, LIMIT)
            .query((rs, n) -> {
                String state = rs.getString("state");
                if (!rs.getBoolean("enabled")) {
                    state = "paused";
                } else if (state == null) {
                    state = "unknown";
                }
                var since = rs.getTimestamp("since");
                return new CheckState(rs.getLong("id"), rs.getString("name"), rs.getString("check_type"), state,
                    since == null ? null : since.toInstant());
            }).list();
    }
}
