package org.estate.monitoring.internal.checks;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.estate.cmdb.Cmdb;
import org.estate.monitoring.CheckStateChanged;
import org.estate.monitoring.CheckStatesChanged;
import org.estate.monitoring.internal.CheckEngine;
import org.estate.platform.AuditLog;
import org.estate.platform.AuditLog.Change;
import org.estate.platform.ConflictException;
import org.estate.platform.PreconditionFailedException;
import org.estate.platform.ValidationException;
import org.estate.platform.ValidationException.FieldError;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Check definitions: create, read, merge-patch (If-Match), pause and resume, delete, and a
 * heartbeat's ping URL. Each write is audited in its transaction (secrets never in the audit: only
 * which were set or changed), and the engine hears of it after commit
 * ({@link CheckEngine#definitionChanged}).
 */
@Service
public class CheckService {

    static final String ENTITY = "check";
    /** The one type whose results are pushed to a URL: its checks get a ping URL. */
    static final String HEARTBEAT = "heartbeat";

    private final CheckStore store;
    private final CheckFields fields;
    private final CheckEngine engine;
    private final Cmdb cmdb;
    private final AuditLog audit;
    private final ApplicationEventPublisher events;
    private final TransactionTemplate transaction;
    private final Clock clock;
    private final String baseUrl;
    private final SecureRandom random = new SecureRandom();

    CheckService(CheckStore store, CheckFields fields, CheckEngine engine, Cmdb cmdb, AuditLog audit, ApplicationEventPublisher events,
                 TransactionTemplate transaction, Clock clock, @Value("${estate.base-url}") String baseUrl) {
        this.store = store;
        this.fields = fields;
        this.engine = engine;
        this.cmdb = cmdb;
        this.audit = audit;
        this.events = events;
        this.transaction = transaction;
        this.clock = clock;
        this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
    }

    /** Creates a check (state {@code unknown}, or {@code paused} when disabled); a heartbeat's answer carries its ping URL. */
    public CheckView create(Map<String, Object> body) {
        List<FieldError> errors = new ArrayList<>();
        CheckInput in = fields.create(body, errors);
        if (in == null) {
            throw new ValidationException(errors);
        }
        String token = HEARTBEAT.equals(in.type()) ? token() : null;
        long id = transaction.execute(s -> {
            Instant now = clock.instant();
            long created = store.insert(in, token == null ? null : sha256(token), now);
            audit.record(ENTITY, String.valueOf(created), "created", "Check '" + in.name() + "' created (" + in.type() + ")",
                diff(null, in));
            return created;
        });
        engine.definitionChanged(id);
        CheckView v = get(id);
        return token == null ? v : v.withPingUrl(pingUrl(token));
    }

    public CheckView get(long id) {
        CheckView v = store.view(store.get(id));
        return v.ci() == null ? v : v.withCiName(cmdb.names(List.of(v.ci())).get(v.ci()));
    }

    /** Applies a merge patch at {@code expectedVersion} (412 when stale); {@code enabled} pauses or resumes. */
    public CheckView patch(long id, long expectedVersion, Map<String, Object> patch) {
        transaction.executeWithoutResult(s -> {
            CheckStore.Row cur = store.get(id);
            if (cur.version() != expectedVersion) {
                throw new PreconditionFailedException("Check " + id + " has changed since you read it (current ETag \"" + cur.version() + "\")");
            }
            List<FieldError> errors = new ArrayList<>();
            Map<String, Object> stored = store.openSecrets(cur);
            CheckInput in = fields.patch(cur, stored, patch, errors);
            if (in == null) {
                throw new ValidationException(errors);
            }
            Instant now = clock.instant();
            store.update(id, expectedVersion, in, now);
            CheckInput before = new CheckInput(cur.name(), cur.type(), cur.ci(), cur.intervalSeconds(), cur.timeoutMs(),
                cur.failureThreshold(), cur.recoveryThreshold(), cur.enabled(), cur.target(), stored);
            Map<String, Change> changes = diff(before, in);
            if (!changes.isEmpty()) {
                audit.record(ENTITY, String.valueOf(id), "updated", "Check '" + in.name() + "' changed", changes);
            }
            if (cur.enabled() != in.enabled()) {
                String state = in.enabled() ? "unknown" : "paused";
                store.restartStatus(id, in.ci(), state, (in.enabled() ? "Resumed by " : "Paused by ") + audit.currentActor(), now);
                events.publishEvent(CheckStatesChanged.of(new CheckStateChanged(id, in.ci(), cur.state(), state, now)));
            }
        });
        engine.definitionChanged(id);
        return get(id);
    }

    public void delete(long id) {
        transaction.executeWithoutResult(s -> {
            CheckStore.Row cur = store.get(id);
            store.delete(id);
            audit.record(ENTITY, String.valueOf(id), "deleted", "Check '" + cur.name() + "' deleted", Map.of("name", new Change(cur.name(), null)));
        });
        engine.definitionChanged(id);
    }

    /** Issues a heartbeat check a new ping URL (the old one stops working); 409 for other types. */
    public CheckView newPingUrl(long id) {
        String token = token();
        transaction.executeWithoutResult(s -> {
            CheckStore.Row cur = store.get(id);
            if (!HEARTBEAT.equals(cur.type())) {
                throw new ConflictException("Only a heartbeat check has a ping URL; check " + id + " is " + cur.type());
            }
            store.setHeartbeatToken(id, sha256(token));
            audit.record(ENTITY, String.valueOf(id), "ping-url", "Check '" + cur.name() + "' was given a new ping URL", Map.of());
        });
        engine.definitionChanged(id);
        return get(id).withPingUrl(pingUrl(token));
    }

    String pingUrl(String token) {
        return baseUrl + "/api/v1/heartbeats/" + token;
    }

    /** What changed, field by field: the target's plain fields with their values, secrets only by name. */
    static Map<String, Change> diff(CheckInput a, CheckInput b) {
        Map<String, Change> d = new LinkedHashMap<>();
        put(d, "name", a == null ? null : a.name(), b.name());
        put(d, "type", a == null ? null : a.type(), b.type());
        put(d, "ci", a == null ? null : a.ci(), b.ci());
        put(d, "intervalSeconds", a == null ? null : a.intervalSeconds(), b.intervalSeconds());
        put(d, "timeoutMs", a == null ? null : a.timeoutMs(), b.timeoutMs());
        put(d, "failureThreshold", a == null ? null : a.failureThreshold(), b.failureThreshold());
        put(d, "recoveryThreshold", a == null ? null : a.recoveryThreshold(), b.recoveryThreshold());
        put(d, "enabled", a == null ? null : a.enabled(), b.enabled());
        Map<String, Object> ta = a == null ? Map.of() : a.target();
        java.util.Set<String> keys = new java.util.TreeSet<>(ta.keySet());
        keys.addAll(b.target().keySet());
        for (String k : keys) {
            put(d, "target." + k, text(ta.get(k)), text(b.target().get(k)));
        }
        Map<String, Object> sa = a == null ? Map.of() : a.secrets();
        java.util.Set<String> secretKeys = new java.util.TreeSet<>(sa.keySet());
        secretKeys.addAll(b.secrets().keySet());
        for (String k : secretKeys) {
            if (!Objects.equals(sa.get(k), b.secrets().get(k))) {
                d.put("target." + k, new Change(sa.containsKey(k) ? "(secret)" : null, b.secrets().containsKey(k) ? "(secret, changed)" : null));
            }
        }
        return d;
    }

    private static Object text(Object v) {
        if (v instanceof Number n) {
            // 5432 read back from storage as a long and sent as an int is the same value.
            return new java.math.BigDecimal(n.toString()).stripTrailingZeros();
        }
        return v instanceof Map<?, ?> || v instanceof List<?> ? String.valueOf(v) : v;
    }

    private static void put(Map<String, Change> d, String field, Object from, Object to) {
        if (!Objects.equals(from, to)) {
            d.put(field, new Change(from, to));
        }
    }

    private String token() {
        byte[] b = new byte[32];
        random.nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }

    /** How a ping token is stored: its SHA-256 in hex, so the database never holds a working URL. */
    public static String sha256(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
