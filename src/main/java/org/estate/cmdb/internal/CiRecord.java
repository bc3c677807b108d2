package org.estate.cmdb.internal;

import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.estate.cmdb.Ci;
import org.estate.platform.AuditLog.Change;

/**
 * A validated CI with canonical values (numbers as stripped {@code BigDecimal}s, dates and other
 * scalars as strings), so that two records with the same content are {@code equals}.
 */
record CiRecord(Long id, String classKey, String name, String status, String criticality, String owner,
                String description, LocalDate endOfLife, LocalDate endOfSupport, List<String> tags,
                Map<String, Object> attributes, Instant createdAt, Instant updatedAt, long version) {

    /** Same content, ignoring identity and timestamps. */
    boolean sameContentAs(CiRecord o) {
        return classKey.equals(o.classKey) && name.equals(o.name) && status.equals(o.status)
            && criticality.equals(o.criticality) && Objects.equals(owner, o.owner)
            && Objects.equals(description, o.description) && Objects.equals(endOfLife, o.endOfLife)
            && Objects.equals(endOfSupport, o.endOfSupport) && tags.equals(o.tags) && attributes.equals(o.attributes);
    }

    CiRecord withIdentity(Long id, Instant createdAt, Instant updatedAt, long version) {
        return new CiRecord(id, classKey, name, status, criticality, owner, description, endOfLife, endOfSupport, tags,
            attributes, createdAt, updatedAt, version);
    }

    Ci toCi() {
        return new Ci(id, classKey, name, status, criticality, owner, description, endOfLife, endOfSupport, tags,
            attributes, createdAt, updatedAt, version);
    }

    /** Field-by-field differences for the audit log ({@code before} null: everything is new; {@code after} null: deleted). */
    static Map<String, Change> diff(CiRecord before, CiRecord after) {
        Map<String, Change> changes = new LinkedHashMap<>();
        put(changes, "class", before == null ? null : before.classKey, after == null ? null : after.classKey);
        put(changes, "name", before == null ? null : before.name, after == null ? null : after.name);
        put(changes, "status", before == null ? null : before.status, after == null ? null : after.status);
        put(changes, "criticality", before == null ? null : before.criticality, after == null ? null : after.criticality);
        put(changes, "owner", before == null ? null : before.owner, after == null ? null : after.owner);
        put(changes, "description", before == null ? null : before.description, after == null ? null : after.description);
        put(changes, "endOfLife", before == null ? null : str(before.endOfLife), after == null ? null : str(after.endOfLife));
        put(changes, "endOfSupport", before == null ? null : str(before.endOfSupport), after == null ? null : str(after.endOfSupport));
        put(changes, "tags", before == null || before.tags.isEmpty() ? null : before.tags,
            after == null || after.tags.isEmpty() ? null : after.tags);
        Map<String, Object> a = before == null ? Map.of() : before.attributes;
        Map<String, Object> b = after == null ? Map.of() : after.attributes;
        var keys = new java.util.LinkedHashSet<String>(a.keySet());
        keys.addAll(b.keySet());
        for (String key : keys) {
            put(changes, "attributes." + key, a.get(key), b.get(key));
        }
        return changes;
    }

    private static void put(Map<String, Change> changes, String field, Object from, Object to) {
        if (!Objects.equals(from, to)) {
            changes.put(field, new Change(from, to));
        }
    }

    private static String str(LocalDate d) {
        return d == null ? null : d.toString();
    }
}
