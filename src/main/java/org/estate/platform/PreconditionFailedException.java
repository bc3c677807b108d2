package org.estate.platform;

/** The client's If-Match names a version that is no longer current (412). */
public class PreconditionFailedException extends RuntimeException {
    public PreconditionFailedException(String message) {
        super(message);
    }
}
