package org.estate.cmdb.web;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.estate.cmdb.AttributeDefinition;
import org.estate.cmdb.Ci;
import org.estate.cmdb.CiClass;
import org.estate.cmdb.CiInput;
import org.estate.platform.ValidationException;

/**
 * The CI form's values as the user typed them (strings), so that a form with errors is shown again
 * exactly as it was. Attribute fields are named {@code attr.<key>}.
 */
final class CiForm {

    static final List<String> CORE = List.of("name", "status", "criticality", "owner", "description", "endOfLife",
        "endOfSupport", "tags");

    private CiForm() {
    }

    static Map<String, String> fromCi(Ci ci) {
        Map<String, String> v = new LinkedHashMap<>();
        v.put("name", ci.name());
        v.put("status", ci.status());
        v.put("criticality", ci.criticality());
        v.put("owner", nz(ci.owner()));
        v.put("description", nz(ci.description()));
        v.put("endOfLife", ci.endOfLife() == null ? "" : ci.endOfLife().toString());
        v.put("endOfSupport", ci.endOfSupport() == null ? "" : ci.endOfSupport().toString());
        v.put("tags", String.join(" ", ci.tags()));
        ci.attributes().forEach((k, val) -> v.put("attr." + k, Display.cell(val)));
        return v;
    }

    static Map<String, String> fromRequest(Map<String, String> params, CiClass ciClass) {
        Map<String, String> v = new LinkedHashMap<>();
        for (String f : CORE) {
            v.put(f, params.getOrDefault(f, ""));
        }
        for (AttributeDefinition a : ciClass.attributes()) {
            v.put("attr." + a.key(), params.getOrDefault("attr." + a.key(), ""));
        }
        return v;
    }

    static CiInput toInput(Map<String, String> v, CiClass ciClass) {
        Map<String, Object> attributes = new LinkedHashMap<>();
        for (AttributeDefinition a : ciClass.attributes()) {
            String value = v.get("attr." + a.key());
            if (value != null && !value.isBlank()) {
                attributes.put(a.key(), value);
            }
        }
        String tags = v.getOrDefault("tags", "");
        List<String> tagList = new ArrayList<>(Arrays.stream(tags.split("[,;\\s]+")).filter(s -> !s.isBlank()).toList());
        return new CiInput(ciClass.key(), v.get("name"), v.get("status"), v.get("criticality"), v.get("owner"),
            v.get("description"), v.get("endOfLife"), v.get("endOfSupport"), tagList, attributes);
    }

    /** Field errors keyed by the form's field ids, in the order of the form. */
    static Map<String, String> errors(ValidationException e) {
        Map<String, String> errors = new LinkedHashMap<>();
        for (var f : e.errors()) {
            String id = f.field().startsWith("attributes.") ? "attr." + f.field().substring("attributes.".length()) : f.field();
            errors.putIfAbsent(id, f.message());
        }
        return errors;
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }
}
