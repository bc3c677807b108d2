package org.estate.monitoring.internal.probe.sys;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.estate.platform.ValidationException.FieldError;

/**
 * Reads one target map for {@code normalise}: each key checked against its range, defaults filled,
 * every problem added as {@code target.<key>}, and keys the type does not know refused. Values are
 * never echoed back in a message (a key may hold a secret).
 */
final class TargetReader {

    private final Map<String, Object> in;
    private final List<FieldError> errors;
    private final Map<String, Object> out = new LinkedHashMap<>();
    private final Set<String> known = new TreeSet<>();

    TargetReader(Map<String, Object> in, List<FieldError> errors) {
        this.in = in == null ? Map.of() : in;
        this.errors = errors;
    }

    Map<String, Object> out() {
        return out;
    }

    /** The value as given, for a key whose type decides how it is read. */
    Object get(String key) {
        return in.get(key);
    }

    boolean has(String key) {
        Object v = in.get(key);
        return v != null && !(v instanceof String s && s.isBlank());
    }

    void error(String key, String message) {
        errors.add(new FieldError("target." + key, message));
    }

    /** A text value, trimmed; null when absent (an error when required) or wrong. */
    String text(String key, boolean required, int maxLength, String what) {
        known.add(key);
        Object v = in.get(key);
        if (v == null || v instanceof String s && s.isBlank()) {
            if (required) error(key, "Enter " + what);
            return null;
        }
        if (!(v instanceof String s)) {
            error(key, "Enter " + what + " as text");
            return null;
        }
        String t = s.strip();
        if (t.length() > maxLength) {
            error(key, "Enter " + what + " of at most " + maxLength + " characters");
            return null;
        }
        out.put(key, t);
        return t;
    }

    /** A secret: kept exactly as given (spaces and all); never shown in a message. */
    String secret(String key, boolean required, int maxLength, String what) {
        known.add(key);
        Object v = in.get(key);
        if (v == null || v instanceof String s && s.isEmpty()) {
            if (required) error(key, "Enter " + what);
            return null;
        }
        if (!(v instanceof String s) || s.length() > maxLength) {
            error(key, "Enter " + what + " as text of at most " + maxLength + " characters");
            return null;
        }
        out.put(key, s);
        return s;
    }

    /** A host name or IP address: letters, digits, dots, hyphens, colons (IPv6), at most 253 characters. */
    String host(String key) {
        String h = text(key, true, 253, "a host name or IP address");
        if (h != null && !h.matches("[A-Za-z0-9._:\\-\\[\\]%]+")) {
            error(key, "Enter a host name or IP address without spaces or other characters");
            out.remove(key);
            return null;
        }
        return h;
    }

    /** A whole number in {@code [min, max]}, {@code dflt} when absent (null dflt: required). Accepts numbers and numeric text. */
    Integer integer(String key, int min, int max, Integer dflt, String what) {
        known.add(key);
        Object v = in.get(key);
        if (v == null || v instanceof String s && s.isBlank()) {
            if (dflt == null) {
                error(key, "Enter " + what + ", a whole number from " + min + " to " + max);
                return null;
            }
            out.put(key, dflt);
            return dflt;
        }
        Long n = null;
        if (v instanceof Integer || v instanceof Long || v instanceof Short) {
            n = ((Number) v).longValue();
        } else if (v instanceof Number num && num.doubleValue() == Math.rint(num.doubleValue()) && Math.abs(num.doubleValue()) < 1e15) {
            n = (long) num.doubleValue();
        } else if (v instanceof String s && s.strip().matches("-?\\d{1,15}")) {
            n = Long.parseLong(s.strip());
        }
        if (n == null || n < min || n > max) {
            error(key, "Enter " + what + " as a whole number from " + min + " to " + max);
            return null;
        }
        out.put(key, n.intValue());
        return n.intValue();
    }

    /** A whole number in {@code [min, max]}, or null when absent (nothing stored). */
    Integer optionalInteger(String key, int min, int max, String what) {
        known.add(key);
        return has(key) ? integer(key, min, max, null, what) : null;
    }

    /** One of {@code allowed} (compared without case, stored as written in {@code allowed}); {@code dflt} when absent. */
    String oneOf(String key, List<String> allowed, String dflt, String what) {
        known.add(key);
        Object v = in.get(key);
        if (v == null || v instanceof String s && s.isBlank()) {
            if (dflt == null) {
                error(key, "Choose " + what + ": one of " + String.join(", ", allowed));
                return null;
            }
            out.put(key, dflt);
            return dflt;
        }
        String given = v instanceof Number num ? String.valueOf(num) : v instanceof String s ? s.strip() : null;
        for (String a : allowed) {
            if (a.equalsIgnoreCase(given)) {
                out.put(key, a);
                return a;
            }
        }
        error(key, "Choose " + what + ": one of " + String.join(", ", allowed));
        return null;
    }

    /** One of {@code allowed}, or null when absent (nothing stored). */
    String optionalOneOf(String key, List<String> allowed, String what) {
        known.add(key);
        return has(key) ? oneOf(key, allowed, null, what) : null;
    }

    /** Accepts a key as known without reading it (nothing stored). */
    void ignore(String key) {
        known.add(key);
    }

    /** Refuses every key not read; call last. */
    void refuseUnknown() {
        for (String k : new TreeSet<>(in.keySet())) {
            if (!known.contains(k)) {
                error(k, "This check type has no field " + k);
            }
        }
    }

    /** Drops a key the reader accepted but that does not apply (e.g. a v3 user on a v2c target). */
    void refuse(String key, String why) {
        known.add(key);
        if (in.containsKey(key) && in.get(key) != null) {
            error(key, why);
        }
        out.remove(key);
    }
}
