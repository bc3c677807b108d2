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

        /** The column as Excel names it ("C"), or null when the problem is not in one cell. */
        public String letter() {
            return cell == null ? null : cell.replaceAll("\\d+$", "");
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

    /** The 422 problem details every import answers: every error with its row, column key, Excel column letter and cell. */
    public org.springframework.http.ProblemDetail problem() {
        org.springframework.http.ProblemDetail problem = org.springframework.http.ProblemDetail.forStatusAndDetail(
            org.springframework.http.HttpStatus.UNPROCESSABLE_CONTENT, errors.size() + " problem(s) found: nothing was imported");
        problem.setTitle("The file has problems");
        problem.setProperty("errors", errors.stream().map(r -> {
            java.util.Map<String, Object> m = new java.util.LinkedHashMap<>();
            m.put("row", r.row());
            m.put("column", r.column());
            m.put("letter", r.letter());
            m.put("cell", r.cell());
            m.put("message", r.message());
            return m;
        }).toList());
        return problem;
    }
}
