package org.estate.platform.web;

import java.time.temporal.Temporal;

import org.estate.platform.BadRequestException;
import org.springframework.http.converter.HttpMessageNotReadableException;

import tools.jackson.core.JacksonException;
import tools.jackson.core.exc.StreamConstraintsException;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;

/** Says, without echoing internals, why a parameter or a body could not be read, and which field it was. */
final class BadRequests {

    record Unreadable(String field, String detail) {
    }

    private BadRequests() {
    }

    static Throwable cause(Throwable e) {
        Throwable c = e;
        for (int i = 0; c != null && i < 10; i++) {
            if (c instanceof BadRequestException) {
                return c;
            }
            c = c.getCause();
        }
        return e.getCause();
    }

    static String expected(Class<?> type) {
        if (type == null) {
            return "a valid value";
        }
        if (type == Integer.class || type == int.class) {
            return "a whole number between " + Integer.MIN_VALUE + " and " + Integer.MAX_VALUE;
        }
        if (type == Long.class || type == long.class) {
            return "a whole number between " + Long.MIN_VALUE + " and " + Long.MAX_VALUE;
        }
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        if (type.isEnum()) {
            return "one of " + java.util.Arrays.toString(type.getEnumConstants());
        }
        if (Temporal.class.isAssignableFrom(type)) {
            return "ISO-8601, e.g. 2026-11-23 or 2026-11-23T09:00:00Z";
        }
        return "a valid " + type.getSimpleName();
    }

    /**
     * Why a request that Tomcat or the multipart parser could not read is malformed, or null when
     * the exception is not one of those.
     */
    static String malformed(Throwable e) {
        if (RequestBodyLimitFilter.tooLarge(e)) {
            return null; // too large, not malformed: 413
        }
        if (e instanceof org.apache.tomcat.util.http.InvalidParameterException) {
            return "A query or form parameter is not valid: percent-encode its UTF-8 bytes";
        }
        if (e instanceof org.springframework.web.multipart.MultipartException
            && !(e instanceof org.springframework.web.multipart.MaxUploadSizeExceededException)) {
            return "The multipart body is malformed";
        }
        return null;
    }

    /** True when the body was read but a date or time in it is outside the years Estate stores. */
    static boolean refused(HttpMessageNotReadableException e) {
        for (Throwable c = e.getCause(); c != null; c = c.getCause()) {
            if (c instanceof JsonLimits.Refused || c instanceof UnrecognizedPropertyException) {
                return true;
            }
        }
        return false;
    }

    static Unreadable unreadable(HttpMessageNotReadableException e) {
        JacksonException json = null;
        for (Throwable c = e.getCause(); c != null; c = c.getCause()) {
            if (c instanceof BadRequestException b) {
                return new Unreadable(b.field(), b.getMessage());
            }
            if (c instanceof JacksonException j && json == null) {
                json = j;
            }
        }
        if (json instanceof StreamConstraintsException) {
            return new Unreadable(null, "The request body exceeds a JSON limit: nesting at most "
                + JsonLimits.MAX_NESTING_DEPTH + " deep, numbers at most " + JsonLimits.MAX_NUMBER_LENGTH
                + " characters, strings at most " + JsonLimits.MAX_STRING_LENGTH + " characters");
        }
        if (json == null) {
            return new Unreadable(null, "The request body is missing or is not valid JSON (UTF-8) of the expected shape");
        }
        if (json instanceof StreamReadException) {
            return new Unreadable(null, "The request body is not valid JSON (UTF-8)");
        }
        String field = path(json);
        if (json instanceof JsonLimits.Refused refused) {
            return new Unreadable(field, (field == null ? "A value" : field) + ": " + refused.reason());
        }
        if (json instanceof UnrecognizedPropertyException unknown) {
            String known = unknown.getKnownPropertyIds() == null ? "" : unknown.getKnownPropertyIds().stream()
                .map(String::valueOf).sorted().collect(java.util.stream.Collectors.joining(", "));
            return new Unreadable(field, (field == null ? "A field" : field) + " is not a field of this request"
                + (known.isEmpty() ? "" : "; the fields are: " + known));
        }
        if (field == null) {
            return new Unreadable(null, "The request body is not JSON of the expected shape: see /api/docs");
        }

        return new Unreadable(field, field + " has a value of the wrong type or out of range");
    }

    private static String path(JacksonException e) {
        StringBuilder path = new StringBuilder();
        for (JacksonException.Reference r : e.getPath()) {
            if (r.getPropertyName() != null) {
                path.append(path.isEmpty() ? "" : ".").append(r.getPropertyName());
            } else if (r.getIndex() >= 0) {
                path.append('[').append(r.getIndex()).append(']');
            }
        }
        return path.isEmpty() ? null : path.length() > 200 ? path.substring(0, 200) : path.toString();
    }
}
