package org.estate.change.internal;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.estate.change.ChangeTemplateView;
import org.estate.cmdb.Cmdb;
import org.estate.platform.AuditLog;
import org.estate.platform.AuditLog.Change;
import org.estate.platform.ConflictException;
import org.estate.platform.NotFoundException;
import org.estate.platform.ValidationException;
import org.estate.platform.ValidationException.FieldError;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Standard change templates: kept by managers, suspended after a failed change, reinstated by a manager. */
@Service
public class ChangeTemplates {

    static final String ENTITY = "change-template";
    static final int MAX_DURATION = 7 * 24 * 60;

    /** The template list's order: by name unless asked otherwise. */
    public static final org.estate.platform.SortOptions<ChangeTemplateView> SORT = org.estate.platform.SortOptions.<ChangeTemplateView>by("name")
        .text("name", "name", ChangeTemplateView::name).text("key", "template_key", ChangeTemplateView::key)
        .value("maxDuration", "max_duration_minutes", ChangeTemplateView::maxDurationMinutes)
        .tieBreaker("template_key", ChangeTemplateView::key);

    private final JdbcClient jdbc;
    private final Cmdb cmdb;
    private final AuditLog audit;
    private final Clock clock;

    /** A new template (the contract's body). */
    public record TemplateInput(String key, String name, String description, String implementationPlan, String backoutPlan,
                                String testPlan, List<String> ciClasses, Integer maxDurationMinutes) {
    }

    ChangeTemplates(JdbcClient jdbc, Cmdb cmdb, AuditLog audit, Clock clock) {
        this.jdbc = jdbc;
        this.cmdb = cmdb;
        this.audit = audit;
        this.clock = clock;
    }

    @Transactional(readOnly = true)
    public List<ChangeTemplateView> list() {
        return jdbc.sql("SELECT * FROM chg_template ORDER BY name, template_key").query((rs, n) -> view(rs)).list();
    }

    @Transactional(readOnly = true)
    public Optional<ChangeTemplateView> find(String key) {
        if (key == null || key.length() > 60) {
            return Optional.empty();
        }
        return jdbc.sql("SELECT * FROM chg_template WHERE template_key = ?").param(key).query((rs, n) -> view(rs)).optional();
    }

    public ChangeTemplateView get(String key) {
        return find(key).orElseThrow(() -> new NotFoundException("No change template '" + ChangeStore.abbreviate(key) + "'"));
    }

    @Transactional
    public ChangeTemplateView create(TemplateInput in) {
        List<FieldError> errors = new ArrayList<>();
        if (in.key() == null || !in.key().matches("[a-z0-9][a-z0-9-]{0,59}")) {
            errors.add(new FieldError("key", "Give a key of lower-case letters, digits and hyphens, up to 60 characters"));
        }
        required(errors, "name", in.name(), 200, false);
        optional(errors, "description", in.description());
        required(errors, "implementationPlan", in.implementationPlan(), ChangeFields.MAX_TEXT, true);
        required(errors, "backoutPlan", in.backoutPlan(), ChangeFields.MAX_TEXT, true);
        required(errors, "testPlan", in.testPlan(), ChangeFields.MAX_TEXT, true);
        LinkedHashSet<String> classes = new LinkedHashSet<>();
        if (in.ciClasses() == null || in.ciClasses().isEmpty() || in.ciClasses().size() > 50) {
            errors.add(new FieldError("ciClasses", "Name the CI classes the template applies to (1 to 50)"));
        } else {
            for (int i = 0; i < in.ciClasses().size(); i++) {
                String c = in.ciClasses().get(i);
                if (c == null || c.length() > 60 || cmdb.ciClass(c).isEmpty()) {
                    errors.add(new FieldError("ciClasses[" + i + "]", "No CI class '" + ChangeStore.abbreviate(c) + "'"));
                } else {
                    classes.add(c);
                }
            }
        }
        if (in.maxDurationMinutes() == null || in.maxDurationMinutes() < 1 || in.maxDurationMinutes() > MAX_DURATION) {
            errors.add(new FieldError("maxDurationMinutes", "Give the longest window in minutes, 1 to " + MAX_DURATION));
        }
        if (!errors.isEmpty()) {
            throw new ValidationException(errors);
        }
        if (find(in.key()).isPresent()) {
            throw new ConflictException("A change template with key '" + in.key() + "' already exists");
        }
        jdbc.sql("""
                INSERT INTO chg_template (template_key, name, description, implementation_plan, backout_plan, test_plan, ci_classes,
                    max_duration_minutes, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)""")
            .params(in.key(), in.name().strip(), blank(in.description()), in.implementationPlan().strip(), in.backoutPlan().strip(),
                in.testPlan().strip(), String.join(",", classes), in.maxDurationMinutes(), Timestamp.from(clock.instant()))
            .update();
        Map<String, Change> changes = new LinkedHashMap<>();
        changes.put("name", new Change(null, in.name().strip()));
        changes.put("ciClasses", new Change(null, String.join(", ", classes)));
        changes.put("maxDurationMinutes", new Change(null, in.maxDurationMinutes()));
        audit.record(ENTITY, in.key(), "created", "Change template " + in.key() + " created", changes);
        return get(in.key());
    }

    /** A change from the template failed: it is suspended until a manager reinstates it (audited). */
    void suspend(String key, String reason) {
        int n = jdbc.sql("UPDATE chg_template SET suspended = TRUE, suspended_reason = ?, version = version + 1 WHERE template_key = ? AND suspended = FALSE")
            .params(reason, key).update();
        if (n > 0) {
            audit.record(ENTITY, key, "suspended", "Change template " + key + " suspended: " + reason,
                Map.of("suspended", new Change(false, true)));
        }
    }

    @Transactional
    public ChangeTemplateView reinstate(String key) {
        ChangeTemplateView t = get(key);
        if (!t.suspended()) {
            return t;
        }
        jdbc.sql("UPDATE chg_template SET suspended = FALSE, suspended_reason = NULL, version = version + 1 WHERE template_key = ?")
            .param(key).update();
        audit.record(ENTITY, key, "reinstated", "Change template " + key + " reinstated", Map.of("suspended", new Change(true, false)));
        return get(key);
    }

    private static ChangeTemplateView view(java.sql.ResultSet rs) throws java.sql.SQLException {
        return new ChangeTemplateView(rs.getString("template_key"), rs.getString("name"), rs.getString("description"),
            rs.getString("implementation_plan"), rs.getString("backout_plan"), rs.getString("test_plan"),
            Arrays.stream(rs.getString("ci_classes").split(",")).filter(s -> !s.isBlank()).toList(),
            rs.getInt("max_duration_minutes"), rs.getBoolean("suspended"), rs.getString("suspended_reason"), rs.getLong("version"));
    }

    private static void required(List<FieldError> errors, String field, String value, int max, boolean multiline) {
        if (value == null || value.isBlank()) {
            errors.add(new FieldError(field, "Give the " + field));
            return;
        }
        String problem = org.estate.platform.ValueLimits.textProblem(value, max, multiline);
        if (problem != null) {
            errors.add(new FieldError(field, problem));
        }
    }

    private static void optional(List<FieldError> errors, String field, String value) {
        String problem = org.estate.platform.ValueLimits.textProblem(value, ChangeFields.MAX_TEXT, true);
        if (problem != null) {
            errors.add(new FieldError(field, problem));
        }
    }

    private static String blank(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
