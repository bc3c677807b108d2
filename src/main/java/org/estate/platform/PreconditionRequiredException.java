package org.estate.platform;

/** An update arrived without If-Match (428). */
public class PreconditionRequiredException extends RuntimeException {
    public PreconditionRequiredException(String message) {
        super(message);
    }
}
