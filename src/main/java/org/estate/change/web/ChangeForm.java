package org.estate.change.web;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.estate.change.ChangeView;
import org.estate.cmdb.CiLines;
import org.estate.cmdb.Cmdb;
import org.estate.platform.CsvValues;
import org.estate.platform.ValidationException;

/**
 * The change form's fields as the page shows them (strings: times day first in Europe/London, CIs
 * one per line, ticket references separated by spaces) and their reading into the API's fields.
 */
final class ChangeForm {

    /** The fields a person edits on the form (type and template are chosen once, when raising it). */
    static final List<String> FIELDS = List.of("title", "description", "reason", "cis", "plannedStart", "plannedEnd",
        "implementationPlan", "backoutPlan", "testPlan", "backoutTested", "team", "implementer", "supplier", "linkedIncidents",
        "linkedProblems", "linkedRequests", "public", "publicNote");
    private static final List<String> TEXTS = List.of("title", "description", "reason", "implementationPlan", "backoutPlan", "testPlan",
        "team", "implementer", "supplier", "publicNote");
    private static final int MAX_CIS = 200;

    private final CiLines ciLines;

    ChangeForm(Cmdb cmdb) {
        this.ciLines = new CiLines(cmdb, MAX_CIS);
    }

    /** A change's values as the edit form shows them. */
    Map<String, String> values(ChangeView c) {
        Map<String, String> v = new LinkedHashMap<>();
        v.put("title", c.title());
        v.put("description", c.description());
        v.put("reason", c.reason());
        v.put("cis", ciLines.show(c.affectedCis()));
        v.put("plannedStart", ChangeDisplay.formTime(c.plannedStart()));
        v.put("plannedEnd", ChangeDisplay.formTime(c.plannedEnd()));
        v.put("implementationPlan", c.implementationPlan());
        v.put("backoutPlan", c.backoutPlan());
        v.put("testPlan", c.testPlan());
        v.put("backoutTested", String.valueOf(c.backoutTested()));
        v.put("team", c.team());
        v.put("implementer", c.implementer());
        v.put("supplier", c.supplier());
        v.put("linkedIncidents", String.join(" ", c.linkedIncidents()));
        v.put("linkedProblems", String.join(" ", c.linkedProblems()));
        v.put("linkedRequests", String.join(" ", c.linkedRequests()));
        v.put("public", String.valueOf(c.isPublic()));
        v.put("publicNote", c.publicNote());
        v.replaceAll((k, x) -> x == null ? "" : x);
        return v;
    }

    /**
     * The API fields for the form fields in {@code given} (only those present); a blank text is
     * null (cleared), or left out when {@code omitBlank} (raising a change, so a template's plans apply).
     * Problems the page finds itself (a CI name, a time) go to {@code errors} by form field.
     */
    Map<String, Object> fields(Map<String, String> given, boolean omitBlank, Map<String, String> errors) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (String f : FIELDS) {
            if (!given.containsKey(f)) {
                continue;
            }
            String value = given.get(f) == null ? "" : given.get(f).strip();
            switch (f) {
                case "cis" -> {
                    List<Long> ids = new ArrayList<>();
                    ciLines.resolve(value, ids, errors);
                    out.put("affectedCis", ids);
                }
                case "plannedStart", "plannedEnd" -> {
                    String label = f.equals("plannedStart") ? "The planned start" : "The planned end";
                    if (value.isEmpty()) {
                        errors.putIfAbsent(f, "Enter " + (f.equals("plannedStart") ? "the planned start" : "the planned end")
                            + ", day first in UK time, like 07/03/2027 02:00");
                    } else {
                        Instant at = CsvValues.instant(label, value, problem -> errors.putIfAbsent(f, problem));
                        if (at != null) {
                            out.put(f, at.toString());
                        }
                    }
                }
                case "backoutTested", "public" -> out.put(f, "true".equals(value));
                case "linkedIncidents", "linkedProblems", "linkedRequests" ->
                    out.put(f, Arrays.stream(value.split("[,\\s]+")).filter(x -> !x.isBlank()).toList());
                default -> {
                    if (TEXTS.contains(f)) {
                        if (!value.isEmpty()) {
                            out.put(f, given.get(f).replace("\r\n", "\n").strip());
                        } else if (!omitBlank) {
                            out.put(f, null);
                        }
                    }
                }
            }
        }
        return out;
    }

    /** The form field an API field's error belongs beside. */
    static String fieldId(String apiField) {
        if (apiField.startsWith("affectedCis")) {
            return "cis";
        }
        int bracket = apiField.indexOf('[');
        return bracket > 0 ? apiField.substring(0, bracket) : apiField.isEmpty() ? "title" : apiField;
    }

    /** The service's errors by form field, after any the page found itself. */
    static Map<String, String> errors(ValidationException e, Map<String, String> errors) {
        e.errors().forEach(fe -> errors.putIfAbsent(fieldId(fe.field()), fe.message()));
        return errors;
    }
}
