package org.estate.cmdb;

import java.util.List;

/**
 * A CSV file with bad rows: nothing was written. Row 1 is the first data row under the header;
 * row 0 is the header itself.
 */
public class ImportRejectedException extends RuntimeException {

    public record RowError(int row, String column, String message) {
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
