package org.estate.cmdb.internal;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.estate.cmdb.AttributeDefinition;
import org.estate.cmdb.CiClass;
import org.estate.cmdb.CiInput;
import org.estate.cmdb.Cmdb.ImportProgress;
import org.estate.cmdb.ImportRejectedException;
import org.estate.cmdb.ImportRejectedException.RowError;
import org.estate.cmdb.ImportResult;
import org.estate.platform.AuditLog;
import org.estate.platform.CsvCells;
import org.estate.platform.CsvFile;
import org.estate.platform.CsvHeader;
import org.estate.platform.ValidationException.FieldError;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * CSV import of CIs: upsert by class and name, all or nothing. Every row is validated first with
 * the same rules as the API; any bad row rejects the whole file with its problems listed (the
 * first {@value #MAX_ERRORS}). The writes then go in chunks inside one transaction, with their
 * audit entries, reading the file a second time: only the class-and-name keys of the file are
 * held in memory, never its rows.
 *
 * <p>A column the file leaves out keeps the stored value; an empty cell clears it. So an export
 * re-imported changes nothing.
 */
@Component
class CiCsvImporter {

    static final int MAX_ERRORS = 1000;

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

    /** The header: each column's key (by key or label), where each key is, and the core fields present. */
    private record Header(List<String> keys, Map<String, Integer> index, Set<String> presentCore) {
        String cell(String column, int row) {
            Integer i = column == null ? null : index.get(column);
            return i == null ? null : CsvCells.columnLetter(i) + row;
        }
    }

    private record Row(int number, CiRecord ci, Set<String> presentAttributes) {
    }

    ImportResult importCis(CsvFile file, ImportProgress progress) {
        Map<String, CiClass> classes = catalogue.all();
        progress.update("validating", 0, 0);
        Header header;
        try (CsvFile.Rows rows = file.rows()) {
            header = header(rows.header(), classes);
        }
        int total = validate(file, header, classes, progress);
        progress.update("writing", 0, total);
        return transaction.execute(status -> {
            try (CsvFile.Rows rows = file.rows()) {
                return write(rows, header, classes, progress, total);
            }
        });
    }

    private static Header header(List<String> cells, Map<String, CiClass> classes) {
        if (cells.isEmpty()) {
            throw new ImportRejectedException(List.of(new RowError(1, null, "The file is empty: it needs a header row")));
        }
        List<CsvHeader.Column> columns = new ArrayList<>();
        for (String core : ClassCatalogue.CORE_FIELDS) {
            columns.add(new CsvHeader.Column(core, coreLabel(core)));
        }
        classes.values().forEach(c -> c.attributes().forEach(a -> columns.add(new CsvHeader.Column(a.key(), a.label()))));
        List<String> keys = CsvHeader.keys(cells, columns);
        List<RowError> errors = new ArrayList<>();
        Map<String, Integer> index = new HashMap<>();
        for (int i = 0; i < keys.size(); i++) {
            String cell = CsvCells.columnLetter(i) + "1";
            if (keys.get(i) == null) {
                errors.add(new RowError(1, cells.get(i), cell, "Unknown column '" + CiValidator.shown(cells.get(i))
                    + "': not a CI field nor an attribute of any class (use its key or its label)"));
            } else if (index.putIfAbsent(keys.get(i), i) != null) {
                errors.add(new RowError(1, keys.get(i), cell, "Column '" + keys.get(i) + "' appears twice"));
            }
        }
        for (String required : List.of("class", "name")) {
            if (!index.containsKey(required)) {
                errors.add(new RowError(1, required, "The header has no '" + required + "' column"));
            }
        }
        if (!errors.isEmpty()) {
            throw new ImportRejectedException(errors);
        }
        Set<String> core = new HashSet<>(keys);
        core.retainAll(ClassCatalogue.CORE_FIELDS);
        return new Header(keys, index, core);
    }

    /** "endOfLife" → "End of life": the label the CI pages show for a core field. */
    static String coreLabel(String key) {
        String spaced = key.replaceAll("([A-Z])", " $1").toLowerCase(Locale.ROOT);
        return Character.toUpperCase(spaced.charAt(0)) + spaced.substring(1);
    }

    /**
     * The first pass: every row checked, only a 64-bit hash of each key kept (8 bytes a row, so a
     * file at the size limit fits a small heap). Answers the number of rows.
     */
    private int validate(CsvFile file, Header header, Map<String, CiClass> classes, ImportProgress progress) {
        List<RowError> errors = new ArrayList<>();
        LongHashSet hashes = new LongHashSet();
        LongHashSet suspects = new LongHashSet();
        Map<String, Set<String>> presentByClass = new HashMap<>();
        int count = 0;
        long badRows = 0;
        try (CsvFile.Rows rows = file.rows()) {
            for (CsvFile.Row row : rows) {
                count++;
                List<RowError> rowErrors = new ArrayList<>();
                Row parsed = parse(row, header, classes, presentByClass, rowErrors);
                if (parsed != null) {
                    long h = LongHashSet.hash(CiStore.key(parsed.ci().classKey(), parsed.ci().name()));
                    if (!hashes.add(h)) {
                        suspects.add(h); // probably a duplicate: checked exactly below
                    }
                }
                if (!rowErrors.isEmpty()) {
                    badRows++;
                    for (RowError e : rowErrors) {
                        if (errors.size() < MAX_ERRORS) {
                            errors.add(e);
                        }
                    }
                }
                if (count % 5000 == 0) {
                    progress.update("validating", count, 0);
                }
            }
        }
        if (suspects.size() > 0) {
            duplicates(file, header, classes, suspects, errors);
        }
        if (!errors.isEmpty()) {
            errors.sort(Comparator.comparingInt(RowError::row));
            if (errors.size() >= MAX_ERRORS) {
                errors.add(new RowError(0, null, badRows + " rows are bad; the first " + MAX_ERRORS + " problems are listed"));
            }
            throw new ImportRejectedException(errors);
        }
        return count;
    }

    /** The exact check of rows whose key hashes collided: only their keys are held. */
    private static void duplicates(CsvFile file, Header header, Map<String, CiClass> classes, LongHashSet suspects,
                                   List<RowError> errors) {
        Set<String> seen = new HashSet<>();
        Map<String, Set<String>> presentByClass = new HashMap<>();
        try (CsvFile.Rows rows = file.rows()) {
            for (CsvFile.Row row : rows) {
                Row parsed = parse(row, header, classes, presentByClass, new ArrayList<>());
                if (parsed == null) {
                    continue;
                }
                String key = CiStore.key(parsed.ci().classKey(), parsed.ci().name());
                if (suspects.contains(LongHashSet.hash(key)) && !seen.add(key) && errors.size() < MAX_ERRORS) {
                    errors.add(new RowError(row.number(), "name", header.cell("name", row.number()), "A " + parsed.ci().classKey()
                        + " named '" + CiValidator.shown(parsed.ci().name()) + "' appears earlier in the file"));
                }
            }
        }
    }

    /** One row as a validated record, or null with its problems added. */
    private static Row parse(CsvFile.Row row, Header header, Map<String, CiClass> classes, Map<String, Set<String>> presentByClass,
                             List<RowError> errors) {
        int n = row.number();
        if (row.cells().size() != header.keys().size()) {
            errors.add(new RowError(n, null, "The row has " + row.cells().size() + " cells but the header has " + header.keys().size()));
            return null;
        }
        Map<String, String> cells = new HashMap<>();
        for (int c = 0; c < header.keys().size(); c++) {
            cells.put(header.keys().get(c), row.cell(c));
        }
        String classKey = cells.getOrDefault("class", "").trim();
        CiClass ciClass = classes.get(classKey);
        Map<String, Object> attributes = new LinkedHashMap<>();
        for (Map.Entry<String, String> cell : cells.entrySet()) {
            if (ClassCatalogue.CORE_FIELDS.contains(cell.getKey())) {
                continue;
            }
            boolean belongs = ciClass != null && ciClass.attribute(cell.getKey()).isPresent();
            if (belongs) {
                if (!cell.getValue().isBlank()) {
                    attributes.put(cell.getKey(), cell.getValue());
                }
            } else if (ciClass != null && !cell.getValue().isBlank()) {
                errors.add(new RowError(n, cell.getKey(), header.cell(cell.getKey(), n), "Class '" + classKey + "' has no attribute '"
                    + cell.getKey() + "': leave the cell empty"));
            }
        }
        String tags = cells.get("tags");
        CiInput input = new CiInput(classKey, cells.get("name"), cells.get("status"), cells.get("criticality"),
            cells.get("owner"), cells.get("description"), cells.get("endOfLife"), cells.get("endOfSupport"),
            tags == null ? null : Arrays.asList(tags.split(";", -1)), attributes);
        CiValidator.Result result = CiValidator.validate(input, classes);
        for (FieldError e : result.errors()) {
            String column = e.field().startsWith("attributes.") ? e.field().substring("attributes.".length()) : e.field();
            errors.add(new RowError(n, column, header.cell(column, n), e.message()));
        }
        if (result.ci() == null || !errors.isEmpty()) {
            return null;
        }
        Set<String> present = presentByClass.computeIfAbsent(ciClass.key(), k -> {
            Set<String> s = new HashSet<>();
            header.keys().forEach(key -> {
                if (ciClass.attribute(key).isPresent()) {
                    s.add(key);
                }
            });
            return s;
        });
        return new Row(n, result.ci(), present);
    }

    /** The second pass, inside the transaction: chunks of rows merged with what is stored, written and audited. */
    private ImportResult write(CsvFile.Rows rows, Header header, Map<String, CiClass> classes, ImportProgress progress, int total) {
        Instant now = clock.instant();
        Map<String, Set<String>> presentByClass = new HashMap<>();
        List<Row> chunk = new ArrayList<>(CiStore.CHUNK);
        int[] counts = new int[3];
        int done = 0;
        for (CsvFile.Row row : rows) {
            List<RowError> errors = new ArrayList<>();
            Row parsed = parse(row, header, classes, presentByClass, errors);
            if (parsed == null) {
                throw new ImportRejectedException(errors); // the file changed under us: roll back everything
            }
            chunk.add(parsed);
            if (chunk.size() == CiStore.CHUNK) {
                writeChunk(chunk, header, classes, now, counts);
                done += chunk.size();
                chunk.clear();
                progress.update("writing", done, total);
            }
        }
        writeChunk(chunk, header, classes, now, counts);
        progress.update("writing", total, total);
        return new ImportResult(counts[0], counts[1], counts[2]);
    }

    private void writeChunk(List<Row> chunk, Header header, Map<String, CiClass> classes, Instant now, int[] counts) {
        if (chunk.isEmpty()) {
            return;
        }
        Map<String, CiRecord> existing = store.byClassAndName(chunk.stream().map(r -> r.ci().name()).toList());
        List<CiRecord> inserts = new ArrayList<>();
        List<CiRecord> updates = new ArrayList<>();
        List<AuditLog.Record> records = new ArrayList<>();
        for (Row row : chunk) {
            CiRecord incoming = row.ci();
            CiRecord current = existing.get(CiStore.key(incoming.classKey(), incoming.name()));
            if (current == null) {
                inserts.add(incoming);
                continue;
            }
            CiRecord merged = merge(current, incoming, row, header.presentCore(), classes.get(incoming.classKey()));
            if (merged.sameContentAs(current)) {
                counts[2]++;
            } else {
                updates.add(merged);
                records.add(new AuditLog.Record(CiService.ENTITY, String.valueOf(current.id()), "updated",
                    merged.classKey() + " " + merged.name() + " updated by CSV import", CiRecord.diff(current, merged)));
            }
        }
        store.batchInsert(inserts, now);
        store.batchUpdate(updates, now);
        if (!inserts.isEmpty()) {
            Map<String, Long> ids = ids(inserts.stream().map(CiRecord::name).toList());
            for (CiRecord ci : inserts) {
                long id = ids.get(CiStore.key(ci.classKey(), ci.name()));
                records.add(new AuditLog.Record(CiService.ENTITY, String.valueOf(id), "created",
                    ci.classKey() + " " + ci.name() + " created by CSV import", CiRecord.diff(null, ci)));
            }
        }
        audit.recordAll(records);
        counts[0] += inserts.size();
        counts[1] += updates.size();
    }

    /** The incoming row over the stored CI: columns the file leaves out keep their stored values. */
    private static CiRecord merge(CiRecord current, CiRecord in, Row row, Set<String> core, CiClass ciClass) {
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

    private Map<String, Long> ids(List<String> names) {
        Map<String, Long> ids = new HashMap<>();
        jdbc.sql("SELECT id, class_key, name FROM ci WHERE name IN (:names)").param("names", names)
            .query(rs -> {
                ids.put(CiStore.key(rs.getString(2), rs.getString(3)), rs.getLong(1));
            });
        return ids;
    }
}
