package org.estate.monitoring.internal.correlation;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Component;

/** The correlator's tables: check states in, problems and their members, and the pass lock. */
@Component
public class ProblemStore {

    /** An open (or closed) problem as stored. */
    public record Problem(long id, String rootKey, Long rootCi, long rootCheck, String kind, String priority, String services,
                          String incidentRef, Instant openedAt) {
    }

    private static final String CHECK_COLUMNS = "c.id, c.name, c.ci_id, s.state, s.since, s.flapping";

    private final JdbcClient jdbc;

    ProblemStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    static Timestamp sql(Instant at) {
        return at == null ? null : Timestamp.from(at);
    }

    private static CheckState check(ResultSet rs, int n) throws SQLException {
        long ci = rs.getLong(3);
        Long ciId = rs.wasNull() ? null : ci;
        Timestamp since = rs.getTimestamp(5);
        return new CheckState(rs.getLong(1), rs.getString(2), ciId, rs.getString(4), since == null ? null : since.toInstant(),
            rs.getBoolean(6));
    }

    /** Waits for and holds the pass lock until the transaction ends; counts the pass. */
    void lock(Instant now) {
        jdbc.sql("SELECT passes FROM mon_correlation_lock WHERE id = 1 FOR UPDATE").query(Long.class).single();
        jdbc.sql("UPDATE mon_correlation_lock SET passes = passes + 1, last_pass = ? WHERE id = 1").param(sql(now)).update();
    }

    /** Enabled checks that are down or degraded, in maintenance, or flapping. */
    public List<CheckState> notUp() {
        return jdbc.sql("SELECT " + CHECK_COLUMNS + " FROM mon_check c JOIN mon_check_status s ON s.check_id = c.id "
                + "WHERE c.enabled = TRUE AND (s.state IN ('down', 'degraded', 'maintenance') OR s.flapping = TRUE) ORDER BY c.id")
            .query(ProblemStore::check).list();
    }

    /** Every check (enabled or not) on these CIs or with these ids, with its state ({@code unknown} before its first run). */
    List<CheckState> checksOf(Collection<Long> cis, Collection<Long> checks) {
        List<CheckState> out = new ArrayList<>();
        String select = "SELECT c.id, c.name, c.ci_id, CASE WHEN c.enabled THEN COALESCE(s.state, 'unknown') ELSE 'paused' END, "
            + "s.since, COALESCE(s.flapping, FALSE) FROM mon_check c LEFT JOIN mon_check_status s ON s.check_id = c.id WHERE ";
        for (List<Long> chunk : chunks(cis)) {
            out.addAll(jdbc.sql(select + "c.ci_id IN (" + marks(chunk.size()) + ")").params(chunk).query(ProblemStore::check).list());
        }
        Set<Long> seen = new HashSet<>(out.stream().map(CheckState::check).toList());
        for (List<Long> chunk : chunks(checks.stream().filter(c -> !seen.contains(c)).toList())) {
            out.addAll(jdbc.sql(select + "c.id IN (" + marks(chunk.size()) + ")").params(chunk).query(ProblemStore::check).list());
        }
        return out;
    }

    private static List<List<Long>> chunks(Collection<Long> ids) {
        List<Long> all = List.copyOf(new HashSet<>(ids));
        List<List<Long>> out = new ArrayList<>();
        for (int i = 0; i < all.size(); i += 500) {
            out.add(all.subList(i, Math.min(all.size(), i + 500)));
        }
        return out;
    }

    private static String marks(int n) {
        return String.join(",", java.util.Collections.nCopies(n, "?"));
    }

    private static Problem problem(ResultSet rs, int n) throws SQLException {
        long ci = rs.getLong(3);
        Long rootCi = rs.wasNull() ? null : ci;
        return new Problem(rs.getLong(1), rs.getString(2), rootCi, rs.getLong(4), rs.getString(5), rs.getString(6), rs.getString(7),
            rs.getString(8), rs.getTimestamp(9).toInstant());
    }

    private static final String PROBLEM_COLUMNS = "id, root_key, root_ci, root_check, kind, priority, services, incident_ref, opened_at";

    /** The open problems by root key. */
    public Map<String, Problem> open() {
        Map<String, Problem> out = new HashMap<>();
        jdbc.sql("SELECT " + PROBLEM_COLUMNS + " FROM mon_problem WHERE open_key IS NOT NULL").query(ProblemStore::problem).list()
            .forEach(p -> out.put(p.rootKey(), p));
        return out;
    }

    /** Problems (open or closed) whose incident is {@code ref}. */
    public List<Problem> byIncident(String ref) {
        return jdbc.sql("SELECT " + PROBLEM_COLUMNS + " FROM mon_problem WHERE incident_ref = ? ORDER BY id").param(ref)
            .query(ProblemStore::problem).list();
    }

    long insert(RootCause r, String services, Instant now) {
        var keys = new GeneratedKeyHolder();
        jdbc.sql("""
                INSERT INTO mon_problem (root_key, open_key, root_ci, root_check, kind, priority, services, opened_at, updated_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)""")
            .params(r.key(), r.key(), r.ci(), r.check(), r.kind(), r.priority(), services, sql(now), sql(now))
            .update(keys, "id");
        return keys.getKey().longValue();
    }

    void incident(long problem, String ref) {
        jdbc.sql("UPDATE mon_problem SET incident_ref = ? WHERE id = ?").params(ref, problem).update();
    }

    void update(long problem, String kind, String priority, String services, Instant now) {
        jdbc.sql("UPDATE mon_problem SET kind = ?, priority = ?, services = ?, updated_at = ? WHERE id = ?")
            .params(kind, priority, services, sql(now), problem).update();
    }

    void close(long problem, String as, Long duplicateOf, Instant now) {
        jdbc.sql("UPDATE mon_problem SET open_key = NULL, closed_at = ?, closed_as = ?, duplicate_of = ?, updated_at = ? WHERE id = ?")
            .params(sql(now), as, duplicateOf, sql(now), problem).update();
    }

    /** The member checks of a problem. */
    Set<Long> members(long problem) {
        return new HashSet<>(jdbc.sql("SELECT check_id FROM mon_problem_member WHERE problem_id = ?").param(problem).query(Long.class).list());
    }

    void addMember(long problem, long check, Long ci, String role, Instant now) {
        jdbc.sql("INSERT INTO mon_problem_member (problem_id, check_id, ci_id, role, added_at) VALUES (?, ?, ?, ?, ?)")
            .params(problem, check, ci, role, sql(now)).update();
    }

    /** The CIs of a problem's symptom members. */
    List<Long> symptomCis(long problem) {
        return jdbc.sql("SELECT DISTINCT ci_id FROM mon_problem_member WHERE problem_id = ? AND role = 'symptom' AND ci_id IS NOT NULL")
            .param(problem).query(Long.class).list();
    }
}
