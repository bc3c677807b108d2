package org.estate.cmdb.internal;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
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
import org.estate.cmdb.Cmdb.ImportProgress;
import org.estate.cmdb.ImportRejectedException;
import org.estate.cmdb.ImportRejectedException.RowError;
import org.estate.cmdb.ImportResult;
import org.estate.platform.AuditLog;
import org.estate.platform.CsvFile;
import org.estate.platform.CsvValues;
import org.estate.platform.ImportCheck;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * CSV import of CIs: upsert by class and name, all or nothing. The first pass checks every row
 * (the header's problems and every row's together) and works out, a chunk at a time against the
 * stored CIs, what each row would do: that pass alone is the dry run, and writes nothing. Any
 * problem rejects the whole file with its problems listed (the first {@value #MAX_ERRORS}). The
 * writes then go in chunks inside one transaction, with their audit entries, reading the file a
 * second time: only the class-and-name keys of the file are held in memory, never its rows.
 *
 * <p>An empty cell (or a column the file leaves out) keeps the stored value; the marker
 * {@value CsvValues#CLEAR} clears it. So an export re-imported changes nothing.
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
        this.clock = clock;
        this.jdbc = jdbc;
        this.transaction = transaction;
    }

    ImportResult importCis(CsvFile file, ImportProgress progress) {
        Map<String, CiClass> classes = catalogue.all();
        progress.update("validating", 0, 0);
        CiCsvRows reader = reader(file, classes);
        int total = check(file, reader, classes, progress, null);
        progress.update("writing", 0, total);
        return transaction.execute(status -> {
            try (CsvFile.Rows rows = file.rows()) {
                return write(rows, reader, classes, progress, total);
            }
        });
    }

    /** The dry run: what {@link #importCis} would do, field by field, writing nothing. */
    ImportCheck checkCis(CsvFile file) {
        Map<String, CiClass> classes = catalogue.all();
        ImportCheck.Collector collector = new ImportCheck.Collector();
        check(file, reader(file, classes), classes, ImportProgress.NONE, collector);
        return collector.result();
    }

    private static CiCsvRows reader(CsvFile file, Map<String, CiClass> classes) {
        try (CsvFile.Rows rows = file.rows()) {
            if (rows.header().isEmpty()) {
                throw new ImportRejectedException(List.of(new RowError(1, null, "The file is empty: it needs a header row")));
            }
            List<RowError> errors = new ArrayList<>();
            CiCsvRows reader = CiCsvRows.of(rows.header(), classes, errors);
            if (!reader.header().has("class") || !reader.header().has("name")) {
                // Without class and name no row can be read: the header's problems are all there is to say.
                throw new ImportRejectedException(errors);
            }
            return reader;
        }
    }

    /**
     * The first pass: every row checked and compared with what is stored, only a 64-bit hash of each
     * key kept (8 bytes a row, so a file at the size limit fits a small heap). Answers the number of
     * rows; {@code collector}, when given, receives what each row would do.
     */
    private int check(CsvFile file, CiCsvRows reader, Map<String, CiClass> classes, ImportProgress progress,
                      ImportCheck.Collector collector) {
        List<RowError> errors = new ArrayList<>();
        reader.header().problems().forEach(p -> errors.add(new RowError(1, p.column(), p.cell(), p.message())));
        LongHashSet hashes = new LongHashSet();
        LongHashSet suspects = new LongHashSet();
        List<CiCsvRows.Row> chunk = new ArrayList<>(CiStore.CHUNK);
        int count = 0;
        long badRows = 0;
        try (CsvFile.Rows rows = file.rows()) {
            for (CsvFile.Row row : rows) {
                count++;
                List<RowError> rowErrors = new ArrayList<>();
                CiCsvRows.Row parsed = reader.parse(row, rowErrors);
                if (parsed != null) {
                    long h = LongHashSet.hash(CiStore.key(parsed.ci().classKey(), parsed.ci().name()));
                    if (!hashes.add(h)) {
                        suspects.add(h); // probably a duplicate: checked exactly below
                    }
                    chunk.add(parsed);
                    if (chunk.size() == CiStore.CHUNK) {
                        compare(chunk, classes, rowErrors, collector);
                        chunk.clear();
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
        List<RowError> last = new ArrayList<>();
        compare(chunk, classes, last, collector);
        last.forEach(e -> {
            if (errors.size() < MAX_ERRORS) {
                errors.add(e);
            }
        });
        badRows += last.stream().mapToInt(RowError::row).distinct().count();
        if (suspects.size() > 0) {
            duplicates(file, reader, suspects, errors);
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

    /**
     * A chunk of read rows against the stored CIs: a new CI must give every required attribute;
     * what each row would do goes to the collector.
     */
    private void compare(List<CiCsvRows.Row> chunk, Map<String, CiClass> classes, List<RowError> errors, ImportCheck.Collector collector) {
        if (chunk.isEmpty()) {
            return;
        }
        Map<String, CiRecord> existing = store.byClassAndName(chunk.stream().map(r -> r.ci().name()).toList());
        for (CiCsvRows.Row row : chunk) {
            CiRecord in = row.ci();
            CiClass ciClass = classes.get(in.classKey());
            CiRecord current = existing.get(CiStore.key(in.classKey(), in.name()));
            if (current == null) {
                for (AttributeDefinition def : ciClass.attributes()) {
                    if (def.required() && !row.given().contains(def.key())) {
                        errors.add(new RowError(row.number(), def.key(), null, def.label() + ": enter it, it is required for a new "
                            + ciClass.label().toLowerCase(java.util.Locale.ROOT)));
                    }
                }
                if (collector != null) {
                    collector.add(row.number(), in.classKey(), in.name(), "create", fields(CiRecord.diff(null, in)));
                }
                continue;
            }
            if (collector != null) {
                CiRecord merged = merge(current, row, ciClass);
                Map<String, AuditLog.Change> diff = CiRecord.diff(current, merged);
                collector.add(row.number(), in.classKey(), in.name(), diff.isEmpty() ? "unchanged" : "update", fields(diff));
            }
        }
    }

    /** The audit diff as the dry run shows it: keyed by CSV column ("ipAddress", not "attributes.ipAddress"). */
    private static Map<String, ImportCheck.Field> fields(Map<String, AuditLog.Change> diff) {
        Map<String, ImportCheck.Field> fields = new LinkedHashMap<>();
        diff.forEach((k, c) -> fields.put(k.startsWith("attributes.") ? k.substring("attributes.".length()) : k,
            new ImportCheck.Field(c.from(), c.to())));
        return fields;
    }

    /** The exact check of rows whose key hashes collided: only their keys are held. */
    private static void duplicates(CsvFile file, CiCsvRows reader, LongHashSet suspects, List<RowError> errors) {
        Set<String> seen = new HashSet<>();
        try (CsvFile.Rows rows = file.rows()) {
            for (CsvFile.Row row : rows) {
                CiCsvRows.Row parsed = reader.parse(row, new ArrayList<>());
                if (parsed == null) {
                    continue;
                }
                String key = CiStore.key(parsed.ci().classKey(), parsed.ci().name());
                if (suspects.contains(LongHashSet.hash(key)) && !seen.add(key) && errors.size() < MAX_ERRORS) {
                    errors.add(new RowError(row.number(), "name", reader.header().cell("name", row.number()), "A " + parsed.ci().classKey()
                        + " named '" + CsvValues.shown(parsed.ci().name()) + "' appears earlier in the file"));
                }
            }
        }
    }

    /** The second pass, inside the transaction: chunks of rows merged with what is stored, written and audited. */
    private ImportResult write(CsvFile.Rows rows, CiCsvRows reader, Map<String, CiClass> classes, ImportProgress progress, int total) {
        Instant now = clock.instant();
        List<CiCsvRows.Row> chunk = new ArrayList<>(CiStore.CHUNK);
        int[] counts = new int[3];
        int done = 0;
        for (CsvFile.Row row : rows) {
            List<RowError> errors = new ArrayList<>();
            CiCsvRows.Row parsed = reader.parse(row, errors);
            if (parsed == null) {
                throw new ImportRejectedException(errors); // the file changed under us: roll back everything
            }
            chunk.add(parsed);
            if (chunk.size() == CiStore.CHUNK) {
                writeChunk(chunk, classes, now, counts);
                done += chunk.size();
                chunk.clear();
                progress.update("writing", done, total);
            }
        }
        writeChunk(chunk, classes, now, counts);
        progress.update("writing", total, total);
        return new ImportResult(counts[0], counts[1], counts[2]);
    }

    private void writeChunk(List<CiCsvRows.Row> chunk, Map<String, CiClass> classes, Instant now, int[] counts) {
        if (chunk.isEmpty()) {
            return;
        }
        Map<String, CiRecord> existing = store.byClassAndName(chunk.stream().map(r -> r.ci().name()).toList());
        List<CiRecord> inserts = new ArrayList<>();
        List<CiRecord> updates = new ArrayList<>();
        List<AuditLog.Record> records = new ArrayList<>();
        for (CiCsvRows.Row row : chunk) {
            CiRecord incoming = row.ci();
            CiRecord current = existing.get(CiStore.key(incoming.classKey(), incoming.name()));
            if (current == null) {
                inserts.add(incoming);
                continue;
            }
            CiRecord merged = merge(current, row, classes.get(incoming.classKey()));
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

    /** The row over the stored CI: a field the row gives takes its value, one it clears is emptied, the rest are kept. */
    private static CiRecord merge(CiRecord current, CiCsvRows.Row row, CiClass ciClass) {
        CiRecord in = row.ci();
        Set<String> given = row.given();
        Set<String> cleared = row.cleared();
        Map<String, Object> attributes = new LinkedHashMap<>();
        for (AttributeDefinition def : ciClass.attributes()) {
            Object value = given.contains(def.key()) ? in.attributes().get(def.key())
                : cleared.contains(def.key()) ? null : current.attributes().get(def.key());
            if (value != null) {
                attributes.put(def.key(), value);
            }
        }
        return new CiRecord(current.id(), current.classKey(), current.name(),
            given.contains("status") ? in.status() : current.status(),
            given.contains("criticality") ? in.criticality() : current.criticality(),
            pick("owner", given, cleared, in.owner(), current.owner()),
            pick("description", given, cleared, in.description(), current.description()),
            pick("endOfLife", given, cleared, in.endOfLife(), current.endOfLife()),
            pick("endOfSupport", given, cleared, in.endOfSupport(), current.endOfSupport()),
            given.contains("tags") ? in.tags() : cleared.contains("tags") ? List.of() : current.tags(),
            attributes, current.createdAt(), current.updatedAt(), current.version());
    }

    private static <T> T pick(String field, Set<String> given, Set<String> cleared, T incoming, T stored) {
        return given.contains(field) ? incoming : cleared.contains(field) ? null : stored;
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
