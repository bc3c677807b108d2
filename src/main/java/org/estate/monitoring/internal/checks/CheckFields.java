package org.estate.monitoring.internal.checks;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.estate.cmdb.Ci;
import org.estate.cmdb.Cmdb;
import org.estate.monitoring.internal.probe.CheckType;
import org.estate.monitoring.internal.probe.CheckTypes;
import org.estate.platform.NotFoundException;
import org.estate.platform.ValidationException.FieldError;
import org.estate.platform.ValueLimits;
import org.springframework.stereotype.Component;

import tools.jackson.databind.json.JsonMapper;

/**
 * The rules of a check's fields, the same for the API, the pages and the CSV import: each field's
 * range, the CI it names, and the target checked by its type ({@link CheckType#normalise}), with
 * every problem named ({@code intervalSeconds}, {@code target.url}…).
 */
@Component
public class CheckFields {

    public static final Set<String> FIELDS = Set.of("name", "type", "ci", "intervalSeconds", "timeoutMs", "failureThreshold",
        "recoveryThreshold", "enabled", "target");
    public static final int MAX_NAME = 200;
    public static final int MIN_INTERVAL = 10;
    public static final int MAX_INTERVAL = 86_400;
    public static final int DEFAULT_INTERVAL = 60;
    public static final int MIN_TIMEOUT = 100;
    public static final int MAX_TIMEOUT = 60_000;
    public static final int DEFAULT_TIMEOUT = 10_000;
    public static final int MAX_THRESHOLD = 20;
    static final int MAX_STORED = 20_000;

    private final CheckTypes types;
    private final Cmdb cmdb;
    private final JsonMapper json = JsonMapper.builder().build();

    CheckFields(CheckTypes types, Cmdb cmdb) {
        this.types = types;
        this.cmdb = cmdb;
    }

    /** A type's failure threshold when none is given (3; 1 for a heartbeat, whose failures are reports). */
    public int defaultFailureThreshold(String type) {
        return types.find(type).map(CheckType::defaultFailureThreshold).orElse(3);
    }

    private static int defaultFailureThreshold(CheckType type) {
        return type == null ? 3 : type.defaultFailureThreshold();
    }

    public List<String> types() {
        return types.keys();
    }

    /** The secret target fields of a type (none for an unknown type). */
    public Set<String> secretFields(String type) {
        return types.find(type).map(CheckType::secretFields).orElse(Set.of());
    }

    /**
     * A new check's definition from a request body, defaults filled in; every problem added to {@code errors}.
     * Answers null when there were problems.
     */
    CheckInput create(Map<String, Object> body, List<FieldError> errors) {
        unknownKeys(body, errors);
        Object typeValue = body.get("type");
        CheckType type = typeValue instanceof String s ? types.find(s).orElse(null) : null;
        if (type == null) {
            errors.add(new FieldError("type", "Choose the type: " + String.join(", ", types.keys())));
        }
        String name = name(body.get("name"), errors);
        Long ci = body.get("ci") == null ? null : ci(body.get("ci"), errors);
        int interval = integer(body, "intervalSeconds", MIN_INTERVAL, MAX_INTERVAL, DEFAULT_INTERVAL, errors);
        int timeout = integer(body, "timeoutMs", MIN_TIMEOUT, MAX_TIMEOUT, Math.min(DEFAULT_TIMEOUT, interval * 1000 - 1000), errors);
        int failures = integer(body, "failureThreshold", 1, MAX_THRESHOLD, defaultFailureThreshold(type), errors);
        int recoveries = integer(body, "recoveryThreshold", 1, MAX_THRESHOLD, 1, errors);
        boolean enabled = bool(body, "enabled", true, errors);
        Object target = body.get("target");
        Map<String, Object> full = null;
        if (!(target instanceof Map<?, ?>)) {
            errors.add(new FieldError("target", "Give the target as a JSON object of the type's fields"));
        } else if (type != null) {
            full = type.normalise(copy(target), errors);
        }
        timeoutBelowInterval(timeout, interval, errors);
        if (!errors.isEmpty() || type == null || full == null) {
            return null;
        }
        return split(name, type, ci, interval, timeout, failures, recoveries, enabled, full, errors);
    }

    /**
     * A stored check merge-patched: omitted fields keep their value; {@code target} is itself a merge
     * patch over the stored target and secrets (a key set to null is removed; an omitted secret stays).
     */
    CheckInput patch(CheckStore.Row current, Map<String, Object> stored, Map<String, Object> patch, List<FieldError> errors) {
        unknownKeys(patch, errors);
        if (patch.containsKey("type") && !current.type().equals(patch.get("type"))) {
            errors.add(new FieldError("type", "A check's type cannot change: create a new check of the other type"));
        }
        CheckType type = types.find(current.type()).orElse(null);
        if (type == null) {
            errors.add(new FieldError("type", "The check's type '" + current.type() + "' is not known to this Estate"));
            return null;
        }
        String name = patch.containsKey("name") ? name(patch.get("name"), errors) : current.name();
        Long ci = !patch.containsKey("ci") ? current.ci() : patch.get("ci") == null ? null : ci(patch.get("ci"), errors);
        int interval = integer(patch, "intervalSeconds", MIN_INTERVAL, MAX_INTERVAL, current.intervalSeconds(), errors);
        int timeout = integer(patch, "timeoutMs", MIN_TIMEOUT, MAX_TIMEOUT, current.timeoutMs(), errors);
        int failures = integer(patch, "failureThreshold", 1, MAX_THRESHOLD, current.failureThreshold(), errors);
        int recoveries = integer(patch, "recoveryThreshold", 1, MAX_THRESHOLD, current.recoveryThreshold(), errors);
        boolean enabled = bool(patch, "enabled", current.enabled(), errors);
        Map<String, Object> merged = new LinkedHashMap<>(current.target());
        merged.putAll(stored);
        if (patch.containsKey("target")) {
            if (patch.get("target") instanceof Map<?, ?> m) {
                m.forEach((k, v) -> {
                    if (v == null) {
                        merged.remove(String.valueOf(k));
                    } else {
                        merged.put(String.valueOf(k), v);
                    }
                });
            } else {
                errors.add(new FieldError("target", "Give the target as a JSON object: the fields to change"));
            }
        }
        Map<String, Object> full = type.normalise(merged, errors);
        timeoutBelowInterval(timeout, interval, errors);
        if (!errors.isEmpty()) {
            return null;
        }
        return split(name, type, ci, interval, timeout, failures, recoveries, enabled, full, errors);
    }

    private CheckInput split(String name, CheckType type, Long ci, int interval, int timeout, int failures, int recoveries,
                             boolean enabled, Map<String, Object> full, List<FieldError> errors) {
        Map<String, Object> target = new LinkedHashMap<>();
        Map<String, Object> secret = new LinkedHashMap<>();
        full.forEach((k, v) -> {
            if (type.secretFields().contains(k)) {
                if (v != null && !(v instanceof String s && s.isEmpty())) {
                    secret.put(k, v);
                }
            } else {
                target.put(k, v);
            }
        });
        if (json.writeValueAsString(target).length() > MAX_STORED) {
            errors.add(new FieldError("target", "The target is too large: at most " + MAX_STORED + " characters of JSON"));
        }
        if (json.writeValueAsString(secret).length() > MAX_STORED / 2) {
            errors.add(new FieldError("target", "The target's secrets are too large: at most " + MAX_STORED / 2 + " characters"));
        }
        return errors.isEmpty() ? new CheckInput(name, type.key(), ci, interval, timeout, failures, recoveries, enabled, target, secret)
            : null;
    }

    private static void unknownKeys(Map<String, Object> body, List<FieldError> errors) {
        for (String k : body.keySet()) {
            if (!FIELDS.contains(k)) {
                errors.add(new FieldError(k, "'" + shown(k) + "' is not a field of a check: the fields are name, type, ci, "
                    + "intervalSeconds, timeoutMs, failureThreshold, recoveryThreshold, enabled and target"));
            }
        }
    }

    private static String name(Object value, List<FieldError> errors) {
        if (!(value instanceof String s) || s.isBlank()) {
            errors.add(new FieldError("name", "Enter a name"));
            return null;
        }
        String problem = ValueLimits.textProblem(s.strip(), MAX_NAME, false);
        if (problem != null) {
            errors.add(new FieldError("name", "Name: " + problem));
            return null;
        }
        return s.strip();
    }

    /** A CI named by id (a number, or its text) or by {@code class:name}; null with a problem when there is none. */
    Long ci(Object value, List<FieldError> errors) {
        String problem = null;
        Long id = null;
        try {
            if (value instanceof Number n && whole(n) != null) {
                id = cmdb.get(whole(n)).id();
            } else if (value instanceof String s && s.strip().matches("\\d{1,18}")) {
                id = cmdb.get(Long.parseLong(s.strip())).id();
            } else if (value instanceof String s && s.indexOf(':') > 0) {
                int colon = s.indexOf(':');
                id = cmdb.find(s.substring(0, colon).strip(), s.substring(colon + 1).strip()).map(Ci::id).orElse(null);
                problem = id == null ? "No CI '" + shown(s.strip()) + "' (class:name, like server:web-01)" : null;
            } else {
                problem = "Give the CI's id, or class:name like server:web-01";
            }
        } catch (NotFoundException e) {
            problem = "No CI with the id " + shown(String.valueOf(value));
        }
        if (problem != null) {
            errors.add(new FieldError("ci", problem));
        }
        return id;
    }

    private static int integer(Map<String, Object> body, String field, int min, int max, int otherwise, List<FieldError> errors) {
        if (!body.containsKey(field)) {
            return otherwise;
        }
        Object v = body.get(field);
        Long n = v instanceof Number num ? whole(num) : null;
        if (n == null || n < min || n > max) {
            errors.add(new FieldError(field, field + " must be a whole number from " + min + " to " + max));
            return otherwise;
        }
        return n.intValue();
    }

    private static boolean bool(Map<String, Object> body, String field, boolean otherwise, List<FieldError> errors) {
        if (!body.containsKey(field)) {
            return otherwise;
        }
        if (body.get(field) instanceof Boolean b) {
            return b;
        }
        errors.add(new FieldError(field, field + " must be true or false"));
        return otherwise;
    }

    private static void timeoutBelowInterval(int timeoutMs, int intervalSeconds, List<FieldError> errors) {
        if (timeoutMs >= intervalSeconds * 1000L && errors.stream().noneMatch(e -> e.field().equals("timeoutMs"))) {
            errors.add(new FieldError("timeoutMs", "timeoutMs must be shorter than the interval (" + intervalSeconds * 1000L + " ms)"));
        }
    }

    /** The value of an integral number, or null when it has a fraction or is out of long's range. */
    static Long whole(Number n) {
        try {
            if (n instanceof Integer || n instanceof Long || n instanceof Short || n instanceof Byte) {
                return n.longValue();
            }
            if (n instanceof BigInteger b) {
                return b.longValueExact();
            }
            if (n instanceof BigDecimal d) {
                return d.longValueExact();
            }
        } catch (ArithmeticException e) {
            return null;
        }
        return null;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> copy(Object target) {
        return new LinkedHashMap<>((Map<String, Object>) target);
    }

    static String shown(String s) {
        return s == null || s.length() <= 60 ? s : s.substring(0, 57) + "...";
    }

    /** The problems as a list the caller can extend. */
    static List<FieldError> errors() {
        return new ArrayList<>();
    }
}
