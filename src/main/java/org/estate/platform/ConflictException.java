package org.estate.platform;

/** The request clashes with the current state, e.g. a duplicate name (409). */
public class ConflictException extends RuntimeException {
    public ConflictException(String message) {
        super(message);
    }
}
