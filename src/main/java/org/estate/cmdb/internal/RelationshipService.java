package org.estate.cmdb.internal;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.estate.cmdb.CiRelationships;
import org.estate.cmdb.RelatedCi;
import org.estate.cmdb.Relationship;
import org.estate.cmdb.RelationshipInput;
import org.estate.cmdb.RelationshipType;
import org.estate.platform.AuditLog;
import org.estate.platform.AuditLog.Change;
import org.estate.platform.ConflictException;
import org.estate.platform.NotFoundException;
import org.estate.platform.ValidationException;
import org.estate.platform.ValidationException.FieldError;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Relationships "source TYPE target". Every change bumps the graph generation in the same
 * transaction, so every node's in-memory graph notices it before answering its next question.
 */
@Service
class RelationshipService {

    static final String ENTITY = "relationship";
    private static final String SELECT = "SELECT id, source_id, rel_type, target_id, redundancy_group, minimum_up FROM ci_relationship";

    private final JdbcClient jdbc;
    private final AuditLog audit;
    private final Clock clock;
    private final GraphGeneration generation;

    RelationshipService(JdbcClient jdbc, AuditLog audit, Clock clock, GraphGeneration generation) {
        this.jdbc = jdbc;
        this.audit = audit;
        this.clock = clock;
        this.generation = generation;
    }

    @Transactional
    Relationship create(RelationshipInput in) {
        List<FieldError> errors = new ArrayList<>();
        RelationshipType type = null;
        if (in.type() == null || in.type().isBlank()) {
            errors.add(new FieldError("type", "Choose a relationship type"));
        } else {
            type = RelationshipType.fromKey(in.type().trim()).orElse(null);
            if (type == null) {
                errors.add(new FieldError("type", "Unknown type '" + in.type() + "': use one of " + typeKeys()));
            }
        }
        if (in.source() == null) {
            errors.add(new FieldError("source", "Give the source CI's id"));
        } else if (!exists(in.source())) {
            errors.add(new FieldError("source", "No CI with id " + in.source()));
        }
        if (in.target() == null) {
            errors.add(new FieldError("target", "Give the target CI's id"));
        } else if (!exists(in.target())) {
            errors.add(new FieldError("target", "No CI with id " + in.target()));
        }
        if (in.source() != null && in.source().equals(in.target())) {
            errors.add(new FieldError("target", "A CI cannot have a relationship with itself"));
        }
        String group = in.redundancyGroup() == null || in.redundancyGroup().isBlank() ? null : in.redundancyGroup().trim();
        Integer minimumUp = in.minimumUp();
        checkGroup(type, group, minimumUp, "redundancyGroup", "minimumUp", errors);
        if (group != null && minimumUp == null) {
            minimumUp = 1;
        }
        if (errors.isEmpty() && group != null) {
            Optional<Integer> existing = groupMinimum(in.source(), group);
            if (existing.isPresent() && !existing.get().equals(minimumUp)) {
                errors.add(new FieldError("minimumUp", "Redundancy group '" + group + "' of this CI needs " + existing.get()
                    + " up; every relationship in a group must give the same minimumUp"));
            }
        }
        if (!errors.isEmpty()) {
            throw new ValidationException(errors);
        }
        if (find(in.source(), type.key(), in.target()).isPresent()) {
            throw new ConflictException("CI " + in.source() + " already " + type.outgoingLabel() + " CI " + in.target());
        }
        GeneratedKeyHolder keys = new GeneratedKeyHolder();
        try {
            jdbc.sql("""
                    INSERT INTO ci_relationship (source_id, rel_type, target_id, redundancy_group, minimum_up, created_at)
                    VALUES (:source, :type, :target, :group, :minimumUp, :now)""")
                .param("source", in.source()).param("type", type.key()).param("target", in.target())
                .param("group", group).param("minimumUp", group == null ? null : minimumUp)
                .param("now", Timestamp.from(clock.instant()))
                .update(keys, "id");
        } catch (DuplicateKeyException e) {
            throw new ConflictException("CI " + in.source() + " already " + type.outgoingLabel() + " CI " + in.target());
        }
        long id = keys.getKeyAs(Number.class).longValue();
        generation.bump();
        Relationship created = new Relationship(id, in.source(), type.key(), in.target(), group, group == null ? null : minimumUp);
        audit.record(ENTITY, String.valueOf(id), "created", summary(created), changes(created, true));
        audit.recordAll(onBothCis(List.of(created), true, null));
        return created;
    }

    @Transactional
    void delete(long id) {
        Relationship r = jdbc.sql(SELECT + " WHERE id = :id").param("id", id).query(this::map).optional()
            .orElseThrow(() -> new NotFoundException("No relationship with id " + id));
        jdbc.sql("DELETE FROM ci_relationship WHERE id = :id").param("id", id).update();
        generation.bump();
        audit.record(ENTITY, String.valueOf(id), "deleted", summary(r), changes(r, false));
        audit.recordAll(onBothCis(List.of(r), false, null));
    }

    /**
     * The entries that put a relationship's change in the history of the CIs at both ends ("depends on
     * sql01" on the source, "is depended on by app01" on the target); {@code skip} is a CI being deleted.
     */
    List<AuditLog.Record> onBothCis(List<Relationship> changed, boolean added, Long skip) {
        java.util.Set<Long> ids = new java.util.HashSet<>();
        changed.forEach(r -> { ids.add(r.source()); ids.add(r.target()); });
        Map<Long, String> names = new java.util.HashMap<>();
        jdbc.sql("SELECT id, name FROM ci WHERE id IN (:ids)").param("ids", List.copyOf(ids))
            .query(rs -> { names.put(rs.getLong(1), rs.getString(2)); });
        List<AuditLog.Record> records = new java.util.ArrayList<>();
        String action = added ? "relationship-added" : "relationship-removed";
        for (Relationship r : changed) {
            RelationshipType type = RelationshipType.fromKey(r.type()).orElseThrow();
            String target = names.getOrDefault(r.target(), "CI " + r.target()) + " (CI " + r.target() + ")";
            String source = names.getOrDefault(r.source(), "CI " + r.source()) + " (CI " + r.source() + ")";
            if (!Long.valueOf(r.source()).equals(skip)) {
                String text = type.outgoingLabel() + " " + target;
                records.add(new AuditLog.Record(CiService.ENTITY, String.valueOf(r.source()), action, text,
                    Map.of("relationship", added ? new Change(null, text) : new Change(text, null))));
            }
            if (!Long.valueOf(r.target()).equals(skip)) {
                String text = type.incomingLabel() + " " + source;
                records.add(new AuditLog.Record(CiService.ENTITY, String.valueOf(r.target()), action, text,
                    Map.of("relationship", added ? new Change(null, text) : new Change(text, null))));
            }
        }
        return records;
    }

    /** Deletes every relationship of a CI (both ways), each audited; part of deleting the CI. */
    @Transactional
    void deleteAllOf(long ciId) {
        List<Relationship> all = jdbc.sql(SELECT + " WHERE source_id = :id OR target_id = :id").param("id", ciId)
            .query(this::map).list();
        if (all.isEmpty()) {
            return;
        }
        List<AuditLog.Record> others = onBothCis(all, false, ciId);
        jdbc.sql("DELETE FROM ci_relationship WHERE source_id = :id OR target_id = :id").param("id", ciId).update();
        generation.bump();
        audit.recordAll(all.stream().map(r -> new AuditLog.Record(ENTITY, String.valueOf(r.id()), "deleted",
            summary(r) + " (with CI " + ciId + ")", changes(r, false))).toList());
        audit.recordAll(others);
    }

    @Transactional(readOnly = true)
    CiRelationships of(long ciId) {
        if (!exists(ciId)) {
            throw new NotFoundException("No CI with id " + ciId);
        }
        List<RelatedCi> outgoing = jdbc.sql("""
                SELECT r.id, r.rel_type, c.id AS ci_id, c.class_key, c.name, c.status, r.redundancy_group, r.minimum_up
                FROM ci_relationship r JOIN ci c ON c.id = r.target_id
                WHERE r.source_id = :id ORDER BY r.rel_type, c.class_key, c.name""")
            .param("id", ciId).query(this::related).list();
        List<RelatedCi> incoming = jdbc.sql("""
                SELECT r.id, r.rel_type, c.id AS ci_id, c.class_key, c.name, c.status, r.redundancy_group, r.minimum_up
                FROM ci_relationship r JOIN ci c ON c.id = r.source_id
                WHERE r.target_id = :id ORDER BY r.rel_type, c.class_key, c.name""")
            .param("id", ciId).query(this::related).list();
        return new CiRelationships(outgoing, incoming);
    }

    Optional<Relationship> find(long source, String type, long target) {
        return jdbc.sql(SELECT + " WHERE source_id = :s AND rel_type = :t AND target_id = :g")
            .param("s", source).param("t", type).param("g", target).query(this::map).optional();
    }

    /**
     * Checks the redundancy-group fields of one relationship; shared by the API and the CSV import.
     */
    /** A redundancy group of more members than this is not a group anyone runs. */
    static final int MAX_MINIMUM_UP = 10_000;

    static void checkGroup(RelationshipType type, String group, Integer minimumUp, String groupField, String minimumField,
                           List<FieldError> errors) {
        if (group == null && minimumUp != null) {
            errors.add(new FieldError(minimumField, "minimumUp applies only with a redundancyGroup"));
        }
        if (group != null) {
            if (type != null && !type.impacting()) {
                errors.add(new FieldError(groupField, "Redundancy groups apply only to relationships that carry impact, not " + type.key()));
            }
            String problem = org.estate.platform.ValueLimits.textProblem(group, 100, false);
            if (problem != null) {
                errors.add(new FieldError(groupField, "Redundancy group: " + problem.toLowerCase(java.util.Locale.ROOT)));
            }
            if (minimumUp != null && (minimumUp < 1 || minimumUp > MAX_MINIMUM_UP)) {
                errors.add(new FieldError(minimumField, "minimumUp must be between 1 and " + MAX_MINIMUM_UP));
            }
        }
    }

    static String typeKeys() {
        return String.join(", ", java.util.Arrays.stream(RelationshipType.values()).map(RelationshipType::key).toList());
    }

    private Optional<Integer> groupMinimum(long source, String group) {
        return jdbc.sql("SELECT max(minimum_up) FROM ci_relationship WHERE source_id = :s AND redundancy_group = :g")
            .param("s", source).param("g", group).query(Integer.class).optional();
    }

    private boolean exists(long id) {
        return jdbc.sql("SELECT count(*) FROM ci WHERE id = :id").param("id", id).query(Long.class).single() > 0;
    }

    private static String summary(Relationship r) {
        return "CI " + r.source() + " " + r.type() + " CI " + r.target();
    }

    private static Map<String, Change> changes(Relationship r, boolean created) {
        Map<String, Change> changes = new LinkedHashMap<>();
        changes.put("source", created ? new Change(null, r.source()) : new Change(r.source(), null));
        changes.put("type", created ? new Change(null, r.type()) : new Change(r.type(), null));
        changes.put("target", created ? new Change(null, r.target()) : new Change(r.target(), null));
        if (r.redundancyGroup() != null) {
            changes.put("redundancyGroup", created ? new Change(null, r.redundancyGroup()) : new Change(r.redundancyGroup(), null));
            changes.put("minimumUp", created ? new Change(null, r.minimumUp()) : new Change(r.minimumUp(), null));
        }
        return changes;
    }

    private Relationship map(java.sql.ResultSet rs, int n) throws java.sql.SQLException {
        int min = rs.getInt("minimum_up");
        return new Relationship(rs.getLong("id"), rs.getLong("source_id"), rs.getString("rel_type"), rs.getLong("target_id"),
            rs.getString("redundancy_group"), rs.wasNull() ? null : min);
    }

    private RelatedCi related(java.sql.ResultSet rs, int n) throws java.sql.SQLException {
        int min = rs.getInt("minimum_up");
        Integer minimumUp = rs.wasNull() ? null : min;
        return new RelatedCi(rs.getLong("id"), rs.getString("rel_type"), rs.getLong("ci_id"), rs.getString("class_key"),
            rs.getString("name"), rs.getString("status"), rs.getString("redundancy_group"), minimumUp);
    }
}
