package org.estate.change.internal;

import java.time.Clock;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import org.estate.change.MaintenanceWindowView;
import org.estate.change.internal.ScheduleRows.WindowRow;
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

import net.fortuna.ical4j.model.Recur;

/**
 * Maintenance windows, one-off or recurring ({@link WindowRule}): each write audited and announced
 * ({@link CollisionInputsChanged}) in its transaction; read from this node's {@link ScheduleCache}.
 * Answers {@link WindowLookup}, expanding recurring windows only over the range asked about.
 */
@Service
public class WindowService implements WindowLookup {

    static final String ENTITY = "maintenance-window";
    private static final Set<String> FIELDS = Set.of("name", "cis", "start", "end", "rrule", "zone", "startTime", "durationMinutes", "from");
    private static final Set<String> RECURRING = Set.of("rrule", "zone", "startTime", "durationMinutes", "from");

    private final ScheduleStore store;
    private final ScheduleCache cache;
    private final Cmdb cmdb;
    private final AuditLog audit;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    WindowService(ScheduleStore store, ScheduleCache cache, Cmdb cmdb, AuditLog audit, ApplicationEventPublisher events, Clock clock) {
        this.store = store;
        this.cache = cache;
        this.cmdb = cmdb;
        this.audit = audit;
        this.events = events;
        this.clock = clock;
    }

    /** Windows by name, optionally those naming a CI, paged. */
    public PageResult<MaintenanceWindowView> list(Long ci, Paging paging) {
        Instant now = clock.instant();
        List<WindowRow> all = cache.current().windows().stream().filter(w -> ci == null || w.cis().contains(ci)).toList();
        int first = (int) Math.min(all.size(), paging.offset());
        return new PageResult<>(all.subList(first, Math.min(all.size(), first + paging.size())).stream().map(w -> w.view(now)).toList(),
            paging.page(), paging.size(), all.size());
    }

    public MaintenanceWindowView get(long id) {
        return row(id).view(clock.instant());
    }

    private WindowRow row(long id) {
        return cache.current().windows().stream().filter(w -> w.id() == id).findFirst()
            .orElseThrow(() -> new NotFoundException("No maintenance window " + id));
    }

    @Transactional
    public MaintenanceWindowView create(Map<String, Object> body, ChangeActor actor) {
        List<FieldError> errors = new ArrayList<>();
        ScheduleFields.unknownFields(body, FIELDS, "maintenance window", errors);
        WindowRow empty = new WindowRow(null, null, List.of(), null, null, null, actor.username(), null, 0);
        if (!body.containsKey("cis")) {
            errors.add(new FieldError("cis", "Give a list of 1 to " + ScheduleFields.MAX_CIS + " CI ids"));
        }
        WindowRow w = apply(empty, body, errors);
        if (!errors.isEmpty()) {
            throw new ValidationException(errors);
        }
        long id = store.insertWindow(w, clock.instant());
        audit.record(ENTITY, String.valueOf(id), "created", "Maintenance window '" + w.name() + "' created", diff(null, w));
        written("maintenance window " + id + " created");
        return stored(id);
    }

    /** A merge patch at {@code expectedVersion} (412 when stale); giving {@code start}/{@code end} makes it one-off, {@code rrule} recurring. */
    @Transactional
    public MaintenanceWindowView patch(long id, long expectedVersion, Map<String, Object> patch, ChangeActor actor) {
        WindowRow cur = row(id);
        if (cur.version() != expectedVersion) {
            throw new PreconditionFailedException("Maintenance window " + id + " has changed since you read it (current ETag \""
                + cur.version() + "\")");
        }
        List<FieldError> errors = new ArrayList<>();
        ScheduleFields.unknownFields(patch, FIELDS, "maintenance window", errors);
        WindowRow next = apply(cur, patch, errors);
        if (!errors.isEmpty()) {
            throw new ValidationException(errors);
        }
        store.updateWindow(next, expectedVersion, clock.instant());
        audit.record(ENTITY, String.valueOf(id), "updated", "Maintenance window '" + next.name() + "' changed", diff(cur, next));
        written("maintenance window " + id + " changed");
        return stored(id);
    }

    @Transactional
    public void delete(long id, ChangeActor actor) {
        WindowRow cur = row(id);
        store.deleteWindow(id);
        audit.record(ENTITY, String.valueOf(id), "deleted", "Maintenance window '" + cur.name() + "' deleted", diff(cur, null));
        written("maintenance window " + id + " deleted");
    }

    private MaintenanceWindowView stored(long id) {
        return store.windows().stream().filter(r -> r.id() == id).findFirst().orElseThrow().view(clock.instant());
    }

    private void written(String what) {
        cache.wrote();
        events.publishEvent(new CollisionInputsChanged(what));
    }

    private WindowRow apply(WindowRow base, Map<String, Object> body, List<FieldError> errors) {
        String name = ScheduleFields.name(body, base.name(), errors);
        List<Long> cis = body.containsKey("cis") ? ScheduleFields.cis(body.get("cis"), "cis", cmdb, errors) : base.cis();
        boolean recurring = RECURRING.stream().anyMatch(body::containsKey)
            || (base.rule() != null && !body.containsKey("start") && !body.containsKey("end"));
        if (recurring && (body.containsKey("start") || body.containsKey("end"))) {
            errors.add(new FieldError(body.containsKey("start") ? "start" : "end",
                "A window is one-off (start and end) or recurring (rrule, zone, startTime, durationMinutes): not both"));
            return base;
        }
        if (!recurring) {
            Instant start = ScheduleFields.instant(body, "start", base.start(), errors);
            Instant end = ScheduleFields.instant(body, "end", base.end(), errors);
            if (start != null && end != null && !end.isAfter(start)) {
                errors.add(new FieldError("end", "The end must be after the start"));
            }
            return new WindowRow(base.id(), name, cis, start, end, null, base.createdBy(), base.createdAt(), base.version());
        }
        WindowRule rule = rule(base.rule(), body, errors);
        return new WindowRow(base.id(), name, cis, null, null, rule, base.createdBy(), base.createdAt(), base.version());
    }

    private WindowRule rule(WindowRule base, Map<String, Object> body, List<FieldError> errors) {
        Recur<ZonedDateTime> recur = base == null ? null : base.recur();
        if (base == null || body.containsKey("rrule")) {
            recur = WindowRule.parse(body.get("rrule") instanceof String s ? s : body.get("rrule") == null ? null : "\u0000", errors);
        }
        ZoneId zone = base == null ? null : base.zone();
        if (base == null || body.containsKey("zone")) {
            zone = body.get("zone") instanceof String z && z.length() <= 60 && ZoneId.getAvailableZoneIds().contains(z) ? ZoneId.of(z) : null;
            if (zone == null) {
                errors.add(new FieldError("zone", "Give an IANA time zone, like Europe/London"));
            }
        }
        LocalTime startTime = base == null ? null : base.startTime();
        if (base == null || body.containsKey("startTime")) {
            startTime = body.get("startTime") instanceof String t && t.matches("([01][0-9]|2[0-3]):[0-5][0-9]") ? LocalTime.parse(t) : null;
            if (startTime == null) {
                errors.add(new FieldError("startTime", "Give the local start time as HH:MM, like 02:00"));
            }
        }
        Integer minutes = base == null ? null : base.minutes();
        if (base == null || body.containsKey("durationMinutes")) {
            Object d = body.get("durationMinutes");
            minutes = (d instanceof Integer i && i >= 1 && i <= WindowRule.MAX_MINUTES) ? i : null;
            if (minutes == null) {
                errors.add(new FieldError("durationMinutes", "Give the length in minutes, 1 to " + WindowRule.MAX_MINUTES + " (7 days)"));
            }
        }
        LocalDate from = base == null ? null : base.from();
        if (body.containsKey("from") && body.get("from") != null) {
            from = body.get("from") instanceof String f ? date(f) : null;
            if (from == null) {
                errors.add(new FieldError("from", "Give the local date the rule starts on, like 2027-03-07"));
            }
        } else if (from == null || body.containsKey("from")) {
            from = zone == null ? null : LocalDate.ofInstant(clock.instant(), zone);
        }
        if (recur == null || zone == null || startTime == null || minutes == null || from == null) {
            return base;
        }
        WindowRule rule = WindowRule.of(recur, zone, startTime, minutes, from);
        try {
            // Expanding its first year once: a rule ical4j reads but cannot expand is refused now, not on every question.
            Instant first = from.atStartOfDay(zone).toInstant();
            rule.starts(first, first.plus(java.time.Duration.ofDays(366)));
        } catch (RuntimeException e) {
            errors.add(new FieldError("rrule", "This recurrence rule cannot be expanded: " + ChangeStore.abbreviate(String.valueOf(e.getMessage()))));
            return base;
        }
        return rule;
    }

    private static LocalDate date(String s) {
        try {
            LocalDate d = s.length() == 10 ? LocalDate.parse(s) : null;
            return d != null && d.getYear() >= 2000 && d.getYear() <= 2200 ? d : null;
        } catch (DateTimeException e) {
            return null;
        }
    }

    private static Map<String, Change> diff(WindowRow a, WindowRow b) {
        Map<String, Change> d = new LinkedHashMap<>();
        put(d, "name", a == null ? null : a.name(), b == null ? null : b.name());
        put(d, "cis", a == null ? null : a.cis().toString(), b == null ? null : b.cis().toString());
        put(d, "when", a == null ? null : when(a), b == null ? null : when(b));
        return d;
    }

    private static String when(WindowRow w) {
        WindowRule r = w.rule();
        return r == null ? w.start() + " to " + w.end()
            : r.rrule() + " at " + r.startTime() + " " + r.zone().getId() + " for " + r.minutes() + " minutes from " + r.from();
    }

    private static void put(Map<String, Change> d, String field, Object from, Object to) {
        if (!Objects.equals(from, to)) {
            d.put(field, new Change(from, to));
        }
    }

    // ---- WindowLookup -----------------------------------------------------------------------------

    /** Occurrences of one window overlapping {@code [from, to)}. */
    static List<Occurrence> occurrences(WindowRow w, Instant from, Instant to) {
        if (w.rule() == null) {
            return w.start().isBefore(to) && w.end().isAfter(from) ? List.of(new Occurrence(w.id(), w.name(), w.cis(), w.start(), w.end()))
                : List.of();
        }
        List<Occurrence> out = new ArrayList<>();
        for (Instant s : w.rule().cachedStarts(from.minus(w.rule().duration()), to)) {
            Instant e = s.plus(w.rule().duration());
            if (e.isAfter(from)) {
                out.add(new Occurrence(w.id(), w.name(), w.cis(), s, e));
            }
        }
        return out;
    }

    @Override
    public List<Long> outsideWindows(Collection<Long> cis, Instant start, Instant end) {
        List<WindowRow> windows = cache.current().windows();
        List<Long> outside = new ArrayList<>();
        for (Long ci : cis) {
            List<WindowRow> its = windows.stream().filter(w -> w.cis().contains(ci)).toList();
            if (!its.isEmpty() && its.stream().flatMap(w -> occurrences(w, start, end).stream())
                .noneMatch(o -> !o.start().isAfter(start) && !o.end().isBefore(end))) {
                outside.add(ci);
            }
        }
        return outside;
    }

    @Override
    public List<Occurrence> occurrences(Instant from, Instant to) {
        return cache.current().windows().stream().flatMap(w -> occurrences(w, from, to).stream())
            .sorted(Comparator.comparing(Occurrence::start).thenComparing(Occurrence::window)).toList();
    }

    /** The windows with an occurrence containing {@code at}, each with that occurrence's end. */
    List<Occurrence> containing(Instant at) {
        return cache.current().windows().stream().flatMap(w -> occurrences(w, at, at.plusNanos(1)).stream()).toList();
    }
}
