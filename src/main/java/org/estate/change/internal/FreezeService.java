package org.estate.change.internal;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import org.estate.change.FreezeView;
import org.estate.change.internal.ScheduleRows.FreezeRow;
import org.estate.cmdb.Cmdb;
import org.estate.platform.AuditLog;
import org.estate.platform.AuditLog.Change;
import org.estate.platform.NotFoundException;
import org.estate.platform.PageResult;
import org.estate.platform.Paging;
import org.estate.platform.PreconditionFailedException;
import org.estate.platform.ValidationException;
import org.estate.platform.ValidationException.FieldError;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Freeze periods: kept by managers, each write audited and announced ({@link CollisionInputsChanged})
 * in its transaction; read from this node's {@link ScheduleCache}. Answers {@link FreezeLookup}: a
 * freeze covers every CI (scope {@code all}), or each scope CI and everything it relies on.
 */
@Service
public class FreezeService implements FreezeLookup {

    static final String ENTITY = "freeze";
    private static final Set<String> FIELDS = Set.of("name", "start", "end", "scope", "hard", "reason");

    private final ScheduleStore store;
    private final ScheduleCache cache;
    private final Cmdb cmdb;
    private final AuditLog audit;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    FreezeService(ScheduleStore store, ScheduleCache cache, Cmdb cmdb, AuditLog audit, ApplicationEventPublisher events, Clock clock) {
        this.store = store;
        this.cache = cache;
        this.cmdb = cmdb;
        this.audit = audit;
        this.events = events;
        this.clock = clock;
    }

    /** A query parameter that is an instant: null when absent, 422 naming it when it is not an instant. */
    public static Instant instantParam(String field, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        Instant i = ChangeFields.parseInstant(value);
        if (i == null || !ScheduleFields.inRange(i)) {
            throw new ValidationException(field, "Must be an instant like 2027-03-31T02:00:00Z");
        }
        return i;
    }

    /** Freezes overlapping {@code [from, to)} (either may be null: open), by start, paged. */
    public PageResult<FreezeView> list(Instant from, Instant to, Paging paging) {
        List<FreezeView> all = cache.current().freezes().stream()
            .filter(f -> (from == null || f.end().isAfter(from)) && (to == null || f.start().isBefore(to)))
            .map(FreezeRow::view).toList();
        int first = (int) Math.min(all.size(), paging.offset());
        return new PageResult<>(all.subList(first, Math.min(all.size(), first + paging.size())), paging.page(), paging.size(), all.size());
    }

    public FreezeView get(long id) {
        return row(id).view();
    }

    private FreezeRow row(long id) {
        return cache.current().freezes().stream().filter(f -> f.id() == id).findFirst()
            .orElseThrow(() -> new NotFoundException("No freeze " + id));
    }

    @Transactional
    public FreezeView create(Map<String, Object> body, ChangeActor actor) {
        List<FieldError> errors = new ArrayList<>();
        ScheduleFields.unknownFields(body, FIELDS, "freeze", errors);
        if (!body.containsKey("scope")) {
            errors.add(new FieldError("scope", "Give the scope: \"all\" or {\"cis\":[ids]}"));
        }
        FreezeRow empty = new FreezeRow(null, null, null, null, true, List.of(), false, null, actor.username(), null, 0);
        FreezeRow f = apply(empty, body, errors);
        if (!errors.isEmpty()) {
            throw new ValidationException(errors);
        }
        Instant now = clock.instant();
        long id = store.insertFreeze(f, now);
        audit.record(ENTITY, String.valueOf(id), "created", "Freeze '" + f.name() + "' created (" + (f.hard() ? "hard" : "soft") + ")",
            diff(new FreezeRow(null, null, null, null, false, List.of(), false, null, null, null, 0), f));
        written("freeze " + id + " created");
        return store.freezes().stream().filter(r -> r.id() == id).findFirst().orElseThrow().view();
    }

    /** A merge patch at {@code expectedVersion}: 412 when stale. */
    @Transactional
    public FreezeView patch(long id, long expectedVersion, Map<String, Object> patch, ChangeActor actor) {
        FreezeRow cur = row(id);
        if (cur.version() != expectedVersion) {
            throw new PreconditionFailedException("Freeze " + id + " has changed since you read it (current ETag \"" + cur.version() + "\")");
        }
        List<FieldError> errors = new ArrayList<>();
        ScheduleFields.unknownFields(patch, FIELDS, "freeze", errors);
        FreezeRow next = apply(cur, patch, errors);
        if (!errors.isEmpty()) {
            throw new ValidationException(errors);
        }
        store.updateFreeze(next, expectedVersion, clock.instant());
        audit.record(ENTITY, String.valueOf(id), "updated", "Freeze '" + next.name() + "' changed", diff(cur, next));
        written("freeze " + id + " changed");
        return store.freezes().stream().filter(r -> r.id() == id).findFirst().orElseThrow().view();
    }

    @Transactional
    public void delete(long id, ChangeActor actor) {
        FreezeRow cur = row(id);
        store.deleteFreeze(id);
        audit.record(ENTITY, String.valueOf(id), "deleted", "Freeze '" + cur.name() + "' deleted",
            diff(cur, new FreezeRow(null, null, null, null, false, List.of(), false, null, null, null, 0)));
        written("freeze " + id + " deleted");
    }

    private void written(String what) {
        cache.wrote();
        events.publishEvent(new CollisionInputsChanged(what));
    }

    private FreezeRow apply(FreezeRow base, Map<String, Object> body, List<FieldError> errors) {
        String name = ScheduleFields.name(body, base.name(), errors);
        Instant start = ScheduleFields.instant(body, "start", base.start(), errors);
        Instant end = ScheduleFields.instant(body, "end", base.end(), errors);
        if (start != null && end != null && !end.isAfter(start)) {
            errors.add(new FieldError("end", "The end must be after the start"));
        }
        boolean all = base.all();
        List<Long> cis = base.cis();
        if (body.containsKey("scope")) {
            Object scope = body.get("scope");
            if ("all".equals(scope)) {
                all = true;
                cis = List.of();
            } else if (scope instanceof Map<?, ?> m && m.size() == 1 && m.containsKey("cis")) {
                all = false;
                cis = ScheduleFields.cis(m.get("cis"), "scope.cis", cmdb, errors);
            } else {
                errors.add(new FieldError("scope", "The scope is \"all\" or {\"cis\":[ids]}"));
            }
        }
        boolean hard = ScheduleFields.bool(body, "hard", base.hard(), errors);
        String reason = ChangeFields.text(body, "reason", base.reason(), ChangeFields.MAX_NOTE, true, errors);
        return new FreezeRow(base.id(), name, start, end, all, cis, hard, reason, base.createdBy(), base.createdAt(), base.version());
    }

    private static Map<String, Change> diff(FreezeRow a, FreezeRow b) {
        Map<String, Change> d = new LinkedHashMap<>();
        put(d, "name", a.name(), b.name());
        put(d, "start", a.start(), b.start());
        put(d, "end", a.end(), b.end());
        put(d, "scope", a.name() == null ? null : scope(a), b.name() == null ? null : scope(b));
        put(d, "hard", a.name() == null ? null : a.hard(), b.name() == null ? null : b.hard());
        put(d, "reason", a.reason(), b.reason());
        return d;
    }

    private static String scope(FreezeRow f) {
        return f.all() ? "all" : "cis " + f.cis();
    }

    private static void put(Map<String, Change> d, String field, Object from, Object to) {
        if (!Objects.equals(from, to)) {
            d.put(field, new Change(from, to));
        }
    }

    // ---- FreezeLookup -----------------------------------------------------------------------------

    @Override
    public List<FreezeHit> covering(Instant start, Instant end, Collection<Long> cis) {
        List<FreezeHit> hits = new ArrayList<>();
        if (cis.isEmpty()) {
            return hits;
        }
        for (FreezeRow f : cache.current().freezes()) {
            if (!f.overlaps(start, end)) {
                continue;
            }
            List<Long> path = f.all() ? List.of(cis.iterator().next()) : path(f, cis);
            if (path != null) {
                hits.add(new FreezeHit(f.id(), f.name(), f.hard(), f.start(), f.end(), path));
            }
        }
        return hits;
    }

    /** The shortest path from an affected CI to a scope CI that is it or relies on it; null when the freeze covers none. */
    private List<Long> path(FreezeRow f, Collection<Long> cis) {
        List<Long> best = null;
        for (Long scopeCi : f.cis()) {
            for (List<Long> p : cmdb.dependencyPaths(scopeCi, cis).values()) {
                if (best == null || p.size() < best.size()) {
                    best = p.reversed();
                }
            }
        }
        return best;
    }

    @Override
    public List<FreezeView> overlapping(Instant from, Instant to) {
        return cache.current().freezes().stream().filter(f -> f.overlaps(from, to))
            .sorted(Comparator.comparing(FreezeRow::start).thenComparing(FreezeRow::id)).map(FreezeRow::view).toList();
    }
}
