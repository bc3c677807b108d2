package org.estate.servicedesk.internal;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.estate.platform.NotFoundException;
import org.estate.platform.ValidationException.FieldError;
import org.estate.servicedesk.CatalogueItem;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** The request catalogue and the checking of a request's answers against its item's fields. */
@Service
public class CatalogueService {

    static final java.util.Set<String> FIELD_TYPES = java.util.Set.of("text", "textarea", "number", "date", "email", "boolean", "enum");

    private final JdbcClient jdbc;
    private final JsonMapper json;
    private final org.estate.platform.AuditLog audit;

    CatalogueService(JdbcClient jdbc, JsonMapper json, org.estate.platform.AuditLog audit) {
        this.jdbc = jdbc;
        this.json = json;
        this.audit = audit;
    }

    /** What a PUT of a catalogue item carries. */
    // What a GET gave back may be PUT as it is: its read-only fields are ignored; any other unknown field is 422.
    @com.fasterxml.jackson.annotation.JsonIgnoreProperties({"key", "version"})
    public record ItemInput(String name, String description, String category, List<FieldInput> fields, Boolean approvalRequired,
                            String team, String slaPolicy, Boolean active) {
    }

    /** A form field as sent: {@code required} may be left out (false). */
    public record FieldInput(String key, String label, String type, Boolean required, List<String> options, String hint) {
        CatalogueItem.Field field() {
            return new CatalogueItem.Field(key, label == null ? null : label.trim(), type, Boolean.TRUE.equals(required),
                options == null || options.isEmpty() ? null : List.copyOf(options), hint == null || hint.isBlank() ? null : hint.trim());
        }
    }

    /**
     * Creates or replaces a catalogue item (true when created). Requests already raised keep their
     * answers as given; an item is retired with {@code active: false}, never deleted.
     */
    @Transactional
    public boolean put(String key, Long expectedVersion, ItemInput in) {
        java.util.Optional<Long> version = jdbc.sql("SELECT version FROM sd_catalogue_item WHERE item_key = ?").param(key).query(Long.class).optional();
        if (version.isPresent() && expectedVersion != null && !expectedVersion.equals(version.get())) {
            throw new org.estate.platform.PreconditionFailedException("Catalogue item " + key + " has changed since you read it");
        }
        List<FieldError> errors = new ArrayList<>();
        if (version.isEmpty() && (key == null || !key.matches("[a-z0-9][a-z0-9-]{0,59}"))) {
            errors.add(new FieldError("key", "Give a key of lower-case letters, digits and hyphens, up to 60 characters"));
        }
        TicketChecks.text(errors, "name", in.name(), true, 200);
        TicketChecks.text(errors, "description", in.description(), false, 2000);
        TicketChecks.text(errors, "category", in.category(), false, 100);
        List<CatalogueItem.Field> fields = in.fields() == null ? List.of()
            : in.fields().stream().map(f -> f == null ? null : f.field()).toList();
        java.util.Set<String> keys = new java.util.HashSet<>();
        for (int i = 0; i < fields.size(); i++) {
            CatalogueItem.Field f = fields.get(i);
            String at = "fields[" + i + "]";
            if (f == null || f.key() == null || !f.key().matches("[a-zA-Z][a-zA-Z0-9]{0,59}")) {
                errors.add(new FieldError(at + ".key", "A field key is letters and digits, starting with a letter"));
                continue;
            }
            if (!keys.add(f.key())) {
                errors.add(new FieldError(at + ".key", "Two fields are called '" + f.key() + "'"));
            }
            if (f.label() == null || f.label().isBlank()) {
                errors.add(new FieldError(at + ".label", "Give the field a label"));
            } else if (f.label().length() > 200) {
                errors.add(new FieldError(at + ".label", "A label is 200 characters or fewer"));
            }
            if (f.type() == null || !FIELD_TYPES.contains(f.type())) {
                errors.add(new FieldError(at + ".type", "type must be one of " + String.join(", ", new java.util.TreeSet<>(FIELD_TYPES))));
            } else if ("enum".equals(f.type()) && (f.options() == null || f.options().isEmpty())) {
                errors.add(new FieldError(at + ".options", "An enum field needs its options"));
            }
        }
        String team = in.team() == null || in.team().isBlank() ? null : in.team().trim();
        if (team != null && jdbc.sql("SELECT COUNT(*) FROM sd_team WHERE team_key = ?").param(team).query(Long.class).single() == 0) {
            errors.add(new FieldError("team", "No team '" + team + "'"));
        }
        String policy = in.slaPolicy() == null || in.slaPolicy().isBlank() ? "request" : in.slaPolicy().trim();
        if (jdbc.sql("SELECT COUNT(*) FROM sd_sla_policy WHERE policy_key = ? AND ticket_type = 'request'").param(policy).query(Long.class).single() == 0) {
            errors.add(new FieldError("slaPolicy", "No request SLA policy '" + policy + "'"));
        }
        String fieldsJson = errors.isEmpty() ? json.writeValueAsString(fields) : "";
        if (fields.size() > 50) {
            errors.add(new FieldError("fields", "An item has at most 50 fields (" + fields.size() + " given)"));
        } else if (fieldsJson.length() > 20000) {
            // What the column holds: labels, hints and options together.
            errors.add(new FieldError("fields", "The fields take " + fieldsJson.length() + " characters written down; at most 20000"));
        }
        if (!errors.isEmpty()) {
            throw new org.estate.platform.ValidationException(errors);
        }
        boolean approval = Boolean.TRUE.equals(in.approvalRequired());
        boolean active = in.active() == null || in.active();
        if (version.isEmpty()) {
            Integer order = jdbc.sql("SELECT COALESCE(MAX(sort_order), 0) + 1 FROM sd_catalogue_item").query(Integer.class).single();
            jdbc.sql("""
                    INSERT INTO sd_catalogue_item (item_key, name, description, category, fields, approval_required, team_key, policy_key,
                        active, sort_order, version) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0)""")
                .params(key, in.name().trim(), TicketChecks.blank(in.description()), TicketChecks.blank(in.category()), fieldsJson,
                    approval, team, policy, active, order).update();
        } else {
            int n = jdbc.sql("""
                    UPDATE sd_catalogue_item SET name = ?, description = ?, category = ?, fields = ?, approval_required = ?, team_key = ?,
                        policy_key = ?, active = ?, version = version + 1 WHERE item_key = ? AND version = ?""")
                .params(in.name().trim(), TicketChecks.blank(in.description()), TicketChecks.blank(in.category()), fieldsJson, approval,
                    team, policy, active, key, version.get()).update();
            if (n == 0) {
                throw new org.estate.platform.PreconditionFailedException("Catalogue item " + key + " has changed since you read it");
            }
        }
        audit.record("catalogue-item", key, version.isEmpty() ? "created" : "updated", "Catalogue item " + key + (version.isEmpty() ? " created" : " changed"),
            java.util.Map.of("name", new org.estate.platform.AuditLog.Change(null, in.name().trim()), "fields",
                new org.estate.platform.AuditLog.Change(null, fieldsJson), "active", new org.estate.platform.AuditLog.Change(null, active)));
        return version.isEmpty();
    }

    private static final String SELECT = "SELECT item_key, name, description, category, fields, approval_required, team_key, policy_key, version FROM sd_catalogue_item";

    @Transactional(readOnly = true)
    public List<CatalogueItem> list() {
        return jdbc.sql(SELECT + " WHERE active = TRUE ORDER BY sort_order, name").query((rs, n) -> item(rs)).list();
    }

    @Transactional(readOnly = true)
    public Optional<CatalogueItem> find(String key) {
        return key == null ? Optional.empty() : jdbc.sql(SELECT + " WHERE item_key = ? AND active = TRUE").param(key).query((rs, n) -> item(rs)).optional();
    }

    /** An item whether active or retired. */
    @Transactional(readOnly = true)
    public CatalogueItem findAny(String key) {
        return jdbc.sql(SELECT + " WHERE item_key = ?").param(key).query((rs, n) -> item(rs)).optional()
            .orElseThrow(() -> new NotFoundException("No catalogue item '" + key + "'"));
    }

    public CatalogueItem get(String key) {
        return find(key).orElseThrow(() -> new NotFoundException("No catalogue item '" + key + "'"));
    }

    private CatalogueItem item(java.sql.ResultSet rs) throws java.sql.SQLException {
        List<CatalogueItem.Field> fields = json.readValue(rs.getString("fields"), new TypeReference<List<CatalogueItem.Field>>() { });
        return new CatalogueItem(rs.getString("item_key"), rs.getString("name"), rs.getString("description"), rs.getString("category"),
            fields, rs.getBoolean("approval_required"), rs.getString("team_key"), rs.getString("policy_key"), rs.getLong("version"));
    }

    /**
     * Checks answers against the item's fields and returns them in canonical form (numbers as
     * numbers, booleans as booleans, dates as ISO strings), in the fields' order.
     */
    public Map<String, Object> check(CatalogueItem item, Map<String, Object> answers, List<FieldError> errors) {
        Map<String, Object> given = answers == null ? Map.of() : answers;
        Map<String, Object> out = new LinkedHashMap<>();
        List<String> known = new ArrayList<>();
        for (CatalogueItem.Field f : item.fields()) {
            known.add(f.key());
            Object v = given.get(f.key());
            String field = "answers." + f.key();
            if (v == null || (v instanceof String s && s.isBlank())) {
                if (f.required() && !"boolean".equals(f.type())) {
                    errors.add(new FieldError(field, "Enter " + f.label().toLowerCase(java.util.Locale.ROOT)));
                }
                continue;
            }
            String text = v.toString().trim();
            switch (f.type()) {
                case "number" -> {
                    try {
                        BigDecimal n = v instanceof Number num ? new BigDecimal(num.toString()) : new BigDecimal(text);
                        out.put(f.key(), n.stripTrailingZeros().scale() <= 0 ? n.longValueExact() : n);
                    } catch (NumberFormatException | ArithmeticException e) {
                        errors.add(new FieldError(field, f.label() + " must be a number"));
                    }
                }
                case "boolean" -> {
                    if (v instanceof Boolean b) {
                        out.put(f.key(), b);
                    } else if (text.equalsIgnoreCase("true") || text.equalsIgnoreCase("yes")) {
                        out.put(f.key(), true);
                    } else if (text.equalsIgnoreCase("false") || text.equalsIgnoreCase("no")) {
                        out.put(f.key(), false);
                    } else {
                        errors.add(new FieldError(field, f.label() + " must be yes or no"));
                    }
                }
                case "date" -> {
                    try {
                        out.put(f.key(), LocalDate.parse(text).toString());
                    } catch (DateTimeParseException e) {
                        errors.add(new FieldError(field, f.label() + " must be a date (yyyy-mm-dd)"));
                    }
                }
                case "email" -> {
                    if (TicketChecks.EMAIL.matcher(text).matches()) {
                        out.put(f.key(), text);
                    } else {
                        errors.add(new FieldError(field, f.label() + " must be an email address"));
                    }
                }
                case "enum" -> {
                    if (f.options() != null && f.options().contains(text)) {
                        out.put(f.key(), text);
                    } else {
                        errors.add(new FieldError(field, f.label() + " must be one of " + String.join(", ", f.options())));
                    }
                }
                default -> {
                    if (text.length() > 4000) {
                        errors.add(new FieldError(field, f.label() + " must be 4000 characters or fewer"));
                    } else {
                        out.put(f.key(), text);
                    }
                }
            }
        }
        for (String k : given.keySet()) {
            if (!known.contains(k)) {
                errors.add(new FieldError("answers." + k, "'" + k + "' is not a field of " + item.name() + "; its fields are " + known));
            }
        }
        return out;
    }
}
