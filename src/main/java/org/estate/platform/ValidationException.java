package org.estate.platform;

import java.util.List;

/**
 * Input that is well-formed but not acceptable (422), with every problem found, each naming the
 * field and the reason. Thrown before anything is written.
 */
public class ValidationException extends RuntimeException {

    /** One problem: the field (JSON path-like, e.g. {@code attributes.cpuCores}) and the reason. */
    public record FieldError(String field, String message) {
    }

    private final List<FieldError> errors;

    public ValidationException(List<FieldError> errors) {
        super(errors.isEmpty() ? "Invalid input" : errors.getFirst().field() + ": " + errors.getFirst().message());
        this.errors = List.copyOf(errors);
    }

    public ValidationException(String field, String message) {
        this(List.of(new FieldError(field, message)));
    }

    public List<FieldError> errors() {
        return errors;
    }
}
