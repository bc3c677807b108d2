package org.estate.change.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.estate.change.ChangeView;
import org.estate.platform.NotFoundException;
import org.estate.platform.PreconditionFailedException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Component;

/** Reading and writing changes, their CIs, links and approvals. */
@Component
class ChangeStore {

    private static final String COLUMNS = """
        id, change_type, status, template_key, title, description, reason, planned_start, planned_end, implementation_plan,
        backout_plan, test_plan, backout_tested, team_key, implementer, supplier, is_public, public_note, requester, outcome,
        review, risk_override, risk_override_reason, risk_override_by, submitted_at, created_at, updated_at, version""";

    private final JdbcClient jdbc;

    ChangeStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    ChangeRow get(String ref) {
        long id = ChangeRow.idOf(ref);
        return rows(List.of(id)).stream().findFirst().orElseThrow(() -> new NotFoundException("No change '" + abbreviate(ref) + "'"));
    }

    /** The changes with these ids, in the order given (missing ones left out). */
    List<ChangeRow> rows(Collection<Long> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        Map<Long, List<Long>> cis = new LinkedHashMap<>();
        jdbc.sql("SELECT change_id, ci_id FROM chg_change_ci WHERE change_id IN (:ids) ORDER BY ci_id").param("ids", ids)
            .query(rs -> { cis.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>()).add(rs.getLong(2)); });
        Map<Long, List<String>> links = new LinkedHashMap<>();
        jdbc.sql("SELECT change_id, ticket_ref FROM chg_change_link WHERE change_id IN (:ids) ORDER BY ticket_ref").param("ids", ids)
            .query(rs -> { links.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>()).add(rs.getString(2)); });
        Map<Long, ChangeRow> byId = new LinkedHashMap<>();
        jdbc.sql("SELECT " + COLUMNS + " FROM chg_change WHERE id IN (:ids)").param("ids", ids)
            .query((rs, n) -> row(rs, cis, links)).list().forEach(r -> byId.put(r.id(), r));
        return ids.stream().map(byId::get).filter(java.util.Objects::nonNull).toList();
    }

    private static ChangeRow row(ResultSet rs, Map<Long, List<Long>> cis, Map<Long, List<String>> links) throws SQLException {
        long id = rs.getLong("id");
        return new ChangeRow(id, rs.getString("change_type"), rs.getString("status"), rs.getString("template_key"),
            rs.getString("title"), rs.getString("description"), rs.getString("reason"), instant(rs, "planned_start"),
            instant(rs, "planned_end"), rs.getString("implementation_plan"), rs.getString("backout_plan"), rs.getString("test_plan"),
            rs.getBoolean("backout_tested"), rs.getString("team_key"), rs.getString("implementer"), rs.getString("supplier"),
            rs.getBoolean("is_public"), rs.getString("public_note"), rs.getString("requester"), rs.getString("outcome"),
            rs.getString("review"), rs.getString("risk_override"), rs.getString("risk_override_reason"),
            rs.getString("risk_override_by"), instant(rs, "submitted_at"), instant(rs, "created_at"), instant(rs, "updated_at"),
            rs.getLong("version"), List.copyOf(cis.getOrDefault(id, List.of())), List.copyOf(links.getOrDefault(id, List.of())));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp t = rs.getTimestamp(column);
        return t == null ? null : t.toInstant();
    }

    private static Timestamp ts(Instant i) {
        return i == null ? null : Timestamp.from(i);
    }

    long insert(ChangeRow r, Instant now) {
        GeneratedKeyHolder keys = new GeneratedKeyHolder();
        jdbc.sql("""
                INSERT INTO chg_change (change_type, status, template_key, title, description, reason, planned_start, planned_end,
                    implementation_plan, backout_plan, test_plan, backout_tested, team_key, implementer, supplier, is_public,
                    public_note, requester, submitted_at, created_at, updated_at, version)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0)""")
            .params(r.type(), r.status(), r.template(), r.title(), r.description(), r.reason(), ts(r.plannedStart()),
                ts(r.plannedEnd()), r.implementationPlan(), r.backoutPlan(), r.testPlan(), r.backoutTested(), r.team(),
                r.implementer(), r.supplier(), r.isPublic(), r.publicNote(), r.requester(), ts(r.submittedAt()), ts(now), ts(now))
            .update(keys, "id");
        long id = keys.getKey().longValue();
        writeLists(id, r);
        return id;
    }

    /** Writes the row over the stored one at {@code expectedVersion}; 412 when someone else wrote first. */
    void update(ChangeRow r, long expectedVersion, Instant now) {
        int n = jdbc.sql("""
                UPDATE chg_change SET status = ?, title = ?, description = ?, reason = ?, planned_start = ?, planned_end = ?,
                    implementation_plan = ?, backout_plan = ?, test_plan = ?, backout_tested = ?, team_key = ?, implementer = ?,
                    supplier = ?, is_public = ?, public_note = ?, outcome = ?, review = ?, risk_override = ?,
                    risk_override_reason = ?, risk_override_by = ?, submitted_at = ?, updated_at = ?, version = version + 1
                WHERE id = ? AND version = ?""")
            .params(r.status(), r.title(), r.description(), r.reason(), ts(r.plannedStart()), ts(r.plannedEnd()),
                r.implementationPlan(), r.backoutPlan(), r.testPlan(), r.backoutTested(), r.team(), r.implementer(), r.supplier(),
                r.isPublic(), r.publicNote(), r.outcome(), r.review(), r.riskOverride(), r.riskOverrideReason(), r.riskOverrideBy(),
                ts(r.submittedAt()), ts(now), r.id(), expectedVersion)
            .update();
        if (n == 0) {
            throw new PreconditionFailedException(r.ref() + " has changed since you read it");
        }
        jdbc.sql("DELETE FROM chg_change_ci WHERE change_id = ?").param(r.id()).update();
        jdbc.sql("DELETE FROM chg_change_link WHERE change_id = ?").param(r.id()).update();
        writeLists(r.id(), r);
    }

    private void writeLists(long id, ChangeRow r) {
        for (Long ci : r.cis()) {
            jdbc.sql("INSERT INTO chg_change_ci (change_id, ci_id) VALUES (?, ?)").params(id, ci).update();
        }
        for (String link : r.links()) {
            jdbc.sql("INSERT INTO chg_change_link (change_id, ticket_ref) VALUES (?, ?)").params(id, link).update();
        }
    }

    List<ChangeView.Approval> approvals(long changeId) {
        return jdbc.sql("SELECT by_user, decision, note, decided_at FROM chg_approval WHERE change_id = ? ORDER BY decided_at, id")
            .param(changeId).query((rs, n) -> new ChangeView.Approval(rs.getString(1), rs.getString(2), rs.getString(3),
                rs.getTimestamp(4).toInstant())).list();
    }

    void addApproval(long changeId, String by, String decision, String note, Instant at) {
        jdbc.sql("INSERT INTO chg_approval (change_id, by_user, decision, note, decided_at) VALUES (?, ?, ?, ?, ?)")
            .params(changeId, by, decision, note, ts(at)).update();
    }

    int dropApprovals(long changeId) {
        return jdbc.sql("DELETE FROM chg_approval WHERE change_id = ?").param(changeId).update();
    }

    /** How many other changes on any of these CIs failed with a window ending since {@code since}. */
    int failedOnSameCis(Long changeId, Collection<Long> cis, Instant since) {
        if (cis.isEmpty()) {
            return 0;
        }
        return jdbc.sql("""
                SELECT COUNT(DISTINCT c.id) FROM chg_change c JOIN chg_change_ci cc ON cc.change_id = c.id
                WHERE cc.ci_id IN (:cis) AND c.id <> :id AND c.outcome IN ('failed', 'failed-backed-out') AND c.planned_end >= :since""")
            .param("cis", cis).param("id", changeId == null ? -1L : changeId).param("since", ts(since)).query(Integer.class).single();
    }

    static String abbreviate(String s) {
        return s == null ? null : s.length() <= 40 ? s : s.substring(0, 39) + "…";
    }
}
