package org.estate.cmdb.internal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

import org.estate.cmdb.AttributeDefinition;
import org.estate.cmdb.AttributeType;
import org.estate.cmdb.CiClass;
import org.estate.platform.AuditLog;
import org.estate.platform.AuditLog.Change;
import org.estate.platform.ConflictException;
import org.estate.platform.NotFoundException;
import org.estate.platform.ValidationException;
import org.estate.platform.ValidationException.FieldError;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * CI classes and their attributes, read from the database on each use (a few dozen rows), so an
 * attribute an admin adds on one node is in force on every node at once, without a restart.
 */
@Component
class ClassCatalogue {

    static final List<String> CORE_FIELDS = List.of("class", "name", "status", "criticality", "owner", "description",
        "endOfLife", "endOfSupport", "tags");
    private static final Pattern KEY = Pattern.compile("[a-z][A-Za-z0-9]{0,59}");

    private final JdbcClient jdbc;
    private final AuditLog audit;

    ClassCatalogue(JdbcClient jdbc, AuditLog audit) {
        this.jdbc = jdbc;
        this.audit = audit;
    }

    /** All classes in display order, keyed by class key. */
    Map<String, CiClass> all() {
        Map<String, List<AttributeDefinition>> attributes = new LinkedHashMap<>();
        jdbc.sql("""
                SELECT class_key, attr_key, label, attr_type, required, options, built_in
                FROM ci_attribute ORDER BY class_key, sort_order, id""")
            .query(rs -> {
                String options = rs.getString("options");
                attributes.computeIfAbsent(rs.getString("class_key"), k -> new ArrayList<>()).add(new AttributeDefinition(
                    rs.getString("attr_key"), rs.getString("label"), AttributeType.fromKey(rs.getString("attr_type")).orElseThrow(),
                    rs.getBoolean("required"), options == null ? List.of() : Arrays.asList(options.split("\\|")),
                    rs.getBoolean("built_in")));
            });
        Map<String, CiClass> classes = new LinkedHashMap<>();
        jdbc.sql("SELECT class_key, label, description FROM ci_class ORDER BY sort_order, class_key")
            .query(rs -> {
                String key = rs.getString("class_key");
                classes.put(key, new CiClass(key, rs.getString("label"), rs.getString("description"),
                    List.copyOf(attributes.getOrDefault(key, List.of()))));
            });
        return classes;
    }

    Optional<CiClass> find(String key) {
        return Optional.ofNullable(all().get(key));
    }

    @Transactional
    AttributeDefinition addAttribute(String classKey, AttributeDefinition d) {
        CiClass ciClass = find(classKey).orElseThrow(() -> new NotFoundException("No CI class '" + classKey + "'"));
        List<FieldError> errors = new ArrayList<>();
        if (d.key() == null || !KEY.matcher(d.key()).matches()) {
            errors.add(new FieldError("key", "Enter a key in camelCase: a lower-case letter, then letters and digits (at most 60)"));
        } else if (CORE_FIELDS.contains(d.key()) || "attributes".equals(d.key())) {
            errors.add(new FieldError("key", "'" + d.key() + "' is a core field of every CI"));
        }
        if (d.label() == null || d.label().isBlank()) {
            errors.add(new FieldError("label", "Enter a label"));
        } else if (org.estate.platform.ValueLimits.textProblem(d.label().trim(), 100, false) != null) {
            errors.add(new FieldError("label", "Label: " + org.estate.platform.ValueLimits.textProblem(d.label().trim(), 100, false)
                .toLowerCase(java.util.Locale.ROOT)));
        }
        if (d.type() == null) {
            errors.add(new FieldError("type", "Choose a type: text, number, boolean, date, ip-address, url, email or enum"));
        }
        List<String> options = d.options() == null ? List.of()
            : d.options().stream().map(String::trim).filter(s -> !s.isEmpty()).distinct().toList();
        if (d.type() == AttributeType.ENUM && options.isEmpty()) {
            errors.add(new FieldError("options", "List the allowed values of an enum attribute"));
        }
        if (d.type() != null && d.type() != AttributeType.ENUM && !options.isEmpty()) {
            errors.add(new FieldError("options", "Only enum attributes have options"));
        }
        if (String.join("|", options).length() > 4000) {
            errors.add(new FieldError("options", "The options must come to 4,000 characters or fewer in all"));
        }
        if (options.stream().anyMatch(o -> o.contains("|") || org.estate.platform.ValueLimits.textProblem(o, 100, false) != null)) {
            errors.add(new FieldError("options", "Options must be at most 100 characters and may not contain '|'"));
        }
        if (!errors.isEmpty()) {
            throw new ValidationException(errors);
        }
        if (ciClass.attribute(d.key()).isPresent()) {
            throw new ConflictException("Class '" + classKey + "' already has an attribute '" + d.key() + "'");
        }
        int order = ciClass.attributes().size() + 1;
        jdbc.sql("""
                INSERT INTO ci_attribute (class_key, attr_key, label, attr_type, required, options, built_in, sort_order)
                VALUES (:class, :key, :label, :type, :required, :options, FALSE, :order)""")
            .param("class", classKey).param("key", d.key()).param("label", d.label().trim()).param("type", d.type().key())
            .param("required", d.required()).param("options", options.isEmpty() ? null : String.join("|", options))
            .param("order", order).update();
        Map<String, Change> changes = new LinkedHashMap<>();
        changes.put("key", new Change(null, d.key()));
        changes.put("label", new Change(null, d.label().trim()));
        changes.put("type", new Change(null, d.type().key()));
        changes.put("required", new Change(null, d.required()));
        if (!options.isEmpty()) {
            changes.put("options", new Change(null, options));
        }
        audit.record("ci-class", classKey, "attribute-added", "Attribute " + d.key() + " added to " + classKey, changes);
        return new AttributeDefinition(d.key(), d.label().trim(), d.type(), d.required(), options, false);
    }
}
