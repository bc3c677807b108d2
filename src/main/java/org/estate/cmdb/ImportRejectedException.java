package org.estate.cmdb;

import java.util.List;

/**
 * A CSV file with bad rows: nothing was written. Rows are numbered as Excel numbers them: the
 * header is row 1, the first data row is row 2 (0 means the file as a whole); {@code cell} is the
 * cell as Excel names it (e.g. {@code C7}) when the problem is in one cell.
 */
public class ImportRejectedException extends RuntimeException {

    public record RowError(int row, String column, String cell, String message) {
        public RowError(int row, String column, String message) {
            this(row, column, null, message);
        }
    }

    private final List<RowError> errors;

    public ImportRejectedException(List<RowError> errors) {
        super(errors.size() + " row error(s): nothing was imported");
        this.errors = List.copyOf(errors);
    }

    public List<RowError> errors() {
        return errors;
    }
}
