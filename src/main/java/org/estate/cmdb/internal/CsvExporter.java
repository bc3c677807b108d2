package org.estate.cmdb.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import org.apache.commons.csv.CSVPrinter;
import org.estate.cmdb.CiClass;
import org.estate.platform.NotFoundException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/** Exports in exactly the import format, streaming rows, so an export re-imported changes nothing. */
@Component
class CsvExporter {

    private final ClassCatalogue catalogue;
    private final CiStore store;
    private final JdbcTemplate jdbc;

    CsvExporter(ClassCatalogue catalogue, CiStore store, DataSource dataSource) {
        this.catalogue = catalogue;
        this.store = store;
        this.jdbc = new JdbcTemplate(dataSource);
        this.jdbc.setFetchSize(5_000);
    }

    @Transactional(readOnly = true)
    public void exportCis(String classKey, Writer out) {
        Map<String, CiClass> classes = catalogue.all();
        List<CiClass> exported;
        if (classKey == null || classKey.isBlank()) {
            exported = List.copyOf(classes.values());
        } else {
            CiClass c = classes.get(classKey);
            if (c == null) {
                throw new NotFoundException("No CI class '" + classKey + "'");
            }
            exported = List.of(c);
        }
        LinkedHashSet<String> attributeKeys = new LinkedHashSet<>();
        exported.forEach(c -> c.attributes().forEach(a -> attributeKeys.add(a.key())));
        List<String> header = new ArrayList<>(ClassCatalogue.CORE_FIELDS);
        header.addAll(attributeKeys);
        try {
            CSVPrinter csv = new CSVPrinter(out, Csv.FORMAT);
            csv.printRecord(header);
            List<String> cells = new ArrayList<>(header.size());
            // One query per class, in the classes' display order.
            for (CiClass ciClass : exported) {
            jdbc.query("SELECT " + CiStore.COLUMNS + " FROM ci WHERE class_key = ? ORDER BY name, id", rs -> {
                CiRecord ci = store.mapper().mapRow(rs, 0);
                cells.clear();
                cells.add(ci.classKey());
                cells.add(ci.name());
                cells.add(ci.status());
                cells.add(ci.criticality());
                cells.add(nullToEmpty(ci.owner()));
                cells.add(nullToEmpty(ci.description()));
                cells.add(ci.endOfLife() == null ? "" : ci.endOfLife().toString());
                cells.add(ci.endOfSupport() == null ? "" : ci.endOfSupport().toString());
                cells.add(String.join(";", ci.tags()));
                for (String key : attributeKeys) {
                    cells.add(cell(ci.attributes().get(key)));
                }
                try {
                    csv.printRecord(cells);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }, ciClass.key());
            }
            csv.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Transactional(readOnly = true)
    public void exportRelationships(Writer out) {
        try {
            CSVPrinter csv = new CSVPrinter(out, Csv.FORMAT);
            csv.printRecord(RelationshipCsvImporter.COLUMNS);
            jdbc.query("""
                SELECT s.class_key, s.name, r.rel_type, t.class_key, t.name, r.redundancy_group, r.minimum_up
                FROM ci_relationship r JOIN ci s ON s.id = r.source_id JOIN ci t ON t.id = r.target_id
                ORDER BY s.class_key, s.name, r.rel_type, t.class_key, t.name""", rs -> {
                    int min = rs.getInt(7);
                    String minimumUp = rs.wasNull() ? "" : String.valueOf(min);
                    try {
                        csv.printRecord(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                            nullToEmpty(rs.getString(6)), minimumUp);
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                });
            csv.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String cell(Object value) {
        if (value == null) {
            return "";
        }
        if (value instanceof BigDecimal b) {
            return b.toPlainString();
        }
        return value.toString();
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }

}
