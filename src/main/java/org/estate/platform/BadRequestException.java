package org.estate.platform;

/** The request itself is malformed: an unparseable parameter or body (400). */
public class BadRequestException extends RuntimeException {
    private final String field;

    public BadRequestException(String field, String message) {
        super(message);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
