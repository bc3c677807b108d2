package org.estate.cmdb.internal;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.estate.cmdb.AttributeDefinition;
import org.estate.cmdb.AttributeType;
import org.estate.cmdb.CiClass;
import org.estate.cmdb.CiInput;
import org.estate.cmdb.ImportRejectedException.RowError;
import org.estate.platform.CsvFile;
import org.estate.platform.CsvHeader;
import org.estate.platform.CsvValues;
import org.estate.platform.ValidationException.FieldError;

/**
 * Reading the CI CSV in the one convention: the header by key or label, each row's cells into a
 * validated CI with the set of fields the row gives (a non-empty cell) and the set it clears
 * ({@value CsvValues#CLEAR}); an empty cell gives nothing, so an update keeps the stored value.
 * Classes, statuses, criticalities and enum values match by key or label in any case; dates are
 * ISO or UK day-first. Every problem names the field's label and the bad value.
 */
final class CiCsvRows {

    /** One row read: the CI as validated (only given fields set, defaults for a new CI), and what it gives and clears. */
    record Row(int number, CiRecord ci, Set<String> given, Set<String> cleared) {
    }

    private final Map<String, CiClass> classes;
    private final CsvHeader.Match header;
    private final List<CsvValues.Option> classOptions;

    private CiCsvRows(Map<String, CiClass> classes, CsvHeader.Match header) {
        this.classes = classes;
        this.header = header;
        this.classOptions = classes.values().stream().map(c -> new CsvValues.Option(c.key(), c.label())).toList();
    }

    CsvHeader.Match header() {
        return header;
    }

    /** Matches the header; its problems are added to {@code errors} as row 1. */
    static CiCsvRows of(List<String> cells, Map<String, CiClass> classes, List<RowError> errors) {
        List<CsvHeader.Column> columns = new ArrayList<>();
        for (String core : ClassCatalogue.CORE_FIELDS) {
            columns.add(new CsvHeader.Column(core, coreLabel(core)));
        }
        Set<String> seen = new HashSet<>();
        classes.values().forEach(c -> c.attributes().forEach(a -> {
            if (seen.add(a.key())) {
                columns.add(new CsvHeader.Column(a.key(), a.label()));
            }
        }));
        CsvHeader.Match match = CsvHeader.match(cells, columns, List.of("class", "name"));
        match.problems().forEach(p -> errors.add(new RowError(1, p.column(), p.cell(), p.message())));
        return new CiCsvRows(classes, match);
    }

    /** "endOfLife" → "End of life": the label the CI pages show for a core field. */
    static String coreLabel(String key) {
        String spaced = key.replaceAll("([A-Z])", " $1").toLowerCase(Locale.ROOT);
        return Character.toUpperCase(spaced.charAt(0)) + spaced.substring(1);
    }

    /** One row as a validated record, or null with its problems added. */
    Row parse(CsvFile.Row row, List<RowError> errors) {
        int n = row.number();
        String shape = header.shapeProblem(row);
        if (shape != null) {
            errors.add(new RowError(n, null, null, shape));
            return null;
        }
        Map<String, String> cells = header.cells(row);
        Set<String> clears = header.clears(row);
        int before = errors.size();
        Set<String> given = new HashSet<>();
        Set<String> cleared = new HashSet<>();
        Set<String> flagged = new HashSet<>();

        String classCell = cells.getOrDefault("class", "").strip();
        CiClass ciClass = null;
        if (classCell.isEmpty() || clears.contains("class")) {
            error(errors, n, "class", "Enter the class");
        } else {
            String key = CsvValues.option(classCell, classOptions);
            ciClass = key == null ? null : classes.get(key);
            if (ciClass == null) {
                error(errors, n, "class", CsvValues.notAnOption("Class", classCell, classOptions));
            }
        }
        String name = cells.getOrDefault("name", "");
        if (clears.contains("name")) {
            error(errors, n, "name", "Name cannot be cleared");
            flagged.add("name");
        }
        String status = choice(cells, clears, "status", CiValidator.STATUSES, n, errors, flagged);
        String criticality = choice(cells, clears, "criticality", CiValidator.CRITICALITIES, n, errors, flagged);
        String endOfLife = date(cells, "endOfLife", n, errors, flagged);
        String endOfSupport = date(cells, "endOfSupport", n, errors, flagged);
        for (String core : List.of("owner", "description", "endOfLife", "endOfSupport", "tags")) {
            if (clears.contains(core)) {
                cleared.add(core);
            } else if (!cells.getOrDefault(core, "").isBlank()) {
                given.add(core);
            }
        }
        if (status != null) {
            given.add("status");
        }
        if (criticality != null) {
            given.add("criticality");
        }
        Map<String, Object> attributes = new LinkedHashMap<>();
        for (Map.Entry<String, String> cell : cells.entrySet()) {
            String key = cell.getKey();
            if (ClassCatalogue.CORE_FIELDS.contains(key) || ciClass == null) {
                continue;
            }
            AttributeDefinition def = ciClass.attribute(key).orElse(null);
            boolean empty = cell.getValue().isBlank() && !clears.contains(key);
            if (def == null) {
                if (!empty) {
                    error(errors, n, key, ciClass.label() + " has no attribute " + key + ": leave the cell empty");
                }
            } else if (clears.contains(key)) {
                if (def.required()) {
                    error(errors, n, key, def.label() + " is required for " + ciClass.label().toLowerCase(Locale.ROOT) + " and cannot be cleared");
                }
                cleared.add(key);
            } else if (!empty) {
                Object value = attribute(def, cell.getValue(), n, errors);
                if (value == null) {
                    flagged.add(key);
                } else {
                    attributes.put(key, value);
                    given.add(key);
                }
            }
        }
        String tags = clears.contains("tags") ? null : cells.get("tags");
        CiInput input = new CiInput(ciClass == null ? classCell : ciClass.key(), name, status, criticality,
            clears.contains("owner") ? null : cells.get("owner"), clears.contains("description") ? null : cells.get("description"),
            clears.contains("endOfLife") ? null : endOfLife, clears.contains("endOfSupport") ? null : endOfSupport,
            tags == null ? null : Arrays.asList(tags.split(";", -1)), attributes);
        CiValidator.Result result = CiValidator.validate(input, classes, false);
        for (FieldError e : result.errors()) {
            String column = e.field().startsWith("attributes.") ? e.field().substring("attributes.".length()) : e.field();
            if (flagged.contains(column) || "class".equals(column)) {
                continue;
            }
            String value = cells.get(column);
            String label = label(ciClass, column);
            error(errors, n, column, value == null || value.isBlank() ? label + ": " + lower(e.message())
                : label + " '" + CsvValues.shown(value.strip()) + "': " + lower(e.message()));
        }
        if (result.ci() == null || errors.size() > before) {
            return null;
        }
        given.add("class");
        given.add("name");
        return new Row(n, result.ci(), given, cleared);
    }

    /** A status or criticality by key or label; null when empty (with an error when it is bad or cleared). */
    private String choice(Map<String, String> cells, Set<String> clears, String field, List<String> keys, int n, List<RowError> errors,
                          Set<String> flagged) {
        String v = cells.getOrDefault(field, "").strip();
        List<CsvValues.Option> options = CsvValues.options(keys);
        if (clears.contains(field)) {
            error(errors, n, field, coreLabel(field) + " cannot be cleared: use one of " + String.join(", ", keys));
            flagged.add(field);
            return null;
        }
        if (v.isEmpty()) {
            return null;
        }
        String key = CsvValues.option(v, options);
        if (key == null) {
            error(errors, n, field, CsvValues.notAnOption(coreLabel(field), v, options));
            flagged.add(field);
        }
        return key;
    }

    private String date(Map<String, String> cells, String field, int n, List<RowError> errors, Set<String> flagged) {
        String v = cells.getOrDefault(field, "");
        if (v.isBlank() || CsvValues.isClear(v)) {
            return null;
        }
        LocalDate d = CsvValues.date(coreLabel(field), v, problem -> error(errors, n, field, problem));
        if (d == null) {
            flagged.add(field);
        }
        return d == null ? null : d.toString();
    }

    /** An enum or date attribute read the CSV way (label or key in any case; UK dates); other types as they come. */
    private Object attribute(AttributeDefinition def, String value, int n, List<RowError> errors) {
        if (def.type() == AttributeType.ENUM) {
            List<CsvValues.Option> options = CsvValues.options(def.options());
            String key = CsvValues.option(value, options);
            if (key == null) {
                error(errors, n, def.key(), CsvValues.notAnOption(def.label(), value, options));
            }
            return key;
        }
        if (def.type() == AttributeType.DATE) {
            LocalDate d = CsvValues.date(def.label(), value, problem -> error(errors, n, def.key(), problem));
            return d == null ? null : d.toString();
        }
        return value;
    }

    private static String label(CiClass ciClass, String column) {
        if (ClassCatalogue.CORE_FIELDS.contains(column)) {
            return coreLabel(column);
        }
        return ciClass == null ? column : ciClass.attribute(column).map(AttributeDefinition::label).orElse(column);
    }

    private static String lower(String message) {
        return message.isEmpty() ? message : Character.toLowerCase(message.charAt(0)) + message.substring(1);
    }

    private void error(List<RowError> errors, int n, String column, String message) {
        errors.add(new RowError(n, column, header.cell(column, n), message));
    }
}
