package org.estate.change.internal;

import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.estate.cmdb.Cmdb;
import org.estate.platform.ValidationException.FieldError;
import org.estate.platform.ValueLimits;

/** Reading the fields freezes and maintenance windows share, every problem named by its field. */
final class ScheduleFields {

    static final int MAX_NAME = 200;
    static final int MAX_CIS = 200;

    private ScheduleFields() {
    }

    static void unknownFields(Map<String, Object> body, Set<String> known, String what, List<FieldError> errors) {
        for (String k : body.keySet()) {
            if (!known.contains(k)) {
                errors.add(new FieldError(k, "'" + ChangeStore.abbreviate(k) + "' is not a field of a " + what));
            }
        }
    }

    /** The name given (or {@code current} when absent); blank or missing is an error. */
    static String name(Map<String, Object> body, String current, List<FieldError> errors) {
        String name = ChangeFields.text(body, "name", current, MAX_NAME, false, errors);
        if ((name == null || name.isBlank()) && errors.stream().noneMatch(e -> e.field().equals("name"))) {
            errors.add(new FieldError("name", "Give the name"));
        }
        return name;
    }

    static Instant instant(Map<String, Object> body, String field, Instant current, List<FieldError> errors) {
        if (!body.containsKey(field) && current == null) {
            errors.add(new FieldError(field, "Give the " + field + ", an instant like 2027-03-31T02:00:00Z"));
            return null;
        }
        return ChangeFields.instant(body, field, current, errors);
    }

    /** The CI ids of a list (1 to {@value #MAX_CIS}, each an existing CI), without repeats, in the order given. */
    static List<Long> cis(Object value, String field, Cmdb cmdb, List<FieldError> errors) {
        if (!(value instanceof List<?> list) || list.isEmpty() || list.size() > MAX_CIS) {
            errors.add(new FieldError(field, "Give a list of 1 to " + MAX_CIS + " CI ids"));
            return List.of();
        }
        LinkedHashSet<Long> ids = new LinkedHashSet<>();
        for (int i = 0; i < list.size(); i++) {
            if (list.get(i) instanceof Integer || list.get(i) instanceof Long) {
                ids.add(((Number) list.get(i)).longValue());
            } else {
                errors.add(new FieldError(field + "[" + i + "]", "A CI id is a whole number"));
            }
        }
        Map<Long, String> names = cmdb.names(ids);
        for (int i = 0; i < list.size(); i++) {
            if (list.get(i) instanceof Number n && !names.containsKey(n.longValue())) {
                errors.add(new FieldError(field + "[" + i + "]", "No CI with id " + n));
            }
        }
        return List.copyOf(ids);
    }

    static boolean bool(Map<String, Object> body, String field, boolean current, List<FieldError> errors) {
        if (!body.containsKey(field)) {
            return current;
        }
        if (body.get(field) instanceof Boolean b) {
            return b;
        }
        errors.add(new FieldError(field, field + " is true or false"));
        return current;
    }

    static boolean inRange(Instant i) {
        return ValueLimits.inRange(i);
    }
}
