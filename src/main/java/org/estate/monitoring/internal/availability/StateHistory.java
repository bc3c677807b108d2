package org.estate.monitoring.internal.availability;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Reads the state changes that matter for a span: for checks on a set of CIs, each check's last
 * change at or before the span's start and every change inside it. A change's CI is the check's CI
 * at the time ({@code mon_state_change.ci_id}), so a check moved to another CI counts for each in turn.
 */
@Component
class StateHistory {

    /** From {@code at} the check was in {@code state}, on CI {@code ci}. */
    record Change(long check, long ci, Instant at, String state) {
    }

    private static final int CHUNK = 500;

    private final JdbcClient jdbc;

    StateHistory(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The changes on these CIs' checks that shape {@code [from, to)}, by check then time. */
    List<Change> changes(Collection<Long> cis, Instant from, Instant to) {
        List<Long> ids = List.copyOf(cis);
        List<Change> out = new ArrayList<>();
        for (int i = 0; i < ids.size(); i += CHUNK) {
            List<Long> chunk = ids.subList(i, Math.min(ids.size(), i + CHUNK));
            Timestamp f = Timestamp.from(from);
            out.addAll(jdbc.sql("""
                    SELECT s.check_id, s.ci_id, s.at, s.state FROM mon_state_change s
                    JOIN (SELECT check_id, MAX(at) AS last_at FROM mon_state_change
                          WHERE ci_id IN (:cis) AND at <= :from GROUP BY check_id) l
                      ON l.check_id = s.check_id AND l.last_at = s.at
                    WHERE s.ci_id IN (:cis)""")
                .param("cis", chunk).param("from", f).query(StateHistory::row).list());
            out.addAll(jdbc.sql("""
                    SELECT check_id, ci_id, at, state FROM mon_state_change
                    WHERE ci_id IN (:cis) AND at > :from AND at < :to""")
                .param("cis", chunk).param("from", f).param("to", Timestamp.from(to)).query(StateHistory::row).list());
        }
        return out;
    }

    private static Change row(java.sql.ResultSet rs, int n) throws java.sql.SQLException {
        return new Change(rs.getLong("check_id"), rs.getLong("ci_id"), rs.getTimestamp("at").toInstant(), rs.getString("state"));
    }
}
