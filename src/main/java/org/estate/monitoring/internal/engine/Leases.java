package org.estate.monitoring.internal.engine;

import static org.estate.monitoring.internal.engine.ResultWriter.ts;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The database side of sharing checks between nodes: node heartbeats, declaring a silent node dead,
 * and which node holds each check ({@code mon_check_status.lease_owner}, claimed by compare-and-set
 * and released in bulk). A check stays with its holder while the holder is alive: the node's
 * heartbeat is the lease, so holding 100,000 checks costs one row written every heartbeat, not
 * 100,000. Every statement is small and bounded; none holds a lock for long.
 */
@Component
class Leases {

    /** A check that may be claimed, with the node that held it (null: released or never held). */
    record Candidate(long checkId, String previousOwner) {
    }

    /** Free, or held by a node declared dead (or gone from {@code mon_node}). */
    private static final String CLAIMABLE = """
        (s.lease_owner IS NULL
         OR s.lease_owner IN (SELECT n.node_id FROM mon_node n WHERE n.dead = TRUE)
         OR NOT EXISTS (SELECT 1 FROM mon_node n WHERE n.node_id = s.lease_owner))""";

    private final JdbcClient jdbc;
    private final JdbcTemplate template;

    Leases(JdbcClient jdbc, JdbcTemplate template) {
        this.jdbc = jdbc;
        this.template = template;
    }

    /**
     * This node's heartbeat. False when another node has declared it dead: it must drop every
     * check it thought it held (and then {@link #rejoin}).
     */
    boolean heartbeat(String node, Instant now) {
        int n = jdbc.sql("UPDATE mon_node SET heartbeat_at = ? WHERE node_id = ? AND dead = FALSE").params(ts(now), node).update();
        if (n == 1) {
            return true;
        }
        boolean exists = jdbc.sql("SELECT count(*) FROM mon_node WHERE node_id = ?").param(node).query(Long.class).single() > 0;
        if (!exists) {
            jdbc.sql("INSERT INTO mon_node (node_id, started_at, heartbeat_at, dead) VALUES (?, ?, ?, FALSE)")
                .params(node, ts(now), ts(now)).update();
            return true;
        }
        return false;
    }

    /** Back from the dead: releases whatever leases the node still has and is alive again. */
    void rejoin(String node, Instant now) {
        jdbc.sql("UPDATE mon_check_status SET lease_owner = NULL WHERE lease_owner = ?").param(node).update();
        jdbc.sql("UPDATE mon_node SET dead = FALSE, heartbeat_at = ? WHERE node_id = ?").params(ts(now), node).update();
    }

    /** Declares nodes silent since before {@code cutoff} dead; forgets long-dead nodes that hold nothing. */
    void declareDead(Instant cutoff, Instant forgetBefore) {
        jdbc.sql("UPDATE mon_node SET dead = TRUE WHERE dead = FALSE AND heartbeat_at < ?").param(ts(cutoff)).update();
        jdbc.sql("""
            DELETE FROM mon_node WHERE dead = TRUE AND heartbeat_at < ?
              AND NOT EXISTS (SELECT 1 FROM mon_check_status s WHERE s.lease_owner = mon_node.node_id)""")
            .param(ts(forgetBefore)).update();
    }

    int liveNodes(Instant since) {
        return jdbc.sql("SELECT count(*) FROM mon_node WHERE dead = FALSE AND heartbeat_at >= ?").param(ts(since))
            .query(Long.class).single().intValue();
    }

    /** Enabled checks: what the live nodes share. */
    int enabledChecks() {
        return jdbc.sql("SELECT count(*) FROM mon_check_status s JOIN mon_check c ON c.id = s.check_id WHERE c.enabled = TRUE")
            .query(Long.class).single().intValue();
    }

    List<Candidate> claimable(int limit) {
        return jdbc.sql("SELECT s.check_id, s.lease_owner FROM mon_check_status s JOIN mon_check c ON c.id = s.check_id "
                + "WHERE c.enabled = TRUE AND " + CLAIMABLE + " ORDER BY s.next_run_at, s.check_id LIMIT " + Math.max(1, limit))
            .query((rs, i) -> new Candidate(rs.getLong(1), rs.getString(2))).list();
    }

    /** Compare-and-set claims: the candidates still held by the same (absent) owner become this node's. Returns those won. */
    List<Candidate> claim(String node, List<Candidate> candidates) {
        if (candidates.isEmpty()) {
            return List.of();
        }
        int[][] counts = template.batchUpdate("""
            UPDATE mon_check_status s SET lease_owner = ?
            WHERE s.check_id = ? AND s.lease_owner IS NOT DISTINCT FROM ? AND""" + " " + CLAIMABLE,
            candidates, candidates.size(), (ps, c) -> {
                ps.setString(1, node);
                ps.setLong(2, c.checkId());
                ps.setString(3, c.previousOwner());
            });
        List<Candidate> won = new ArrayList<>();
        int k = 0;
        for (int[] chunk : counts) {
            for (int count : chunk) {
                if (count > 0 || count == java.sql.Statement.SUCCESS_NO_INFO) {
                    won.add(candidates.get(k));
                }
                k++;
            }
        }
        return won;
    }

    /** Every check this node holds, as the database says. */
    Set<Long> held(String node) {
        Set<Long> held = new HashSet<>();
        jdbc.sql("SELECT check_id FROM mon_check_status WHERE lease_owner = ?").param(node)
            .query(rs -> {
                held.add(rs.getLong(1));
            });
        return held;
    }

    void release(String node, Collection<Long> checkIds) {
        if (checkIds.isEmpty()) {
            return;
        }
        jdbc.sql("UPDATE mon_check_status SET lease_owner = NULL WHERE lease_owner = :node AND check_id IN (:ids)")
            .param("node", node).param("ids", checkIds).update();
    }

    /** Releases checks with their next due time, so the node that takes them keeps the schedule (results may still be in a buffer). */
    void release(String node, Map<Long, Instant> dueById) {
        if (dueById.isEmpty()) {
            return;
        }
        List<Object[]> rows = new ArrayList<>();
        dueById.forEach((id, due) -> rows.add(new Object[] {ts(due), id, node}));
        template.batchUpdate("UPDATE mon_check_status SET lease_owner = NULL, next_run_at = ? WHERE check_id = ? AND lease_owner = ?",
            rows);
    }

    /** A clean stop: everything released at once for the other nodes, and the node gone. */
    void leave(String node) {
        jdbc.sql("UPDATE mon_check_status SET lease_owner = NULL WHERE lease_owner = ?").param(node).update();
        jdbc.sql("DELETE FROM mon_node WHERE node_id = ?").param(node).update();
    }

    /** Checks edited since {@code since}: id and version. */
    Map<Long, Long> editedSince(Instant since) {
        Map<Long, Long> out = new HashMap<>();
        jdbc.sql("SELECT id, version FROM mon_check WHERE updated_at >= ?").param(ts(since))
            .query(rs -> {
                out.put(rs.getLong(1), rs.getLong(2));
            });
        return out;
    }

    /** Where a check's schedule stands, as stored (it survives a change of node). */
    record Schedule(Instant nextRunAt, int failures) {
    }

    Map<Long, Schedule> schedules(Collection<Long> checkIds) {
        Map<Long, Schedule> out = new HashMap<>();
        if (checkIds.isEmpty()) {
            return out;
        }
        jdbc.sql("SELECT check_id, next_run_at, failures FROM mon_check_status WHERE check_id IN (:ids)").param("ids", checkIds)
            .query(rs -> {
                out.put(rs.getLong(1), new Schedule(rs.getTimestamp(2).toInstant(), rs.getInt(3)));
            });
        return out;
    }
}
