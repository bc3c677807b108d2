package org.estate.oncall.internal;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.estate.identity.Users;
import org.estate.platform.AuditLog;
import org.estate.platform.AuditLog.Change;
import org.estate.platform.ConflictException;
import org.estate.platform.NotFoundException;
import org.estate.platform.PreconditionFailedException;
import org.estate.platform.ValidationException;
import org.estate.platform.ValidationException.FieldError;
import org.estate.servicedesk.DeskDirectory;
import org.estate.servicedesk.TeamView;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Escalation policies: levels in order, each with targets (a rota's on-call person, a user, a
 * team's members) and a delay in minutes before the next level; {@code repeat} N runs the whole
 * policy N more times. Who a level reaches is worked out at the moment it fires
 * ({@link #recipients}); a level that reaches nobody then passes to the next at once.
 */
@Service
public class EscalationPolicyService {

    public static final int MAX_LEVELS = 10;
    public static final int MAX_TARGETS = 20;
    public static final int MAX_DELAY_MINUTES = 1440;
    public static final int MAX_REPEAT = 9;

    static final String ENTITY = "escalation-policy";

    /** One target: exactly one of {@code rota}, {@code user}, {@code team} (keys / user name). */
    @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
    public record Target(String rota, String user, String team) {
    }

    public record Level(List<Target> targets, Integer delayMinutes) {
    }

    @com.fasterxml.jackson.annotation.JsonIgnoreProperties({"version"})
    public record PolicyInput(String key, String name, List<Level> levels, Integer repeat) {
    }

    public record PolicyView(String key, String name, List<Level> levels, int repeat, long version) {
    }

    private final JdbcClient jdbc;
    private final Users users;
    private final DeskDirectory desk;
    private final RotaService rotas;
    private final AuditLog audit;
    private final Clock clock;
    private final JsonMapper json = JsonMapper.builder().build();

    EscalationPolicyService(JdbcClient jdbc, Users users, DeskDirectory desk, RotaService rotas, AuditLog audit, Clock clock) {
        this.jdbc = jdbc;
        this.users = users;
        this.desk = desk;
        this.rotas = rotas;
        this.audit = audit;
        this.clock = clock;
    }

    @Transactional(readOnly = true)
    public List<PolicyView> list() {
        return jdbc.sql("SELECT policy_key, name, levels, repeat_count, version FROM oncall_policy ORDER BY name, policy_key")
            .query((rs, n) -> view(rs.getString(1), rs.getString(2), rs.getString(3), rs.getInt(4), rs.getLong(5))).list();
    }

    @Transactional(readOnly = true)
    public Optional<PolicyView> find(String key) {
        if (key == null || key.length() > 60) {
            return Optional.empty();
        }
        return jdbc.sql("SELECT policy_key, name, levels, repeat_count, version FROM oncall_policy WHERE policy_key = ?").param(key)
            .query((rs, n) -> view(rs.getString(1), rs.getString(2), rs.getString(3), rs.getInt(4), rs.getLong(5))).optional();
    }

    public PolicyView get(String key) {
        return find(key).orElseThrow(() -> new NotFoundException("No escalation policy '" + RotaFields.clip(key) + "'"));
    }

    private PolicyView view(String key, String name, String levels, int repeat, long version) {
        return new PolicyView(key, name, json.readValue(levels, new TypeReference<List<Level>>() {
        }), repeat, version);
    }

    @Transactional
    public PolicyView create(PolicyInput in) {
        List<Level> levels = check(in, true);
        if (find(in.key()).isPresent()) {
            throw new ConflictException("An escalation policy with key '" + in.key() + "' already exists");
        }
        Timestamp now = Timestamp.from(clock.instant());
        int repeat = in.repeat() == null ? 0 : in.repeat();
        jdbc.sql("INSERT INTO oncall_policy (policy_key, name, levels, repeat_count, version, created_at, updated_at) VALUES (?, ?, ?, ?, 0, ?, ?)")
            .params(in.key(), in.name().strip(), json.writeValueAsString(levels), repeat, now, now).update();
        audit.record(ENTITY, in.key(), "created", "Escalation policy " + in.key() + " created", Map.of(
            "name", new Change(null, in.name().strip()), "levels", new Change(null, summary(levels)),
            "repeat", new Change(null, String.valueOf(repeat))));
        return get(in.key());
    }

    @Transactional
    public PolicyView update(String key, Long expectedVersion, PolicyInput in) {
        PolicyView cur = get(key);
        if (expectedVersion != null && expectedVersion != cur.version()) {
            throw new PreconditionFailedException("Escalation policy " + key + " has changed since you read it");
        }
        List<Level> levels = check(new PolicyInput(key, in.name(), in.levels(), in.repeat()), false);
        int repeat = in.repeat() == null ? 0 : in.repeat();
        int n = jdbc.sql("""
                UPDATE oncall_policy SET name = ?, levels = ?, repeat_count = ?, version = version + 1, updated_at = ?
                WHERE policy_key = ? AND version = ?""")
            .params(in.name().strip(), json.writeValueAsString(levels), repeat, Timestamp.from(clock.instant()), key, cur.version()).update();
        if (n == 0) {
            throw new PreconditionFailedException("Escalation policy " + key + " has changed since you read it");
        }
        Map<String, Change> changes = new LinkedHashMap<>();
        if (!cur.name().equals(in.name().strip())) {
            changes.put("name", new Change(cur.name(), in.name().strip()));
        }
        if (!cur.levels().equals(levels)) {
            changes.put("levels", new Change(summary(cur.levels()), summary(levels)));
        }
        if (cur.repeat() != repeat) {
            changes.put("repeat", new Change(String.valueOf(cur.repeat()), String.valueOf(repeat)));
        }
        audit.record(ENTITY, key, "updated", "Escalation policy " + key + " changed", changes);
        return get(key);
    }

    /**
     * The people a level reaches at {@code at}: each target's — the rota's on-call person, the user,
     * the team's members — in order, each once. Empty when it reaches nobody (then the page passes
     * to the next level at once).
     */
    @Transactional(readOnly = true)
    public List<String> recipients(Level level, Instant at) {
        LinkedHashSet<String> out = new LinkedHashSet<>();
        for (Target t : level.targets()) {
            if (t.rota() != null) {
                rotas.find(t.rota()).ifPresent(r -> out.addAll(rotas.onCall(t.rota(), at).users()));
            } else if (t.user() != null) {
                users.find(t.user()).filter(u -> u.enabled()).ifPresent(u -> out.add(u.username()));
            } else if (t.team() != null) {
                desk.team(t.team()).map(TeamView::members).ifPresent(out::addAll);
            }
        }
        return List.copyOf(out);
    }

    private List<Level> check(PolicyInput in, boolean checkKey) {
        List<FieldError> errors = new ArrayList<>();
        if (checkKey && (in.key() == null || !in.key().matches("[a-z0-9][a-z0-9-]{0,59}"))) {
            errors.add(new FieldError("key", "Give a key of lower-case letters, digits and hyphens, up to 60 characters"));
        }
        if (in.name() == null || in.name().isBlank()) {
            errors.add(new FieldError("name", "Give the policy a name"));
        } else if (in.name().strip().length() > 200) {
            errors.add(new FieldError("name", "Name must be 200 characters or fewer"));
        }
        if (in.repeat() != null && (in.repeat() < 0 || in.repeat() > MAX_REPEAT)) {
            errors.add(new FieldError("repeat", "Repeat must be 0 to " + MAX_REPEAT + " (the policy runs repeat + 1 times in all)"));
        }
        List<Level> given = in.levels() == null ? List.of() : in.levels();
        if (given.isEmpty()) {
            errors.add(new FieldError("levels", "Give the policy at least one level"));
        } else if (given.size() > MAX_LEVELS) {
            errors.add(new FieldError("levels", "A policy has at most " + MAX_LEVELS + " levels (" + given.size() + " given)"));
            given = List.of();
        }
        List<Level> out = new ArrayList<>();
        for (int i = 0; i < given.size(); i++) {
            Level l = given.get(i);
            String p = "levels[" + i + "]";
            if (l == null) {
                errors.add(new FieldError(p, "A level cannot be null"));
                continue;
            }
            if (l.delayMinutes() == null || l.delayMinutes() < 1 || l.delayMinutes() > MAX_DELAY_MINUTES) {
                errors.add(new FieldError(p + ".delayMinutes", "Give the minutes before the next level, 1 to " + MAX_DELAY_MINUTES));
            }
            List<Target> targets = l.targets() == null ? List.of() : l.targets();
            if (targets.isEmpty() || targets.size() > MAX_TARGETS) {
                errors.add(new FieldError(p + ".targets", "Give 1 to " + MAX_TARGETS + " targets"));
                continue;
            }
            List<Target> checked = new ArrayList<>();
            for (int j = 0; j < targets.size(); j++) {
                Target t = targets.get(j);
                String q = p + ".targets[" + j + "]";
                int named = t == null ? 0 : (t.rota() != null ? 1 : 0) + (t.user() != null ? 1 : 0) + (t.team() != null ? 1 : 0);
                if (named != 1) {
                    errors.add(new FieldError(q, "A target names exactly one of rota, user or team"));
                } else if (t.rota() != null && rotas.find(t.rota().strip()).isEmpty()) {
                    errors.add(new FieldError(q + ".rota", "No rota '" + RotaFields.clip(t.rota()) + "'"));
                } else if (t.user() != null && (t.user().strip().length() > 100 || users.find(t.user().strip()).isEmpty())) {
                    errors.add(new FieldError(q + ".user", "No user '" + RotaFields.clip(t.user()) + "'"));
                } else if (t.team() != null && (t.team().strip().length() > 60 || desk.team(t.team().strip()).isEmpty())) {
                    errors.add(new FieldError(q + ".team", "No team '" + RotaFields.clip(t.team()) + "'"));
                } else {
                    checked.add(new Target(strip(t.rota()), strip(t.user()), strip(t.team())));
                }
            }
            out.add(new Level(checked, l.delayMinutes()));
        }
        if (!errors.isEmpty()) {
            throw new ValidationException(errors);
        }
        return out;
    }

    private static String strip(String s) {
        return s == null ? null : s.strip();
    }

    private static String summary(List<Level> levels) {
        List<String> parts = new ArrayList<>();
        for (int i = 0; i < levels.size(); i++) {
            List<String> names = new ArrayList<>();
            for (Target t : levels.get(i).targets()) {
                names.add(t.rota() != null ? "rota " + t.rota() : t.user() != null ? "user " + t.user() : "team " + t.team());
            }
            parts.add((i + 1) + ": " + String.join(", ", names) + " then " + levels.get(i).delayMinutes() + " min");
        }
        String s = String.join("; ", parts);
        return s.length() <= 2000 ? s : s.substring(0, 1999) + "…";
    }
}
