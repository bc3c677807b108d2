package org.estate.cmdb.internal;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import org.estate.cmdb.Cmdb.ImportProgress;
import org.estate.cmdb.ImportRejectedException;
import org.estate.cmdb.ImportRejectedException.RowError;
import org.estate.cmdb.ImportResult;
import org.estate.cmdb.RelationshipType;
import org.estate.platform.AuditLog;
import org.estate.platform.AuditLog.Change;
import org.estate.platform.CsvCells;
import org.estate.platform.CsvFile;
import org.estate.platform.CsvHeader;
import org.estate.platform.ValidationException.FieldError;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * CSV import of relationships: upsert by source, type and target, all or nothing, batched, one
 * graph-generation bump for the whole file.
 */
@Component
class RelationshipCsvImporter {

    private static final int CHUNK = 1000;
    static final List<String> COLUMNS = List.of("source_class", "source_name", "type", "target_class", "target_name",
        "redundancy_group", "minimum_up");

    private final JdbcTemplate jdbc;
    private final AuditLog audit;
    private final Clock clock;
    private final TransactionTemplate transaction;
    private final GraphGeneration generation;

    RelationshipCsvImporter(JdbcTemplate jdbc, AuditLog audit, Clock clock, TransactionTemplate transaction,
                            GraphGeneration generation) {
        this.jdbc = jdbc;
        this.audit = audit;
        this.clock = clock;
        this.transaction = transaction;
        this.generation = generation;
    }

    private record Key(long source, String type, long target) {
    }

    private record Existing(long id, String group, Integer minimumUp) {
    }

    private record Row(int number, Key key, String group, Integer minimumUp) {
    }

    private record Validated(Map<Key, Row> rows, Map<Key, Existing> existing, int total) {
    }

    ImportResult importRelationships(CsvFile file, ImportProgress progress) {
        Validated v;
        try (CsvFile.Rows rows = file.rows()) {
            v = validate(rows, progress);
        }
        progress.update("writing", 0, v.total());
        return transaction.execute(status -> write(v.rows(), v.existing(), progress, v.total()));
    }

    private Validated validate(CsvFile.Rows file, ImportProgress progress) {
        progress.update("validating", 0, 0);
        List<RowError> errors = new ArrayList<>();
        if (file.header().isEmpty()) {
            throw new ImportRejectedException(List.of(new RowError(1, null, "The file is empty: it needs a header row")));
        }
        List<String> header = CsvHeader.keys(file.header(), COLUMNS.stream()
            .map(c -> new CsvHeader.Column(c, CiCsvImporter.coreLabel(c.replace("_", " ")))).toList());
        for (int i = 0; i < header.size(); i++) {
            if (header.get(i) == null) {
                errors.add(new RowError(1, file.header().get(i), CsvCells.columnLetter(i) + "1", "Unknown column '"
                    + CiValidator.shown(file.header().get(i)) + "': use " + String.join(",", COLUMNS)));
            } else if (header.indexOf(header.get(i)) != i) {
                errors.add(new RowError(1, header.get(i), CsvCells.columnLetter(i) + "1", "Column '" + header.get(i) + "' appears twice"));
            }
        }
        for (String column : COLUMNS.subList(0, 5)) {
            if (!header.contains(column)) {
                errors.add(new RowError(1, column, "The header has no '" + column + "' column"));
            }
        }
        if (!errors.isEmpty()) {
            throw new ImportRejectedException(errors);
        }
        Map<String, Long> ids = ciIds();
        Map<Key, Existing> existing = existing();
        Map<Key, Row> rows = new LinkedHashMap<>();
        int total = 0;
        for (CsvFile.Row record : file) {
            total++;
            int n = record.number();
            if (errors.size() >= CiCsvImporter.MAX_ERRORS) {
                continue;
            }
            if (record.cells().size() != header.size()) {
                errors.add(new RowError(n, null, "The row has " + record.cells().size() + " cells but the header has " + header.size()));
                continue;
            }
            Map<String, String> cells = new HashMap<>();
            for (String column : COLUMNS) {
                cells.put(column, "");
            }
            for (int c = 0; c < header.size(); c++) {
                cells.put(header.get(c), record.cell(c).trim());
            }
            int before = errors.size();
            Long source = resolve(ids, cells, "source", n, errors);
            Long target = resolve(ids, cells, "target", n, errors);
            RelationshipType type = RelationshipType.fromKey(cells.get("type")).orElse(null);
            if (type == null) {
                errors.add(new RowError(n, "type", cells.get("type").isEmpty() ? "Enter a relationship type"
                    : "Unknown type '" + cells.get("type") + "': use one of " + RelationshipService.typeKeys()));
            }
            if (source != null && source.equals(target)) {
                errors.add(new RowError(n, "target_name", "A CI cannot have a relationship with itself"));
            }
            String group = emptyToNull(cells.get("redundancy_group"));
            Integer minimumUp = null;
            String min = emptyToNull(cells.get("minimum_up"));
            if (min != null) {
                try {
                    minimumUp = min.length() > 10 ? null : Integer.valueOf(min);
                    if (minimumUp == null) {
                        errors.add(new RowError(n, "minimum_up", "Must be a whole number, 1 or more"));
                    }
                } catch (NumberFormatException e) {
                    errors.add(new RowError(n, "minimum_up", "Must be a whole number, 1 or more"));
                }
            }
            List<FieldError> groupErrors = new ArrayList<>();
            RelationshipService.checkGroup(type, group, minimumUp, "redundancy_group", "minimum_up", groupErrors);
            groupErrors.forEach(e -> errors.add(new RowError(n, e.field(), e.message())));
            if (errors.size() == before) {
                Key key = new Key(source, type.key(), target);
                if (rows.containsKey(key)) {
                    errors.add(new RowError(n, "target_name", "The same relationship appears on row " + rows.get(key).number()));
                } else {
                    rows.put(key, new Row(n, key, group, group == null ? null : (minimumUp == null ? 1 : minimumUp)));
                }
            }
            if (n % 10000 == 0) {
                progress.update("validating", n, 0);
            }
        }
        checkGroupsAgree(rows, existing, errors);
        if (!errors.isEmpty()) {
            errors.sort(Comparator.comparingInt(RowError::row));
            throw new ImportRejectedException(errors);
        }
        return new Validated(rows, existing, total);
    }

    /** Every relationship of one (source, group) must ask for the same minimum, file and database together. */
    private static void checkGroupsAgree(Map<Key, Row> rows, Map<Key, Existing> existing, List<RowError> errors) {
        Map<String, Integer> minimum = new HashMap<>();
        Map<String, Integer> firstRow = new HashMap<>();
        for (Row r : rows.values()) {
            if (r.group() == null) {
                continue;
            }
            String g = r.key().source() + "\u0000" + r.group();
            Integer previous = minimum.putIfAbsent(g, r.minimumUp());
            if (previous == null) {
                firstRow.put(g, r.number());
            } else if (!previous.equals(r.minimumUp())) {
                errors.add(new RowError(r.number(), "minimum_up", "Redundancy group '" + r.group() + "' asks for "
                    + previous + " up on row " + firstRow.get(g) + "; every row of a group must agree"));
            }
        }
        for (Map.Entry<Key, Existing> e : existing.entrySet()) {
            Existing x = e.getValue();
            if (x.group() == null || rows.containsKey(e.getKey())) {
                continue;
            }
            String g = e.getKey().source() + "\u0000" + x.group();
            Integer wanted = minimum.get(g);
            if (wanted != null && !wanted.equals(x.minimumUp())) {
                errors.add(new RowError(firstRow.get(g), "minimum_up", "Redundancy group '" + x.group() + "' already asks for "
                    + x.minimumUp() + " up in Estate; every relationship of a group must agree"));
            }
        }
    }

    private ImportResult write(Map<Key, Row> rows, Map<Key, Existing> existing, ImportProgress progress, int total) {
        Timestamp now = Timestamp.from(clock.instant());
        long maxIdBefore = jdbc.queryForObject("SELECT coalesce(max(id), 0) FROM ci_relationship", Long.class);
        List<Object[]> inserts = new ArrayList<>(CHUNK);
        List<Object[]> updates = new ArrayList<>();
        List<AuditLog.Record> records = new ArrayList<>(CHUNK);
        int inserted = 0;
        int updated = 0;
        int unchanged = 0;
        for (Row r : rows.values()) {
            Existing x = existing.get(r.key());
            if (x == null) {
                inserts.add(new Object[] {r.key().source(), r.key().type(), r.key().target(), r.group(), r.minimumUp(), now});
                inserted++;
                if (inserts.size() == CHUNK) {
                    insert(inserts);
                    progress.update("writing", inserted, total);
                }
            } else if (Objects.equals(x.group(), r.group()) && Objects.equals(x.minimumUp(), r.minimumUp())) {
                unchanged++;
            } else {
                updated++;
                updates.add(new Object[] {r.group(), r.minimumUp(), x.id()});
                Map<String, Change> changes = new LinkedHashMap<>();
                changes.put("redundancyGroup", new Change(x.group(), r.group()));
                changes.put("minimumUp", new Change(x.minimumUp(), r.minimumUp()));
                records.add(new AuditLog.Record(RelationshipService.ENTITY, String.valueOf(x.id()), "updated",
                    "CI " + r.key().source() + " " + r.key().type() + " CI " + r.key().target() + " updated by CSV import", changes));
                flush(records, false);
            }
        }
        insert(inserts);
        for (int i = 0; i < updates.size(); i += CHUNK) {
            jdbc.batchUpdate("UPDATE ci_relationship SET redundancy_group = ?, minimum_up = ? WHERE id = ?",
                updates.subList(i, Math.min(updates.size(), i + CHUNK)));
        }
        if (inserted > 0) {
            // Only the rows this import added, read back for their ids, streamed into the audit log.
            jdbc.query("SELECT id, source_id, rel_type, target_id, redundancy_group, minimum_up FROM ci_relationship WHERE id > ? ORDER BY id",
                rs -> {
                    Key key = new Key(rs.getLong(2), rs.getString(3), rs.getLong(4));
                    if (!rows.containsKey(key) || existing.containsKey(key)) {
                        return; // another writer's relationship, committed meanwhile
                    }
                    Map<String, Change> changes = new LinkedHashMap<>();
                    changes.put("source", new Change(null, rs.getLong(2)));
                    changes.put("type", new Change(null, rs.getString(3)));
                    changes.put("target", new Change(null, rs.getLong(4)));
                    String group = rs.getString(5);
                    if (group != null) {
                        changes.put("redundancyGroup", new Change(null, group));
                        changes.put("minimumUp", new Change(null, rs.getInt(6)));
                    }
                    records.add(new AuditLog.Record(RelationshipService.ENTITY, String.valueOf(rs.getLong(1)), "created",
                        "CI " + rs.getLong(2) + " " + rs.getString(3) + " CI " + rs.getLong(4) + " created by CSV import", changes));
                    flush(records, false);
                }, maxIdBefore);
        }
        flush(records, true);
        if (inserted > 0 || updated > 0) {
            generation.bump();
        }
        progress.update("writing", total, total);
        return new ImportResult(inserted, updated, unchanged);
    }

    private void insert(List<Object[]> inserts) {
        if (!inserts.isEmpty()) {
            jdbc.batchUpdate("""
                INSERT INTO ci_relationship (source_id, rel_type, target_id, redundancy_group, minimum_up, created_at)
                VALUES (?, ?, ?, ?, ?, ?)""", inserts);
            inserts.clear();
        }
    }

    private void flush(List<AuditLog.Record> records, boolean last) {
        if (records.size() >= CHUNK || (last && !records.isEmpty())) {
            audit.recordAll(records);
            records.clear();
        }
    }

    private static Long resolve(Map<String, Long> ids, Map<String, String> cells, String end, int row, List<RowError> errors) {
        String classKey = cells.get(end + "_class");
        String name = cells.get(end + "_name");
        if (classKey.isEmpty()) {
            errors.add(new RowError(row, end + "_class", "Enter the " + end + " CI's class"));
            return null;
        }
        if (name.isEmpty()) {
            errors.add(new RowError(row, end + "_name", "Enter the " + end + " CI's name"));
            return null;
        }
        Long id = ids.get(CiStore.key(classKey, name));
        if (id == null) {
            errors.add(new RowError(row, end + "_name", "No " + classKey + " named '" + name + "' in Estate"));
        }
        return id;
    }

    private Map<String, Long> ciIds() {
        Map<String, Long> ids = new HashMap<>();
        jdbc.query("SELECT id, class_key, name FROM ci", rs -> {
            ids.put(CiStore.key(rs.getString(2), rs.getString(3)), rs.getLong(1));
        });
        return ids;
    }

    private Map<Key, Existing> existing() {
        Map<Key, Existing> existing = new HashMap<>();
        Set<String> types = new HashSet<>();
        jdbc.query("SELECT id, source_id, rel_type, target_id, redundancy_group, minimum_up FROM ci_relationship", rs -> {
            String type = rs.getString(3);
            types.add(type);
            int min = rs.getInt(6);
            Integer minimumUp = rs.wasNull() ? null : min;
            existing.put(new Key(rs.getLong(2), type.intern(), rs.getLong(4)), new Existing(rs.getLong(1), rs.getString(5), minimumUp));
        });
        return existing;
    }

    private static String emptyToNull(String s) {
        return s == null || s.isEmpty() ? null : s;
    }
}
