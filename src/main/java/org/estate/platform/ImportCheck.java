package org.estate.platform;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * What an import would do, found by a dry run that writes nothing: complete counts, and the first
 * {@value #MAX_CHANGES} rows' changes field by field (so a 50 MB file never builds a 50 MB answer).
 *
 * @param changesTruncated true when more rows than {@code changes} holds were read
 */
public record ImportCheck(int created, int updated, int unchanged, List<Change> changes, boolean changesTruncated) {

    /** How many row changes a dry run lists at most; the counts are always complete. */
    public static final int MAX_CHANGES = 1000;

    /** One row: {@code action} is create, update or unchanged; {@code fields} maps a column key to its from and to. */
    public record Change(int row, @JsonProperty("class") String ciClass, String name, String action, Map<String, Field> fields) {
    }

    /** A field's value before and after. */
    public record Field(Object from, Object to) {
    }

    /** Collects a dry run's rows: counts them all, keeps the first {@link #MAX_CHANGES}. */
    public static final class Collector {
        private int created;
        private int updated;
        private int unchanged;
        private final List<Change> changes = new ArrayList<>();
        private boolean truncated;

        public void add(int row, String ciClass, String name, String action, Map<String, Field> fields) {
            switch (action) {
                case "create" -> created++;
                case "update" -> updated++;
                case "unchanged" -> unchanged++;
                default -> throw new IllegalArgumentException(action);
            }
            if (changes.size() < MAX_CHANGES) {
                changes.add(new Change(row, ciClass, name, action, fields));
            } else {
                truncated = true;
            }
        }

        public ImportCheck result() {
            return new ImportCheck(created, updated, unchanged, List.copyOf(changes), truncated);
        }
    }
}
