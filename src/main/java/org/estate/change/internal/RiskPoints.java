package org.estate.change.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.estate.platform.AuditLog;
import org.estate.platform.AuditLog.Change;
import org.estate.platform.ValidationException;
import org.estate.platform.ValidationException.FieldError;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The risk model's points, kept in the database so that admins may change them (audited). The
 * defaults are the model; the level thresholds (20, 40, 60) are fixed.
 */
@Service
public class RiskPoints {

    /** Every factor's key, in the order the API shows them. */
    public static final List<String> KEYS = List.of("down-critical", "down-high", "down-other", "degraded", "further-service-down",
        "further-services-max", "office-hours", "backout-not-tested", "failed-change", "failed-changes-max", "emergency",
        "short-notice", "collision");
    static final int MAX_POINTS = 100;

    private final JdbcClient jdbc;
    private final AuditLog audit;

    RiskPoints(JdbcClient jdbc, AuditLog audit) {
        this.jdbc = jdbc;
        this.audit = audit;
    }

    @Transactional(readOnly = true)
    public Map<String, Integer> current() {
        Map<String, Integer> stored = new LinkedHashMap<>();
        jdbc.sql("SELECT factor_key, points FROM chg_risk_point").query(rs -> { stored.put(rs.getString(1), rs.getInt(2)); });
        Map<String, Integer> out = new LinkedHashMap<>();
        KEYS.forEach(k -> out.put(k, stored.getOrDefault(k, 0)));
        return out;
    }

    /** Replaces every factor's points: each key given, 0 to {@value #MAX_POINTS}; 422 naming each problem. */
    @Transactional
    public Map<String, Integer> replace(Map<String, Object> given) {
        List<FieldError> errors = new ArrayList<>();
        for (String k : given.keySet()) {
            if (!KEYS.contains(k)) {
                errors.add(new FieldError(k, "'" + ChangeStore.abbreviate(k) + "' is not a risk factor: use " + String.join(", ", KEYS)));
            }
        }
        Map<String, Integer> next = new LinkedHashMap<>();
        for (String k : KEYS) {
            Object v = given.get(k);
            if (!given.containsKey(k)) {
                errors.add(new FieldError(k, "Give the points for " + k));
            } else if (!(v instanceof Integer i) || i < 0 || i > MAX_POINTS) {
                errors.add(new FieldError(k, "Points are a whole number from 0 to " + MAX_POINTS));
            } else {
                next.put(k, i);
            }
        }
        if (!errors.isEmpty()) {
            throw new ValidationException(errors);
        }
        Map<String, Integer> before = current();
        Map<String, Change> changes = new LinkedHashMap<>();
        for (String k : KEYS) {
            if (!before.get(k).equals(next.get(k))) {
                changes.put(k, new Change(before.get(k), next.get(k)));
                jdbc.sql("UPDATE chg_risk_point SET points = ? WHERE factor_key = ?").params(next.get(k), k).update();
            }
        }
        audit.record("change-risk-points", "default", "updated", "Change risk points changed", changes);
        return current();
    }
}
