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
import org.estate.cmdb.Relationship;
import org.estate.platform.AuditLog;
import org.estate.platform.AuditLog.Change;
import org.estate.cmdb.CiClass;
import org.estate.platform.CsvFile;
import org.estate.platform.CsvHeader;
import org.estate.platform.CsvValues;
import org.estate.platform.ImportCheck;
import org.estate.platform.ValidationException.FieldError;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * CSV import of relationships: upsert by source, type and target, all or nothing, batched, one
 * graph-generation bump for the whole file. Read in the one CSV convention: classes and types by
 * key or label in any case; in an update an empty redundancy group or minimum keeps the stored
 * one and {@value CsvValues#CLEAR} in the redundancy group removes it.
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

    private final ClassCatalogue catalogue;
    private final RelationshipService relationships;

    RelationshipCsvImporter(JdbcTemplate jdbc, AuditLog audit, Clock clock, TransactionTemplate transaction,
                            GraphGeneration generation, ClassCatalogue catalogue, RelationshipService relationships) {
        this.catalogue = catalogue;
        this.relationships = relationships;
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
            v = validate(rows, progress, null);
        }
        progress.update("writing", 0, v.total());
        return transaction.execute(status -> write(v.rows(), v.existing(), progress, v.total()));
    }

    /** The dry run: what {@link #importRelationships} would do, writing nothing. */
    ImportCheck checkRelationships(CsvFile file) {
        ImportCheck.Collector collector = new ImportCheck.Collector();
        try (CsvFile.Rows rows = file.rows()) {
            validate(rows, ImportProgress.NONE, collector);
        }
        return collector.result();
    }

    private static final List<String> LABELS = List.of("Source class", "Source name", "Type", "Target class", "Target name",
        "Redundancy group", "Minimum up");

    private Validated validate(CsvFile.Rows file, ImportProgress progress, ImportCheck.Collector collector) {
        progress.update("validating", 0, 0);
        List<RowError> errors = new ArrayList<>();
        if (file.header().isEmpty()) {
            throw new ImportRejectedException(List.of(new RowError(1, null, "The file is empty: it needs a header row")));
        }
        List<CsvHeader.Column> columns = new ArrayList<>();
        for (int i = 0; i < COLUMNS.size(); i++) {
            columns.add(new CsvHeader.Column(COLUMNS.get(i), LABELS.get(i)));
        }
        CsvHeader.Match header = CsvHeader.match(file.header(), columns, COLUMNS.subList(0, 5));
        header.problems().forEach(p -> errors.add(new RowError(1, p.column(), p.cell(), p.message())));
        if (COLUMNS.subList(0, 5).stream().anyMatch(c -> !header.has(c))) {
            throw new ImportRejectedException(errors); // without the five key columns no row can be read
        }
        Map<String, CiClass> classes = catalogue.all();
        List<CsvValues.Option> classOptions = classes.values().stream().map(c -> new CsvValues.Option(c.key(), c.label())).toList();
        List<CsvValues.Option> typeOptions = java.util.Arrays.stream(RelationshipType.values())
            .map(t -> new CsvValues.Option(t.key(), t.outgoingLabel())).toList();
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
            String shape = header.shapeProblem(record);
            if (shape != null) {
                errors.add(new RowError(n, null, null, shape));
                continue;
            }
            Map<String, String> cells = new HashMap<>();
            for (String column : COLUMNS) {
                cells.put(column, "");
            }
            header.cells(record).forEach((k, v) -> cells.put(k, v.strip()));
            Set<String> clears = header.clears(record);
            int before = errors.size();
            Cell cell = (column, message) -> errors.add(new RowError(n, column, header.cell(column, n), message));
            Long source = resolve(ids, cells, "source", classOptions, clears, cell);
            Long target = resolve(ids, cells, "target", classOptions, clears, cell);
            RelationshipType type = null;
            String typeCell = cells.get("type");
            if (typeCell.isEmpty() || clears.contains("type")) {
                cell.add("type", "Enter the type");
            } else {
                String key = CsvValues.option(typeCell, typeOptions);
                type = key == null ? null : RelationshipType.fromKey(key).orElseThrow();
                if (type == null) {
                    cell.add("type", CsvValues.notAnOption("Type", typeCell, typeOptions));
                }
            }
            if (source != null && source.equals(target)) {
                cell.add("target_name", "A CI cannot have a relationship with itself");
            }
            Existing x = source == null || target == null || type == null ? null : existing.get(new Key(source, type.key(), target));
            // An empty cell keeps what is stored; the clear marker removes the group (and with it the minimum).
            String group = clears.contains("redundancy_group") ? null
                : !cells.get("redundancy_group").isEmpty() ? cells.get("redundancy_group") : x == null ? null : x.group();
            Integer minimumUp = null;
            String min = cells.get("minimum_up");
            if (clears.contains("minimum_up")) {
                cell.add("minimum_up", "Minimum up cannot be cleared on its own: clear the redundancy group with " + CsvValues.CLEAR);
            } else if (!min.isEmpty()) {
                minimumUp = min.length() > 10 || !min.matches("\\d+") ? null : Integer.valueOf(min);
                if (minimumUp == null) {
                    cell.add("minimum_up", "Minimum up '" + CsvValues.shown(min) + "' is not a whole number from 1 to "
                        + RelationshipService.MAX_MINIMUM_UP);
                }
            } else if (group != null) {
                minimumUp = x != null && group.equals(x.group()) ? x.minimumUp() : Integer.valueOf(1);
            }
            if (errors.size() == before) {
                List<FieldError> groupErrors = new ArrayList<>();
                RelationshipService.checkGroup(type, group, minimumUp, "redundancy_group", "minimum_up", groupErrors);
                groupErrors.forEach(e -> cell.add(e.field(), e.message()));
            }
            if (errors.size() == before) {
                Key key = new Key(source, type.key(), target);
                Row row = new Row(n, key, group, group == null ? null : (minimumUp == null ? 1 : minimumUp));
                if (rows.containsKey(key)) {
                    cell.add("target_name", "The same relationship appears on row " + rows.get(key).number());
                } else {
                    rows.put(key, row);
                    if (collector != null) {
                        collect(collector, row, x, cells);
                    }
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

    private interface Cell {
        void add(String column, String message);
    }

    /** One row of the dry run: class is the relationship's type, name reads "source → target". */
    private static void collect(ImportCheck.Collector collector, Row row, Existing x, Map<String, String> cells) {
        String source = cells.get("source_class") + ":" + cells.get("source_name");
        String target = cells.get("target_class") + ":" + cells.get("target_name");
        Map<String, ImportCheck.Field> fields = new LinkedHashMap<>();
        if (x == null) {
            fields.put("source", new ImportCheck.Field(null, source));
            fields.put("type", new ImportCheck.Field(null, row.key().type()));
            fields.put("target", new ImportCheck.Field(null, target));
        }
        String group = x == null ? null : x.group();
        Integer minimumUp = x == null ? null : x.minimumUp();
        if (!Objects.equals(group, row.group())) {
            fields.put("redundancyGroup", new ImportCheck.Field(group, row.group()));
        }
        if (!Objects.equals(minimumUp, row.minimumUp())) {
            fields.put("minimumUp", new ImportCheck.Field(minimumUp, row.minimumUp()));
        }
        collector.add(row.number(), row.key().type(), source + " \u2192 " + target,
            x == null ? "create" : fields.isEmpty() ? "unchanged" : "update", fields);
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
            // Only the rows this import added, read back for their ids, streamed into the audit log: the
            // relationship's own entry, and one in the history of each CI at its ends (as the API does).
            List<Relationship> added = new ArrayList<>(CHUNK);
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
                    added.add(new Relationship(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getLong(4), group,
                        group == null ? null : rs.getInt(6)));
                    if (added.size() == CHUNK) {
                        records.addAll(relationships.onBothCis(added, true, null));
                        added.clear();
                    }
                    flush(records, false);
                }, maxIdBefore);
            if (!added.isEmpty()) {
                records.addAll(relationships.onBothCis(added, true, null));
            }
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

    private static Long resolve(Map<String, Long> ids, Map<String, String> cells, String end, List<CsvValues.Option> classes,
                                Set<String> clears, Cell cell) {
        String classCell = cells.get(end + "_class");
        String name = cells.get(end + "_name");
        String label = Character.toUpperCase(end.charAt(0)) + end.substring(1);
        if (classCell.isEmpty() || clears.contains(end + "_class")) {
            cell.add(end + "_class", "Enter the " + end + " CI's class");
            return null;
        }
        String classKey = CsvValues.option(classCell, classes);
        if (classKey == null) {
            cell.add(end + "_class", CsvValues.notAnOption(label + " class", classCell, classes));
            return null;
        }
        cells.put(end + "_class", classKey); // as the dry run shows it
        if (name.isEmpty() || clears.contains(end + "_name")) {
            cell.add(end + "_name", "Enter the " + end + " CI's name");
            return null;
        }
        Long id = ids.get(CiStore.key(classKey, name));
        if (id == null) {
            cell.add(end + "_name", label + " name '" + CsvValues.shown(name) + "': no " + classKey + " of that name in Estate");
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
}
