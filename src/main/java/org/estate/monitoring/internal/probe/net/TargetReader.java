package org.estate.monitoring.internal.probe.net;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import org.estate.platform.ValidationException.FieldError;

/**
 * Reads a check's target as a client sent it (JSON values, or strings from a form or a CSV cell),
 * collecting every problem as a {@code target.<key>} field error and building the normalised target
 * in the order fields are read. Unknown keys are refused; a null value counts as absent.
 */
final class TargetReader {

    private static final Pattern WHOLE = Pattern.compile("[+-]?\\d{1,10}");

    private final Map<String, Object> in;
    private final List<FieldError> errors;
    private final Map<String, Object> out = new LinkedHashMap<>();
    private int errorsBefore;

    TargetReader(Map<String, Object> target, List<FieldError> errors, String type, List<String> known) {
        this.in = target == null ? Map.of() : target;
        this.errors = errors;
        this.errorsBefore = errors.size();
        for (String key : in.keySet()) {
            if (!known.contains(key)) {
                errors.add(new FieldError("target." + shown(key, 60),
                    "A " + type + " check has no field '" + shown(key, 60) + "': its fields are " + String.join(", ", known)));
            }
        }
    }

    /** The normalised target read so far. */
    Map<String, Object> result() {
        return out;
    }

    /** Whether any problem was found since this reader was made. */
    boolean failed() {
        return errors.size() > errorsBefore;
    }

    boolean present(String key) {
        Object v = in.get(key);
        return v != null && !(v instanceof String s && s.isBlank());
    }

    void error(String key, String message) {
        errors.add(new FieldError("target." + key, message));
    }

    void put(String key, Object value) {
        if (value != null) {
            out.put(key, value);
        }
    }

    /** A text value, trimmed; null when absent (with an error when required) or not fitting. */
    String text(String key, boolean required, int maxLength, String missing) {
        Object v = in.get(key);
        if (!present(key)) {
            if (required) {
                error(key, missing);
            }
            return null;
        }
        if (!(v instanceof String s)) {
            error(key, "Must be text");
            return null;
        }
        String t = s.strip();
        if (t.length() > maxLength) {
            error(key, "Must be at most " + maxLength + " characters");
            return null;
        }
        if (t.chars().anyMatch(c -> c < 0x20 && c != '\t' && c != '\n' && c != '\r')) {
            error(key, "Must not contain control characters");
            return null;
        }
        return t;
    }

    /** A whole number from {@code min} to {@code max}; {@code fallback} when absent (null: none). */
    Integer integer(String key, int min, int max, Integer fallback, String label) {
        if (!present(key)) {
            return fallback;
        }
        Object v = in.get(key);
        long n;
        if (v instanceof Integer || v instanceof Long || v instanceof Short || v instanceof Byte) {
            n = ((Number) v).longValue();
        } else if (v instanceof Number num) {
            double d = num.doubleValue();
            if (d != Math.rint(d) || Double.isInfinite(d)) {
                error(key, "Enter " + label + " as a whole number from " + min + " to " + max);
                return null;
            }
            n = d > Long.MAX_VALUE / 2 ? Long.MAX_VALUE : d < Long.MIN_VALUE / 2 ? Long.MIN_VALUE : (long) d;
        } else if (v instanceof String s && WHOLE.matcher(s.strip()).matches()) {
            n = Long.parseLong(s.strip());
        } else {
            error(key, "Enter " + label + " as a whole number from " + min + " to " + max);
            return null;
        }
        if (n < min || n > max) {
            error(key, "Enter " + label + " from " + min + " to " + max);
            return null;
        }
        return (int) n;
    }

    /** True or false (also the strings {@code true}/{@code false}); {@code fallback} when absent. */
    Boolean bool(String key, boolean fallback) {
        if (!present(key)) {
            return fallback;
        }
        Object v = in.get(key);
        if (v instanceof Boolean b) {
            return b;
        }
        if (v instanceof String s && (s.strip().equalsIgnoreCase("true") || s.strip().equalsIgnoreCase("false"))) {
            return Boolean.parseBoolean(s.strip());
        }
        error(key, "Must be true or false");
        return null;
    }

    /** A host name or IP address. */
    String host(String key) {
        String h = text(key, true, 253, "Enter a host name or IP address");
        if (h != null && !Hosts.valid(h)) {
            error(key, "Enter a host name (like www.example.gov.uk) or an IP address");
            return null;
        }
        return h;
    }

    Object raw(String key) {
        return in.get(key);
    }

    static String shown(String s, int max) {
        if (s == null) {
            return "";
        }
        String clean = s.replaceAll("\\p{Cntrl}", "?");
        return clean.length() <= max ? clean : clean.substring(0, max - 1) + "…";
    }
}
