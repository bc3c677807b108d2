package org.estate.cmdb.internal;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.estate.cmdb.Ci;
import org.estate.cmdb.CiFilter;
import org.estate.cmdb.CiInput;
import org.estate.cmdb.HistoryEntry;
import org.estate.platform.AuditLog;
import org.estate.platform.ConflictException;
import org.estate.platform.NotFoundException;
import org.estate.platform.PageResult;
import org.estate.platform.Paging;
import org.estate.platform.PreconditionFailedException;
import org.estate.platform.ValidationException;
import org.estate.platform.ValidationException.FieldError;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Creating, reading, changing, deleting and finding CIs, each write audited in its transaction. */
@Service
class CiService {

    static final String ENTITY = "ci";

    private final CiStore store;
    private final ClassCatalogue catalogue;
    private final RelationshipService relationships;
    private final AuditLog audit;
    private final JdbcClient jdbc;
    private final Clock clock;

    CiService(CiStore store, ClassCatalogue catalogue, RelationshipService relationships, AuditLog audit, JdbcClient jdbc,
              Clock clock) {
        this.store = store;
        this.catalogue = catalogue;
        this.relationships = relationships;
        this.audit = audit;
        this.jdbc = jdbc;
        this.clock = clock;
    }

    @Transactional
    Ci create(CiInput input) {
        CiValidator.Result result = CiValidator.validate(input, catalogue.all());
        if (!result.errors().isEmpty()) {
            throw new ValidationException(result.errors());
        }
        CiRecord ci = result.ci();
        if (store.find(ci.classKey(), ci.name()).isPresent()) {
            throw duplicate(ci);
        }
        Instant now = clock.instant();
        long id;
        try {
            id = store.insert(ci, now);
        } catch (DuplicateKeyException e) {
            throw duplicate(ci);
        }
        CiRecord saved = ci.withIdentity(id, now, now, 0);
        audit.record(ENTITY, String.valueOf(id), "created", ci.classKey() + " " + ci.name() + " created", CiRecord.diff(null, saved));
        return saved.toCi();
    }

    // "No such CI" is an answer, not a failure: a caller inside its own transaction that catches it
    // (a check on a deleted CI) must not find that transaction marked rollback-only.
    @Transactional(readOnly = true, noRollbackFor = NotFoundException.class)
    Ci get(long id) {
        return record(id).toCi();
    }

    CiRecord record(long id) {
        return store.find(id).orElseThrow(() -> new NotFoundException("No CI with id " + id));
    }

    @Transactional
    Ci update(long id, long expectedVersion, CiInput input) {
        CiRecord before = record(id);
        if (before.version() != expectedVersion) {
            throw new PreconditionFailedException("The CI has changed since you read it (now version " + before.version() + ")");
        }
        if (input.ciClass() != null && !input.ciClass().isBlank() && !input.ciClass().trim().equals(before.classKey())) {
            throw new ValidationException("class", "A CI's class cannot change: create a new CI of class '" + input.ciClass().trim() + "' instead");
        }
        CiInput withClass = new CiInput(before.classKey(), input.name(), input.status(), input.criticality(), input.owner(),
            input.description(), input.endOfLife(), input.endOfSupport(), input.tags(), input.attributes());
        CiValidator.Result result = CiValidator.validate(withClass, catalogue.all());
        if (!result.errors().isEmpty()) {
            throw new ValidationException(result.errors());
        }
        CiRecord after = result.ci();
        if (after.sameContentAs(before)) {
            return before.toCi();
        }
        if (!after.name().equals(before.name()) && store.find(after.classKey(), after.name()).isPresent()) {
            throw duplicate(after);
        }
        Instant now = clock.instant();
        boolean updated;
        try {
            updated = store.update(id, expectedVersion, after, now);
        } catch (DuplicateKeyException e) {
            throw duplicate(after);
        }
        if (!updated) {
            throw new PreconditionFailedException("The CI has changed since you read it");
        }
        CiRecord saved = after.withIdentity(id, before.createdAt(), now, expectedVersion + 1);
        audit.record(ENTITY, String.valueOf(id), "updated", after.classKey() + " " + after.name() + " updated",
            CiRecord.diff(before, saved));
        return saved.toCi();
    }

    @Transactional
    void delete(long id) {
        CiRecord before = record(id);
        relationships.deleteAllOf(id);
        store.delete(id);
        audit.record(ENTITY, String.valueOf(id), "deleted", before.classKey() + " " + before.name() + " deleted",
            CiRecord.diff(before, null));
    }

    @Transactional(readOnly = true)
    List<HistoryEntry> history(long id) {
        List<AuditLog.Entry> entries = audit.history(ENTITY, String.valueOf(id));
        if (entries.isEmpty() && store.find(id).isEmpty()) {
            throw new NotFoundException("No CI with id " + id);
        }
        return entries.stream().map(e -> {
            Map<String, HistoryEntry.Change> changes = new LinkedHashMap<>();
            e.changes().forEach((k, v) -> changes.put(k, new HistoryEntry.Change(v.from(), v.to())));
            return new HistoryEntry(e.at(), e.actor(), e.action(), changes, e.via());
        }).toList();
    }

    @Transactional(readOnly = true)
    Map<String, Long> countsByClass() {
        Map<String, Long> counts = new LinkedHashMap<>();
        jdbc.sql("SELECT class_key, count(*) AS n FROM ci GROUP BY class_key ORDER BY class_key")
            .query(rs -> {
                counts.put(rs.getString("class_key"), rs.getLong("n"));
            });
        return counts;
    }

    private static ConflictException duplicate(CiRecord ci) {
        return new ConflictException("A " + ci.classKey() + " named '" + ci.name() + "' already exists");
    }

    static String escapeLike(String s) {
        return s.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }
}
