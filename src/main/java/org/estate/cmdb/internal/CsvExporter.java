package org.estate.cmdb.internal;

import java.io.Writer;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import org.estate.cmdb.CiClass;
import org.estate.cmdb.CiFilter;
import org.estate.platform.CsvOutput;
import org.estate.platform.FilterValues;
import org.estate.platform.Sort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Exports in exactly the import format, streaming rows, so an export re-imported changes nothing.
 * The CIs exported are exactly those the list shows for the same filter, in the list's order.
 */
@Component
class CsvExporter {

    private final ClassCatalogue catalogue;
    private final CiStore store;
    private final CiList list;
    private final JdbcTemplate jdbc;
    private final NamedParameterJdbcTemplate named;

    CsvExporter(ClassCatalogue catalogue, CiStore store, CiList list, DataSource dataSource) {
        this.catalogue = catalogue;
        this.store = store;
        this.list = list;
        this.jdbc = new JdbcTemplate(dataSource);
        this.jdbc.setFetchSize(5_000);
        this.named = new NamedParameterJdbcTemplate(jdbc);
    }

    @Transactional(readOnly = true)
    public void exportCis(CiFilter filter, Sort sort, Writer out, boolean excel) {
        Map<String, CiClass> classes = catalogue.all();
        CiList.Where where = list.where(filter);
        List<String> classKeys = filter.ciClass() == null ? List.of()
            : FilterValues.anyOf("class", List.of(filter.ciClass()), List.copyOf(classes.keySet()));
        List<CiClass> exported = classKeys.isEmpty() ? List.copyOf(classes.values())
            : classes.values().stream().filter(c -> classKeys.contains(c.key())).toList();
        LinkedHashSet<String> attributeKeys = new LinkedHashSet<>();
        exported.forEach(c -> c.attributes().forEach(a -> attributeKeys.add(a.key())));
        List<String> header = new ArrayList<>(ClassCatalogue.CORE_FIELDS);
        header.addAll(attributeKeys);
        CsvOutput csv = new CsvOutput(out, excel);
        csv.row(header);
        List<String> cells = new ArrayList<>(header.size());
        named.query("SELECT " + CiStore.COLUMNS + " FROM ci" + where.sql() + list.orderBy(sort), where.params(), rs -> {
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
            csv.row(cells);
        });
        csv.flush();
    }

    @Transactional(readOnly = true)
    public void exportRelationships(Writer out, boolean excel) {
        CsvOutput csv = new CsvOutput(out, excel);
        csv.row(RelationshipCsvImporter.COLUMNS);
        jdbc.query("""
            SELECT s.class_key, s.name, r.rel_type, t.class_key, t.name, r.redundancy_group, r.minimum_up
            FROM ci_relationship r JOIN ci s ON s.id = r.source_id JOIN ci t ON t.id = r.target_id
            ORDER BY s.class_key, s.name, r.rel_type, t.class_key, t.name""", rs -> {
                int min = rs.getInt(7);
                String minimumUp = rs.wasNull() ? "" : String.valueOf(min);
                csv.row(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                    nullToEmpty(rs.getString(6)), minimumUp);
            });
        csv.flush();
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
