package org.estate.platform;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Header matching of the one CSV reading convention: a header cell names a column by its key
 * ({@code endOfLife}) or by its label as pages show it ({@code End of life}), ignoring case and
 * surrounding spaces. A label that two different columns share must be given by key. Empty header
 * cells at the end of the row (Excel's trailing {@code ,,}) are no columns at all; an unknown
 * header is refused with the nearest key suggested, and a column named twice is refused.
 */
public final class CsvHeader {

    /** A column an import understands. */
    public record Column(String key, String label) {
    }

    /** A problem with one header cell ({@code index} from 0), or with the header as a whole ({@code index} -1). */
    public record Problem(int index, String column, String message) {

        /** The cell as Excel names it, e.g. {@code C1}; null for the header as a whole. */
        public String cell() {
            return index < 0 ? null : CsvCells.columnLetter(index) + "1";
        }
    }

    /**
     * The outcome of matching a header: for each header cell (trailing empty ones dropped) the key
     * it names, or null; where each key is; and every problem found.
     */
    public record Match(List<String> keys, Map<String, Integer> index, List<Problem> problems) {

        public boolean has(String key) {
            return index.containsKey(key);
        }

        /** The cell of {@code key} in row {@code row} as Excel names it, or null when the file has no such column. */
        public String cell(String key, int row) {
            Integer i = key == null ? null : index.get(key);
            return i == null ? null : CsvCells.columnLetter(i) + row;
        }

        /** The row's cells by key (only the columns this header names), each as read. */
        public Map<String, String> cells(CsvFile.Row row) {
            Map<String, String> cells = new HashMap<>();
            for (Map.Entry<String, Integer> e : index.entrySet()) {
                cells.put(e.getKey(), row.cell(e.getValue()));
            }
            return cells;
        }

        /** The keys of the row's cells that hold the clear marker. */
        public Set<String> clears(CsvFile.Row row) {
            Set<String> clears = new HashSet<>();
            for (Map.Entry<String, Integer> e : index.entrySet()) {
                if (row.clears(e.getValue())) {
                    clears.add(e.getKey());
                }
            }
            return clears;
        }

        /**
         * Why a row's cell count does not fit the header, or null when it does: extra cells past the
         * header are allowed only when empty (Excel's trailing {@code ,,}).
         */
        public String shapeProblem(CsvFile.Row row) {
            int n = row.cells().size();
            if (n < keys.size()) {
                return "The row has " + n + " cells but the header has " + keys.size();
            }
            for (int i = keys.size(); i < n; i++) {
                if (!row.cells().get(i).isBlank()) {
                    return "Cell " + CsvCells.columnLetter(i) + row.number() + " has a value but its column has no header";
                }
            }
            return null;
        }
    }

    private CsvHeader() {
    }

    /** For each header cell, the key of the column it names, or null when it names none. */
    public static List<String> keys(List<String> header, Collection<Column> columns) {
        Map<String, String> byKey = new HashMap<>();
        Map<String, String> byLabel = new HashMap<>();
        Set<String> ambiguous = new HashSet<>();
        for (Column c : columns) {
            byKey.put(norm(c.key()), c.key());
            if (c.label() != null) {
                String previous = byLabel.putIfAbsent(norm(c.label()), c.key());
                if (previous != null && !previous.equals(c.key())) {
                    ambiguous.add(norm(c.label()));
                }
            }
        }
        List<String> keys = new ArrayList<>(header.size());
        for (String cell : header) {
            String n = norm(cell);
            String key = byKey.get(n);
            if (key == null && !ambiguous.contains(n)) {
                key = byLabel.get(n);
            }
            keys.add(key);
        }
        return keys;
    }

    /**
     * Matches a header row against the columns an import understands, collecting every problem:
     * an unknown header (with the nearest key and its label suggested), a column named twice, and
     * each of {@code required} missing.
     */
    public static Match match(List<String> header, Collection<Column> columns, List<String> required) {
        int width = header.size();
        while (width > 0 && header.get(width - 1).isBlank()) {
            width--;
        }
        List<String> cells = header.subList(0, width);
        List<String> keys = keys(cells, columns);
        Map<String, Integer> index = new LinkedHashMap<>();
        List<Problem> problems = new ArrayList<>();
        for (int i = 0; i < keys.size(); i++) {
            String key = keys.get(i);
            if (key == null) {
                String cell = cells.get(i);
                problems.add(new Problem(i, CsvValues.shown(cell.strip()), cell.isBlank()
                    ? "Column " + CsvCells.columnLetter(i) + " has no header: name it or delete the column"
                    : "Unknown column '" + CsvValues.shown(cell.strip()) + "'" + suggestion(cell, columns)));
            } else if (index.putIfAbsent(key, i) != null) {
                problems.add(new Problem(i, key, "Column '" + CsvValues.shown(cells.get(i).strip()) + "' names " + key + ", which column "
                    + CsvCells.columnLetter(index.get(key)) + " already names: delete one of them"));
            }
        }
        for (String r : required) {
            if (!index.containsKey(r)) {
                String label = columns.stream().filter(c -> c.key().equals(r)).map(Column::label).findFirst().orElse(null);
                problems.add(new Problem(-1, r, "The header has no '" + r + "' column" + (label == null ? "" : " (" + label + ")")
                    + ": add it"));
            }
        }
        return new Match(keys, index, problems);
    }

    /** ": did you mean hostname (Hostname)?" for the column whose key or label is nearest, or the list of keys when none is near. */
    static String suggestion(String cell, Collection<Column> columns) {
        String n = norm(cell);
        Column best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (Column c : columns) {
            for (String name : c.label() == null ? List.of(c.key()) : List.of(c.key(), c.label())) {
                int d = distance(n, norm(name));
                if (d < bestDistance) {
                    bestDistance = d;
                    best = c;
                }
            }
        }
        if (best != null && bestDistance <= Math.max(2, n.length() / 3)) {
            return ". Did you mean " + best.key() + (best.label() == null || best.label().equals(best.key()) ? "" : " (" + best.label() + ")") + "?";
        }
        List<String> keys = columns.stream().map(Column::key).distinct().toList();
        return ": the columns are " + String.join(", ", keys.size() > 40 ? keys.subList(0, 40) : keys) + (keys.size() > 40 ? ", …" : "");
    }

    /** Levenshtein distance, capped in length so a megabyte header costs nothing. */
    static int distance(String a, String b) {
        if (a.length() > 100 || b.length() > 100) {
            return Integer.MAX_VALUE / 2;
        }
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                current[j] = Math.min(Math.min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
            }
            int[] t = previous;
            previous = current;
            current = t;
        }
        return previous[b.length()];
    }

    static String norm(String s) {
        return s == null ? "" : s.strip().toLowerCase(Locale.ROOT);
    }
}
