package org.estate.change.internal;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.estate.cmdb.Ci;
import org.estate.cmdb.Cmdb;
import org.estate.identity.Users;
import org.estate.platform.NotFoundException;
import org.estate.platform.ValidationException.FieldError;
import org.estate.platform.ValueLimits;
import org.estate.servicedesk.DeskDirectory;
import org.springframework.stereotype.Component;

/**
 * The editable fields of a change and their limits, read from a JSON object (create) or a merge
 * patch (null clears): every problem is collected, naming its field.
 */
@Component
class ChangeFields {

    static final Set<String> EDITABLE = Set.of("title", "description", "reason", "affectedCis", "plannedStart", "plannedEnd",
        "implementationPlan", "backoutPlan", "testPlan", "backoutTested", "team", "implementer", "supplier", "linkedIncidents",
        "linkedProblems", "linkedRequests", "public", "publicNote");
    static final int MAX_TITLE = 300;
    static final int MAX_TEXT = 20000;
    static final int MAX_NOTE = 2000;
    static final int MAX_SUPPLIER = 200;
    static final int MAX_CIS = 200;
    static final int MAX_LINKS = 100;
    private static final Map<String, String> LINK_PREFIX = Map.of("linkedIncidents", "INC-", "linkedProblems", "PRB-",
        "linkedRequests", "REQ-");

    private final Cmdb cmdb;
    private final Users users;
    private final DeskDirectory desk;

    ChangeFields(Cmdb cmdb, Users users, DeskDirectory desk) {
        this.cmdb = cmdb;
        this.users = users;
        this.desk = desk;
    }

    /** {@code base} with {@code fields} applied; problems go to {@code errors}, leaving the field as it was. */
    ChangeRow apply(ChangeRow base, Map<String, Object> fields, List<FieldError> errors) {
        String title = text(fields, "title", base.title(), MAX_TITLE, false, errors);
        if ((title == null || title.isBlank()) && errors.stream().noneMatch(e -> e.field().equals("title"))) {
            errors.add(new FieldError("title", "Give the change a title"));
        }
        Instant start = instant(fields, "plannedStart", base.plannedStart(), errors);
        Instant end = instant(fields, "plannedEnd", base.plannedEnd(), errors);
        if (start != null && end != null && !end.isAfter(start)) {
            errors.add(new FieldError("plannedEnd", "The planned end must be after the planned start"));
        }
        List<Long> cis = fields.containsKey("affectedCis") ? cis(fields.get("affectedCis"), errors) : base.cis();
        String team = text(fields, "team", base.team(), 60, false, errors);
        if (team != null && fields.containsKey("team") && desk.team(team).isEmpty()) {
            errors.add(new FieldError("team", "No team '" + ChangeStore.abbreviate(team) + "'"));
        }
        String implementer = text(fields, "implementer", base.implementer(), 100, false, errors);
        if (implementer != null && fields.containsKey("implementer") && users.find(implementer).isEmpty()) {
            errors.add(new FieldError("implementer", "No user '" + ChangeStore.abbreviate(implementer) + "'"));
        }
        List<String> links = new ArrayList<>();
        for (String field : List.of("linkedIncidents", "linkedProblems", "linkedRequests")) {
            String prefix = LINK_PREFIX.get(field);
            if (fields.containsKey(field)) {
                links.addAll(links(field, prefix, fields.get(field), errors));
            } else {
                base.links().stream().filter(l -> l.startsWith(prefix)).forEach(links::add);
            }
        }
        boolean backoutTested = bool(fields, "backoutTested", base.backoutTested(), errors);
        boolean isPublic = bool(fields, "public", base.isPublic(), errors);
        return new ChangeRow(base.id(), base.type(), base.status(), base.template(), title,
            text(fields, "description", base.description(), MAX_TEXT, true, errors),
            text(fields, "reason", base.reason(), MAX_TEXT, true, errors), start, end,
            text(fields, "implementationPlan", base.implementationPlan(), MAX_TEXT, true, errors),
            text(fields, "backoutPlan", base.backoutPlan(), MAX_TEXT, true, errors),
            text(fields, "testPlan", base.testPlan(), MAX_TEXT, true, errors), backoutTested, team, implementer,
            text(fields, "supplier", base.supplier(), MAX_SUPPLIER, false, errors), isPublic,
            text(fields, "publicNote", base.publicNote(), MAX_NOTE, true, errors), base.requester(), base.outcome(), base.review(),
            base.riskOverride(), base.riskOverrideReason(), base.riskOverrideBy(), base.submittedAt(), base.createdAt(),
            base.updatedAt(), base.version(), cis, List.copyOf(links));
    }

    /** The CIs these ids name (each must exist), in the order given, without repeats. */
    List<Ci> resolve(List<Long> ids, List<FieldError> errors) {
        List<Ci> found = new ArrayList<>();
        for (int i = 0; i < ids.size(); i++) {
            try {
                found.add(cmdb.get(ids.get(i)));
            } catch (NotFoundException e) {
                errors.add(new FieldError("affectedCis[" + i + "]", "No CI with id " + ids.get(i)));
            }
        }
        return found;
    }

    private List<Long> cis(Object value, List<FieldError> errors) {
        if (value == null) {
            return List.of();
        }
        if (!(value instanceof List<?> list)) {
            errors.add(new FieldError("affectedCis", "affectedCis is a list of CI ids"));
            return List.of();
        }
        if (list.size() > MAX_CIS) {
            errors.add(new FieldError("affectedCis", "A change names at most " + MAX_CIS + " CIs (" + list.size() + " given)"));
            return List.of();
        }
        LinkedHashSet<Long> ids = new LinkedHashSet<>();
        for (int i = 0; i < list.size(); i++) {
            Object o = list.get(i);
            if (o instanceof Integer || o instanceof Long) {
                ids.add(((Number) o).longValue());
            } else {
                errors.add(new FieldError("affectedCis[" + i + "]", "A CI id is a whole number"));
            }
        }
        List<Long> result = List.copyOf(ids);
        List<FieldError> unknown = new ArrayList<>();
        resolve(result, unknown);
        errors.addAll(unknown);
        return result;
    }

    private static List<String> links(String field, String prefix, Object value, List<FieldError> errors) {
        if (value == null) {
            return List.of();
        }
        if (!(value instanceof List<?> list) || list.size() > MAX_LINKS) {
            errors.add(new FieldError(field, field + " is a list of at most " + MAX_LINKS + " references like " + prefix + "12"));
            return List.of();
        }
        LinkedHashSet<String> refs = new LinkedHashSet<>();
        for (int i = 0; i < list.size(); i++) {
            if (list.get(i) instanceof String s && s.trim().toUpperCase(java.util.Locale.ROOT).matches(prefix + "[0-9]{1,18}")) {
                refs.add(s.trim().toUpperCase(java.util.Locale.ROOT));
            } else {
                errors.add(new FieldError(field + "[" + i + "]", "Must be a reference like " + prefix + "12"));
            }
        }
        return List.copyOf(refs);
    }

    static String text(Map<String, Object> fields, String field, String current, int max, boolean multiline, List<FieldError> errors) {
        if (!fields.containsKey(field)) {
            return current;
        }
        Object v = fields.get(field);
        if (v == null) {
            return null;
        }
        if (!(v instanceof String s)) {
            errors.add(new FieldError(field, field + " must be text"));
            return current;
        }
        String problem = ValueLimits.textProblem(s, max, multiline);
        if (problem != null) {
            errors.add(new FieldError(field, problem));
            return current;
        }
        return s.isBlank() ? null : s.strip();
    }

    private static boolean bool(Map<String, Object> fields, String field, boolean current, List<FieldError> errors) {
        if (!fields.containsKey(field)) {
            return current;
        }
        Object v = fields.get(field);
        if (v == null) {
            return false;
        }
        if (v instanceof Boolean b) {
            return b;
        }
        errors.add(new FieldError(field, field + " must be true or false"));
        return current;
    }

    static Instant instant(Map<String, Object> fields, String field, Instant current, List<FieldError> errors) {
        if (!fields.containsKey(field)) {
            return current;
        }
        Object v = fields.get(field);
        if (v == null) {
            errors.add(new FieldError(field, "Give the " + label(field)));
            return null;
        }
        Instant i = v instanceof String s ? parseInstant(s) : null;
        if (i == null || !ValueLimits.inRange(i)) {
            errors.add(new FieldError(field, "Must be an instant like 2027-03-31T02:00:00Z"));
            return current;
        }
        return i;
    }

    static Instant parseInstant(String s) {
        if (s.length() > 40) {
            return null;
        }
        try {
            return Instant.parse(s.strip());
        } catch (DateTimeParseException e) {
            try {
                return OffsetDateTime.parse(s.strip()).toInstant();
            } catch (DateTimeParseException e2) {
                return null;
            }
        }
    }

    private static String label(String field) {
        return "plannedStart".equals(field) ? "planned start" : "plannedEnd".equals(field) ? "planned end" : field;
    }
}
