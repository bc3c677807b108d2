package org.estate.oncall.internal;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.estate.identity.Users;
import org.estate.oncall.internal.RotaFields.Checked;
import org.estate.oncall.internal.RotaFields.LayerInput;
import org.estate.oncall.internal.RotaFields.RotaInput;
import org.estate.oncall.internal.RotaSchedule.Override;
import org.estate.oncall.internal.RotaSchedule.Shift;
import org.estate.platform.AuditLog;
import org.estate.platform.AuditLog.Change;
import org.estate.platform.ConflictException;
import org.estate.platform.NotFoundException;
import org.estate.platform.PreconditionFailedException;
import org.estate.platform.ValidationException;
import org.estate.platform.ValidationException.FieldError;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** Rotas: their layers, overrides, and who is on call when. Every write is audited. */
@Service
public class RotaService {

    /** The longest span one shifts question may cover. */
    public static final Duration MAX_SPAN = Duration.ofDays(400);
    /** The longest one override may last. */
    public static final Duration MAX_OVERRIDE = Duration.ofDays(366);

    static final String ENTITY = "rota";

    public record RotaView(String key, String name, String zone, List<LayerInput> layers, long version) {
    }

    public record OverrideView(long id, String user, Instant start, Instant end, String createdBy) {
    }

    public record OnCall(Instant at, List<String> users, String layer) {
    }

    public record ShiftView(String user, Instant start, Instant end, String layer, boolean override) {

        static ShiftView of(Shift s) {
            return new ShiftView(s.user(), s.start(), s.end(), s.override() ? null : s.layer(), s.override());
        }
    }

    public record OverrideInput(String user, String start, String end) {
    }

    /** A rota ready to answer questions: its id, its view and its schedule. */
    record Loaded(long id, RotaView view, RotaSchedule schedule) {
    }

    private final JdbcClient jdbc;
    private final Users users;
    private final AuditLog audit;
    private final Clock clock;
    private final JsonMapper json = JsonMapper.builder().build();
    private final ParsedRotas parsed = new ParsedRotas(ParsedRotas.DEFAULT_SIZE);

    RotaService(JdbcClient jdbc, Users users, AuditLog audit, Clock clock) {
        this.jdbc = jdbc;
        this.users = users;
        this.audit = audit;
        this.clock = clock;
    }

    @Transactional(readOnly = true)
    public List<RotaView> list() {
        return jdbc.sql("SELECT id, rota_key, name, zone, layers, version FROM oncall_rota ORDER BY name, rota_key")
            .query((rs, n) -> view(rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5), rs.getLong(6))).list();
    }

    @Transactional(readOnly = true)
    public RotaView get(String key) {
        return load(key).view();
    }

    Loaded load(String key) {
        return find(key).orElseThrow(() -> new NotFoundException("No rota '" + RotaFields.clip(key) + "'"));
    }

    Optional<Loaded> find(String key) {
        if (key == null || key.length() > 60) {
            return Optional.empty();
        }
        // The version is read from the database every time, so an edit (on any node) is seen at once;
        // only the parsed layers are reused while the version stands.
        record Head(long id, long version) {
        }
        Optional<Head> head = jdbc.sql("SELECT id, version FROM oncall_rota WHERE rota_key = ?").param(key)
            .query((rs, n) -> new Head(rs.getLong(1), rs.getLong(2))).optional();
        if (head.isEmpty()) {
            return Optional.empty();
        }
        Loaded cached = parsed.get(key, head.get().id(), head.get().version());
        if (cached != null) {
            return Optional.of(cached);
        }
        Optional<Loaded> loaded = jdbc.sql("SELECT id, rota_key, name, zone, layers, version FROM oncall_rota WHERE rota_key = ?").param(key)
            .query((rs, n) -> {
                RotaView v = view(rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5), rs.getLong(6));
                RotaInput in = new RotaInput(v.key(), v.name(), v.zone(), v.layers());
                // Stored layers were checked when written; members who have since gone stay in the rota.
                Checked c = RotaFields.check(in, false, u -> true);
                return new Loaded(rs.getLong(1), v, new RotaSchedule(c.zone(), c.layers()));
            }).optional();
        loaded.ifPresent(parsed::put);
        return loaded;
    }

    private RotaView view(String key, String name, String zone, String layers, long version) {
        return new RotaView(key, name, zone, json.readValue(layers, new TypeReference<List<LayerInput>>() {
        }), version);
    }

    @Transactional
    public RotaView create(RotaInput in) {
        Checked c = RotaFields.check(in, true, u -> users.find(u).isPresent());
        if (find(in.key()).isPresent()) {
            throw new ConflictException("A rota with key '" + in.key() + "' already exists");
        }
        Timestamp now = Timestamp.from(clock.instant());
        jdbc.sql("INSERT INTO oncall_rota (rota_key, name, zone, layers, version, created_at, updated_at) VALUES (?, ?, ?, ?, 0, ?, ?)")
            .params(in.key(), in.name().strip(), c.zone().getId(), json.writeValueAsString(c.normalised()), now, now).update();
        audit.record(ENTITY, in.key(), "created", "Rota " + in.key() + " created", Map.of(
            "name", new Change(null, in.name().strip()), "zone", new Change(null, c.zone().getId()),
            "layers", new Change(null, summary(c.normalised()))));
        return get(in.key());
    }

    @Transactional
    public RotaView update(String key, Long expectedVersion, RotaInput in) {
        RotaView cur = get(key);
        if (expectedVersion != null && expectedVersion != cur.version()) {
            throw new PreconditionFailedException("Rota " + key + " has changed since you read it");
        }
        Checked c = RotaFields.check(new RotaInput(key, in.name(), in.zone(), in.layers()), false, u -> users.find(u).isPresent());
        String layers = json.writeValueAsString(c.normalised());
        int n = jdbc.sql("UPDATE oncall_rota SET name = ?, zone = ?, layers = ?, version = version + 1, updated_at = ? WHERE rota_key = ? AND version = ?")
            .params(in.name().strip(), c.zone().getId(), layers, Timestamp.from(clock.instant()), key, cur.version()).update();
        if (n == 0) {
            throw new PreconditionFailedException("Rota " + key + " has changed since you read it");
        }
        Map<String, Change> changes = new LinkedHashMap<>();
        if (!cur.name().equals(in.name().strip())) {
            changes.put("name", new Change(cur.name(), in.name().strip()));
        }
        if (!cur.zone().equals(c.zone().getId())) {
            changes.put("zone", new Change(cur.zone(), c.zone().getId()));
        }
        if (!cur.layers().equals(c.normalised())) {
            changes.put("layers", new Change(summary(cur.layers()), summary(c.normalised())));
        }
        audit.record(ENTITY, key, "updated", "Rota " + key + " changed", changes);
        return get(key);
    }

    private static String summary(List<LayerInput> layers) {
        List<String> parts = new ArrayList<>();
        for (LayerInput l : layers) {
            parts.add(l.name() + ": " + String.join(", ", l.members()) + " (" + l.rotation()
                + (l.hours() == null ? "" : " " + l.hours() + " h") + " from " + l.handoff() + ")");
        }
        String s = String.join("; ", parts);
        return s.length() <= 2000 ? s : s.substring(0, 1999) + "…";
    }

    /**
     * Who is on call on the rota at {@code at}. The question paging and integrations ask most: one round
     * trip and no transaction (BEGIN, read-only, COMMIT would be three more) — the rota's id and version
     * and the overrides covering the instant in one query; the parsed layers come from the cache while
     * the version stands (read each time, so an edit on any node is seen at once).
     */
    public OnCall onCall(String key, Instant at) {
        if (key == null || key.length() > 60) {
            throw new NotFoundException("No rota '" + RotaFields.clip(key) + "'");
        }
        record Row(long id, long version, Override override) {
        }
        Timestamp from = Timestamp.from(at);
        Timestamp to = Timestamp.from(at.plusMillis(1));
        List<Row> rows = jdbc.sql("""
                SELECT r.id, r.version, o.id, o.username, o.start_at, o.end_at FROM oncall_rota r
                LEFT JOIN oncall_override o ON o.rota_id = r.id AND o.start_at < ? AND o.end_at > ?
                WHERE r.rota_key = ? ORDER BY o.id""")
            .params(to, from, key)
            .query((rs, n) -> new Row(rs.getLong(1), rs.getLong(2), rs.getObject(3) == null ? null
                : new Override(rs.getLong(3), rs.getString(4), rs.getTimestamp(5).toInstant(), rs.getTimestamp(6).toInstant())))
            .list();
        if (rows.isEmpty()) {
            throw new NotFoundException("No rota '" + RotaFields.clip(key) + "'");
        }
        Loaded cached = parsed.get(key, rows.getFirst().id(), rows.getFirst().version());
        Loaded r = cached != null ? cached : load(key);
        List<Override> covering = rows.stream().map(Row::override).filter(java.util.Objects::nonNull).toList();
        Optional<Shift> s = r.schedule().at(at, covering);
        return s.map(x -> new OnCall(at, List.of(x.user()), x.override() ? "override" : x.layer()))
            .orElse(new OnCall(at, List.of(), null));
    }

    /** The final schedule over {@code [from, to)}, at most {@link #MAX_SPAN}. */
    @Transactional(readOnly = true)
    public List<ShiftView> shifts(String key, Instant from, Instant to) {
        checkSpan(from, to);
        Loaded r = load(key);
        return r.schedule().shifts(from, to, overrides(r.id(), from, to)).stream().map(ShiftView::of).toList();
    }

    /** Each layer's own shifts over {@code [from, to)}, before precedence (what the rota page draws per layer). */
    @Transactional(readOnly = true)
    public List<List<ShiftView>> layerShifts(String key, Instant from, Instant to) {
        checkSpan(from, to);
        Loaded r = load(key);
        List<List<ShiftView>> out = new ArrayList<>();
        for (int i = 0; i < r.view().layers().size(); i++) {
            out.add(r.schedule().layerShifts(i, from, to).stream().map(ShiftView::of).toList());
        }
        return out;
    }

    /** A person's shift on a rota. */
    public record PersonShift(String rota, String rotaName, ShiftView shift) {
    }

    /** A person's shifts on every rota over {@code [from, to)}, in time order. */
    @Transactional(readOnly = true)
    public List<PersonShift> shiftsOf(String username, Instant from, Instant to) {
        checkSpan(from, to);
        List<PersonShift> out = new ArrayList<>();
        for (RotaView v : list()) {
            Loaded r = load(v.key());
            for (Shift s : r.schedule().shifts(from, to, overrides(r.id(), from, to))) {
                if (s.user().equals(username)) {
                    out.add(new PersonShift(v.key(), v.name(), ShiftView.of(s)));
                }
            }
        }
        out.sort(java.util.Comparator.comparing(p -> p.shift().start()));
        return out;
    }

    static void checkSpan(Instant from, Instant to) {
        if (!from.isBefore(to)) {
            throw new ValidationException("to", "to must be after from");
        }
        if (Duration.between(from, to).compareTo(MAX_SPAN) > 0) {
            throw new ValidationException("to", "Ask for at most " + MAX_SPAN.toDays() + " days at a time");
        }
    }

    List<Override> overrides(long rotaId, Instant from, Instant to) {
        return jdbc.sql("SELECT id, username, start_at, end_at FROM oncall_override WHERE rota_id = ? AND start_at < ? AND end_at > ? ORDER BY id")
            .params(rotaId, Timestamp.from(to), Timestamp.from(from))
            .query((rs, n) -> new Override(rs.getLong(1), rs.getString(2), rs.getTimestamp(3).toInstant(), rs.getTimestamp(4).toInstant()))
            .list();
    }

    @Transactional(readOnly = true)
    public List<OverrideView> overrideViews(String key, Instant from, Instant to) {
        checkSpan(from, to);
        Loaded r = load(key);
        return jdbc.sql("SELECT id, username, start_at, end_at, created_by FROM oncall_override WHERE rota_id = ? AND start_at < ? AND end_at > ? ORDER BY start_at, id")
            .params(r.id(), Timestamp.from(to), Timestamp.from(from))
            .query((rs, n) -> new OverrideView(rs.getLong(1), rs.getString(2), rs.getTimestamp(3).toInstant(), rs.getTimestamp(4).toInstant(),
                rs.getString(5)))
            .list();
    }

    @Transactional
    public OverrideView addOverride(String key, OverrideInput in) {
        Loaded r = load(key);
        List<FieldError> errors = new ArrayList<>();
        String user = in.user() == null ? null : in.user().strip();
        if (user == null || user.isEmpty() || user.length() > 100 || users.find(user).isEmpty()) {
            errors.add(new FieldError("user", "No user '" + RotaFields.clip(in.user()) + "'"));
        }
        Instant start = parseInstant("start", in.start(), errors);
        Instant end = parseInstant("end", in.end(), errors);
        if (start != null && end != null) {
            if (!start.isBefore(end)) {
                errors.add(new FieldError("end", "The end must be after the start"));
            } else if (Duration.between(start, end).compareTo(MAX_OVERRIDE) > 0) {
                errors.add(new FieldError("end", "An override lasts at most " + MAX_OVERRIDE.toDays() + " days"));
            }
        }
        if (!errors.isEmpty()) {
            throw new ValidationException(errors);
        }
        String actor = audit.currentActor();
        var keys = new org.springframework.jdbc.support.GeneratedKeyHolder();
        jdbc.sql("INSERT INTO oncall_override (rota_id, username, start_at, end_at, created_by, created_at) VALUES (?, ?, ?, ?, ?, ?)")
            .params(r.id(), user, Timestamp.from(start), Timestamp.from(end), actor, Timestamp.from(clock.instant()))
            .update(keys, "id");
        long id = keys.getKey().longValue();
        audit.record(ENTITY, key, "override added", user + " on call on rota " + key + " from " + start + " to " + end,
            Map.of("override", new Change(null, user + " " + start + " – " + end)));
        return new OverrideView(id, user, start, end, actor);
    }

    @Transactional
    public void deleteOverride(String key, long id) {
        Loaded r = load(key);
        OverrideView o = jdbc.sql("SELECT id, username, start_at, end_at, created_by FROM oncall_override WHERE rota_id = ? AND id = ?")
            .params(r.id(), id)
            .query((rs, n) -> new OverrideView(rs.getLong(1), rs.getString(2), rs.getTimestamp(3).toInstant(), rs.getTimestamp(4).toInstant(),
                rs.getString(5)))
            .optional().orElseThrow(() -> new NotFoundException("No override " + id + " on rota " + key));
        jdbc.sql("DELETE FROM oncall_override WHERE id = ?").param(id).update();
        audit.record(ENTITY, key, "override removed", "Override of " + o.user() + " removed from rota " + key,
            Map.of("override", new Change(o.user() + " " + o.start() + " – " + o.end(), null)));
    }

    /** An instant in a request body: ISO-8601 with an offset, within the years the rota arithmetic covers. */
    public static Instant parseInstant(String field, String value, List<FieldError> errors) {
        if (value == null || value.isBlank()) {
            errors.add(new FieldError(field, "Give " + field + " as ISO-8601 with an offset, e.g. 2027-01-04T09:00:00Z"));
            return null;
        }
        Instant i = org.estate.platform.Instants.iso(value);
        if (i == null) {
            errors.add(new FieldError(field, "'" + RotaFields.clip(value) + "' is not ISO-8601 with an offset, e.g. 2027-01-04T09:00:00Z"));
            return null;
        }
        int year = i.atZone(ZoneId.of("UTC")).getYear();
        if (year < RotaFields.MIN_YEAR || year > RotaFields.MAX_YEAR) {
            errors.add(new FieldError(field, field + " must be between " + RotaFields.MIN_YEAR + " and " + RotaFields.MAX_YEAR));
            return null;
        }
        return i;
    }
}
