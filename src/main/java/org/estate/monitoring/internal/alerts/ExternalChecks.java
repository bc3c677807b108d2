package org.estate.monitoring.internal.alerts;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

import org.estate.monitoring.internal.CheckEngine;
import org.estate.platform.AuditLog;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import tools.jackson.databind.json.JsonMapper;

/**
 * The {@code external} checks, one per Alertmanager fingerprint ({@code mon_check.external_key}):
 * found, or created on first sight named after the alert's {@code alertname} with its labels kept
 * as the target. A check still without a CI is matched again each time its alert comes back.
 */
@Component
class ExternalChecks {

    /** The check an alert feeds, and its CI (null when unmatched). */
    record Found(long id, Long ciId) {
    }

    private static final int NAME_MAX = 200;

    private final JdbcClient jdbc;
    private final AlertCiMatcher matcher;
    private final CheckEngine engine;
    private final AuditLog audit;
    private final TransactionTemplate tx;
    private final Clock clock;
    private final JsonMapper json = JsonMapper.builder().build();

    ExternalChecks(JdbcClient jdbc, AlertCiMatcher matcher, CheckEngine engine, AuditLog audit, TransactionTemplate tx, Clock clock) {
        this.jdbc = jdbc;
        this.matcher = matcher;
        this.engine = engine;
        this.audit = audit;
        this.tx = tx;
        this.clock = clock;
    }

    Found forAlert(AlertmanagerWebhook.Alert alert) {
        Optional<Found> existing = find(alert.fingerprint());
        if (existing.isPresent()) {
            Found f = existing.get();
            if (f.ciId() != null) {
                return f;
            }
            Long ci = matcher.match(alert.labels());
            if (ci == null) {
                return f;
            }
            tx.executeWithoutResult(s -> {
                jdbc.sql("UPDATE mon_check SET ci_id = ?, target = ?, updated_at = ?, version = version + 1 WHERE id = ? AND ci_id IS NULL")
                    .params(ci, target(alert), Timestamp.from(clock.instant()), f.id()).update();
                audit.record("check", String.valueOf(f.id()), "update", "External check matched to CI " + ci + " from its alert's labels",
                    Map.of("ci", new AuditLog.Change(null, ci)));
            });
            engine.definitionChanged(f.id());
            return new Found(f.id(), ci);
        }
        Long ci = matcher.match(alert.labels());
        try {
            long id = tx.execute(s -> insert(alert, ci));
            engine.definitionChanged(id);
            return new Found(id, ci);
        } catch (DuplicateKeyException e) {
            // Another request created it at the same moment.
            return find(alert.fingerprint()).orElseThrow(() -> e);
        }
    }

    private Optional<Found> find(String fingerprint) {
        return jdbc.sql("SELECT id, ci_id FROM mon_check WHERE external_key = ?").param(fingerprint)
            .query((rs, n) -> {
                long id = rs.getLong("id");
                long ci = rs.getLong("ci_id");
                return new Found(id, rs.wasNull() ? null : ci);
            }).optional();
    }

    private long insert(AlertmanagerWebhook.Alert alert, Long ci) {
        String name = name(alert);
        Timestamp now = Timestamp.from(clock.instant());
        GeneratedKeyHolder keys = new GeneratedKeyHolder();
        jdbc.sql("""
                INSERT INTO mon_check (name, check_type, ci_id, interval_seconds, timeout_ms, failure_threshold, recovery_threshold,
                                       enabled, target, external_key, created_at, updated_at, version)
                VALUES (:name, :type, :ci, 60, 1000, 1, 1, TRUE, :target, :key, :now, :now, 0)""")
            .param("name", name).param("type", ExternalCheckType.KEY).param("ci", ci).param("target", target(alert))
            .param("key", alert.fingerprint()).param("now", now)
            .update(keys, "id");
        long id = keys.getKeyAs(Number.class).longValue();
        audit.record("check", String.valueOf(id), "create", "External check \"" + name + "\" created from an Alertmanager alert"
            + (ci == null ? " (no CI matched)" : ""), Map.of("name", new AuditLog.Change(null, name),
            "type", new AuditLog.Change(null, ExternalCheckType.KEY), "ci", new AuditLog.Change(null, ci)));
        return id;
    }

    static String name(AlertmanagerWebhook.Alert alert) {
        String n = alert.labels().get("alertname");
        if (n == null || n.isBlank()) {
            n = "Alert " + alert.fingerprint();
        }
        n = n.strip();
        return n.length() > NAME_MAX ? n.substring(0, NAME_MAX) : n;
    }

    private String target(AlertmanagerWebhook.Alert alert) {
        return json.writeValueAsString(Map.of("labels", alert.labels()));
    }
}
