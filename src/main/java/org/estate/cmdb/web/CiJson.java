package org.estate.cmdb.web;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.estate.cmdb.Ci;
import org.estate.cmdb.CiInput;
import org.estate.platform.ValidationException;
import org.estate.platform.ValidationException.FieldError;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Maps API JSON to {@link CiInput}, and applies JSON merge patches (RFC 7396) to a CI. Shapes are
 * checked here (a list where a list belongs); values are checked by the service.
 */
final class CiJson {

    private static final Set<String> FIELDS = Set.of("class", "name", "status", "criticality", "owner", "description",
        "endOfLife", "endOfSupport", "tags", "attributes");
    private static final Set<String> READ_ONLY = Set.of("id", "version", "createdAt", "updatedAt");

    private CiJson() {
    }

    static CiInput fromJson(JsonNode body) {
        if (!(body instanceof ObjectNode object)) {
            throw new ValidationException("", "The body must be a JSON object");
        }
        List<FieldError> errors = new ArrayList<>();
        for (String field : object.propertyNames()) {
            if (!FIELDS.contains(field) && !READ_ONLY.contains(field)) {
                errors.add(new FieldError(field, "Unknown field '" + field + "'"));
            }
        }
        String ciClass = text(object, "class", errors);
        String name = text(object, "name", errors);
        String status = text(object, "status", errors);
        String criticality = text(object, "criticality", errors);
        String owner = text(object, "owner", errors);
        String description = text(object, "description", errors);
        String endOfLife = text(object, "endOfLife", errors);
        String endOfSupport = text(object, "endOfSupport", errors);
        List<String> tags = null;
        JsonNode tagsNode = object.get("tags");
        if (tagsNode != null && !tagsNode.isNull()) {
            if (!tagsNode.isArray()) {
                errors.add(new FieldError("tags", "Must be a list of tags, like [\"payments\", \"pci\"]"));
            } else {
                tags = new ArrayList<>();
                for (JsonNode t : tagsNode) {
                    if (!t.isString()) {
                        errors.add(new FieldError("tags", "Each tag must be a string"));
                    } else {
                        tags.add(t.asString());
                    }
                }
            }
        }
        Map<String, Object> attributes = new LinkedHashMap<>();
        JsonNode attrs = object.get("attributes");
        if (attrs != null && !attrs.isNull()) {
            if (!(attrs instanceof ObjectNode attrObject)) {
                errors.add(new FieldError("attributes", "Must be an object of attribute keys and values"));
            } else {
                for (var e : attrObject.properties()) {
                    Object value = value(e.getValue());
                    if (value instanceof FieldError) {
                        errors.add(new FieldError("attributes." + e.getKey(), "Must be a single value, not a list or object"));
                    } else if (value != null) {
                        attributes.put(e.getKey(), value);
                    }
                }
            }
        }
        if (!errors.isEmpty()) {
            throw new ValidationException(errors);
        }
        return new CiInput(ciClass, name, status, criticality, owner, description, endOfLife, endOfSupport, tags, attributes);
    }

    /** Applies a merge patch to the CI's current JSON form: absent keeps, null removes, objects merge. */
    static CiInput mergePatch(Ci current, JsonNode patch, tools.jackson.databind.json.JsonMapper json) {
        if (!(patch instanceof ObjectNode patchObject)) {
            throw new ValidationException("", "A merge patch must be a JSON object");
        }
        ObjectNode target = json.valueToTree(current);
        for (String field : READ_ONLY) {
            target.remove(field);
        }
        for (var e : patchObject.properties()) {
            if (READ_ONLY.contains(e.getKey())) {
                continue;
            }
            if (e.getKey().equals("attributes") && e.getValue() instanceof ObjectNode attrPatch) {
                JsonNode existing = target.get("attributes");
                ObjectNode attrs = existing instanceof ObjectNode o ? o : target.putObject("attributes");
                for (var a : attrPatch.properties()) {
                    if (a.getValue().isNull()) {
                        attrs.remove(a.getKey());
                    } else {
                        attrs.set(a.getKey(), a.getValue());
                    }
                }
            } else if (e.getValue().isNull()) {
                target.remove(e.getKey());
            } else {
                target.set(e.getKey(), e.getValue());
            }
        }
        return fromJson(target);
    }

    private static String text(ObjectNode object, String field, List<FieldError> errors) {
        JsonNode node = object.get(field);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isString()) {
            errors.add(new FieldError(field, "Must be a string"));
            return null;
        }
        return node.asString();
    }

    private static Object value(JsonNode node) {
        if (node == null || node.isNull()) {
            return null;
        }
        if (node.isString()) {
            return node.asString();
        }
        if (node.isBoolean()) {
            return node.booleanValue();
        }
        if (node.isNumber()) {
            // Exact unless a mapper read the number through a double; then the double, for the
            // validator to check (an infinity is refused, never turned into a 500).
            return node.isFloat() || node.isDouble() ? (Object) node.doubleValue() : node.decimalValue();
        }
        return new FieldError("", "");
    }
}
