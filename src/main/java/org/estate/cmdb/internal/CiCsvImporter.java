package org.estate.cmdb.internal;

import java.io.IOException;
import java.io.Reader;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.apache.commons.csv.CSVRecord;
import org.estate.cmdb.AttributeDefinition;
import org.estate.cmdb.CiClass;
import org.estate.cmdb.CiInput;
import org.estate.cmdb.Cmdb.ImportProgress;
import org.estate.cmdb.ImportRejectedException;
import org.estate.cmdb.ImportRejectedException.RowError;
import org.estate.cmdb.ImportResult;
import org.estate.platform.AuditLog;
import org.estate.platform.ValidationException.FieldError;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * CSV import of CIs: upsert by class and name, all or nothing. Every row is validated first with
 * the same rules as the API; any bad row rejects the whole file with every problem listed. The
 * writes then go in batches inside one transaction, with their audit entries.
 *
 * <p>A column the file leaves out keeps the stored value; an empty cell clears it. So an export
 * re-imported changes nothing.
 */
@Component
class CiCsvImporter {

    private final ClassCatalogue catalogue;
    private final CiStore store;
    private final AuditLog audit;
    private final JdbcClient jdbc;
    private final Clock clock;
    private final TransactionTemplate transaction;

    CiCsvImporter(ClassCatalogue catalogue, CiStore store, AuditLog audit, JdbcClient jdbc, Clock clock,
                  TransactionTemplate transaction) {
        this.catalogue = catalogue;
        this.store = store;
        this.audit = audit;
        this.jdbc = jdbc;
        this.clock = clock;
        this.transaction = transaction;
    }

    private record Row(int number, CiRecord ci, Set<String> presentAttributes, Set<String> presentCore) {
    }

    ImportResult importCis(Reader reader, ImportProgress progress) throws IOException {
        Map<String, CiClass> classes = catalogue.all();
        // Validation in its own method, so the parsed file can be collected before the writes.
        List<Row> rows = validate(reader, classes, progress);
        int total = rows.size();
        progress.update("writing", 0, total);
        return transaction.execute(status -> write(rows, classes, progress, total));
    }

    private List<Row> validate(Reader reader, Map<String, CiClass> classes, ImportProgress progress) throws IOException {
        progress.update("reading", 0, 0);
        Csv.Table table = Csv.read(reader);
        Set<String> attributeKeys = new HashSet<>();
        classes.values().forEach(c -> c.attributes().forEach(a -> attributeKeys.add(a.key())));
        List<RowError> errors = new ArrayList<>();
        List<String> header = table.header();
        for (String required : List.of("class", "name")) {
            if (!header.contains(required)) {
                errors.add(new RowError(0, required, "The header has no '" + required + "' column"));
            }
        }
        Set<String> seen = new HashSet<>();
        for (String column : header) {
            if (!seen.add(column)) {
                errors.add(new RowError(0, column, "Column '" + column + "' appears twice"));
            } else if (!ClassCatalogue.CORE_FIELDS.contains(column) && !attributeKeys.contains(column)) {
                errors.add(new RowError(0, column, "Unknown column '" + column + "': not a CI field nor an attribute of any class"));
            }
        }
        if (!errors.isEmpty()) {
            throw new ImportRejectedException(errors);
        }
        int total = table.rows().size();
        progress.update("validating", 0, total);
        List<Row> rows = new ArrayList<>(total);
        Set<String> keys = new HashSet<>();
        Set<String> presentCore = new HashSet<>(header);
        for (int i = 0; i < total; i++) {
            CSVRecord record = table.rows().get(i);
            int rowNumber = i + 1;
            if (record.size() != header.size()) {
                errors.add(new RowError(rowNumber, null, "The row has " + record.size() + " cells but the header has " + header.size()));
                continue;
            }
            Map<String, String> cells = new LinkedHashMap<>();
            for (int c = 0; c < header.size(); c++) {
                cells.put(header.get(c), record.get(c));
            }
            String classKey = cells.getOrDefault("class", "").trim();
            CiClass ciClass = classes.get(classKey);
            Map<String, Object> attributes = new LinkedHashMap<>();
            Set<String> present = new HashSet<>();
            for (Map.Entry<String, String> cell : cells.entrySet()) {
                if (ClassCatalogue.CORE_FIELDS.contains(cell.getKey())) {
                    continue;
                }
                boolean belongs = ciClass != null && ciClass.attribute(cell.getKey()).isPresent();
                if (belongs) {
                    present.add(cell.getKey());
                    if (!cell.getValue().isBlank()) {
                        attributes.put(cell.getKey(), cell.getValue());
                    }
                } else if (ciClass != null && !cell.getValue().isBlank()) {
                    errors.add(new RowError(rowNumber, cell.getKey(), "Class '" + classKey + "' has no attribute '" + cell.getKey() + "': leave the cell empty"));
                }
            }
            String tags = cells.get("tags");
            CiInput input = new CiInput(classKey, cells.get("name"), cells.get("status"), cells.get("criticality"),
                cells.get("owner"), cells.get("description"), cells.get("endOfLife"), cells.get("endOfSupport"),
                tags == null ? null : Arrays.asList(tags.split(";")), attributes);
            CiValidator.Result result = CiValidator.validate(input, classes);
            for (FieldError e : result.errors()) {
                errors.add(new RowError(rowNumber, column(e.field()), e.message()));
            }
            if (result.ci() != null) {
                if (!keys.add(CiStore.key(result.ci().classKey(), result.ci().name()))) {
                    errors.add(new RowError(rowNumber, "name", "A " + classKey + " named '" + result.ci().name() + "' appears earlier in the file"));
                } else {
                    rows.add(new Row(rowNumber, result.ci(), present, presentCore));
                }
            }
            if (rowNumber % 5000 == 0) {
                progress.update("validating", rowNumber, total);
            }
        }
        if (!errors.isEmpty()) {
            errors.sort(Comparator.comparingInt(RowError::row));
            throw new ImportRejectedException(errors);
        }
        return rows;
    }

    private ImportResult write(List<Row> rows, Map<String, CiClass> classes, ImportProgress progress, int total) {
        Set<String> classKeys = new LinkedHashSet<>();
        rows.forEach(r -> classKeys.add(r.ci().classKey()));
        Map<String, CiRecord> existing = store.byClassAndName(classKeys);
        List<CiRecord> inserts = new ArrayList<>();
        List<CiRecord> updates = new ArrayList<>();
        List<CiRecord[]> updatedPairs = new ArrayList<>();
        int unchanged = 0;
        for (Row row : rows) {
            CiRecord incoming = row.ci();
            CiRecord current = existing.get(CiStore.key(incoming.classKey(), incoming.name()));
            if (current == null) {
                inserts.add(incoming);
                continue;
            }
            CiRecord merged = merge(current, incoming, row, classes.get(incoming.classKey()));
            if (merged.sameContentAs(current)) {
                unchanged++;
            } else {
                updates.add(merged);
                updatedPairs.add(new CiRecord[] {current, merged});
            }
        }
        Instant now = clock.instant();
        store.batchInsert(inserts, now);
        progress.update("writing", inserts.size(), total);
        store.batchUpdate(updates, now);
        progress.update("writing", inserts.size() + updates.size(), total);
        List<AuditLog.Record> records = new ArrayList<>(CiStore.CHUNK);
        if (!inserts.isEmpty()) {
            Map<String, Long> ids = ids(classKeys);
            for (CiRecord ci : inserts) {
                long id = ids.get(CiStore.key(ci.classKey(), ci.name()));
                records.add(new AuditLog.Record(CiService.ENTITY, String.valueOf(id), "created",
                    ci.classKey() + " " + ci.name() + " created by CSV import", CiRecord.diff(null, ci)));
                flush(records, false);
            }
        }
        for (CiRecord[] pair : updatedPairs) {
            records.add(new AuditLog.Record(CiService.ENTITY, String.valueOf(pair[0].id()), "updated",
                pair[1].classKey() + " " + pair[1].name() + " updated by CSV import", CiRecord.diff(pair[0], pair[1])));
            flush(records, false);
        }
        flush(records, true);
        progress.update("writing", total, total);
        return new ImportResult(inserts.size(), updates.size(), unchanged);
    }

    /** Writes audit entries a chunk at a time: 100,000 of them held at once would not fit a small heap. */
    private void flush(List<AuditLog.Record> records, boolean last) {
        if (records.size() >= CiStore.CHUNK || (last && !records.isEmpty())) {
            audit.recordAll(records);
            records.clear();
        }
    }

    /** The incoming row over the stored CI: columns the file leaves out keep their stored values. */
    private static CiRecord merge(CiRecord current, CiRecord in, Row row, CiClass ciClass) {
        Set<String> core = row.presentCore();
        Map<String, Object> attributes = new LinkedHashMap<>();
        for (AttributeDefinition def : ciClass.attributes()) {
            Object value = row.presentAttributes().contains(def.key()) ? in.attributes().get(def.key())
                : current.attributes().get(def.key());
            if (value != null) {
                attributes.put(def.key(), value);
            }
        }
        return new CiRecord(current.id(), current.classKey(), current.name(),
            core.contains("status") ? in.status() : current.status(),
            core.contains("criticality") ? in.criticality() : current.criticality(),
            core.contains("owner") ? in.owner() : current.owner(),
            core.contains("description") ? in.description() : current.description(),
            core.contains("endOfLife") ? in.endOfLife() : current.endOfLife(),
            core.contains("endOfSupport") ? in.endOfSupport() : current.endOfSupport(),
            core.contains("tags") ? in.tags() : current.tags(),
            attributes, current.createdAt(), current.updatedAt(), current.version());
    }

    private Map<String, Long> ids(Set<String> classKeys) {
        Map<String, Long> ids = new HashMap<>();
        jdbc.sql("SELECT id, class_key, name FROM ci WHERE class_key IN (:classes)").param("classes", List.copyOf(classKeys))
            .query(rs -> {
                ids.put(CiStore.key(rs.getString(2), rs.getString(3)), rs.getLong(1));
            });
        return ids;
    }

    private static String column(String field) {
        return field.startsWith("attributes.") ? field.substring("attributes.".length()) : field;
    }
}
