package org.estate.change.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.estate.change.FreezeView;
import org.estate.cmdb.Ci;
import org.estate.cmdb.Cmdb;
import org.estate.platform.NotFoundException;
import org.estate.platform.ValidationException;
import org.estate.platform.ValueLimits;
import org.estate.servicedesk.DeskDirectory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The change calendar: changes (all but cancelled and rejected ones, drafts included, each showing
 * its status — the change list shows drafts to the same people), freezes and maintenance-window
 * occurrences over a bounded range, narrowed by team, CI or business service.
 */
@Service
public class ChangeCalendar {

    /** The longest range one question may cover: 13 months and a little. */
    public static final Duration MAX_SPAN = Duration.ofDays(400);

    /**
     * The filters: {@code team} a team key; {@code ci} a CI the change names; {@code service} a
     * business service whose own CI or anything it relies on the change names ({@code scope} is that
     * set). Freezes and windows follow {@code ci} and {@code service}, not {@code team}.
     */
    public record Filter(String team, Long ci, Long service, Set<Long> scope) {
        public static final Filter NONE = new Filter(null, null, null, null);
    }

    /** A change on the calendar: compact, nothing computed per row. */
    public record Entry(String ref, String title, String type, String status, Instant start, Instant end, List<Long> cis, String team) {
    }

    /** One occurrence of a maintenance window. */
    public record Maintenance(long window, String name, List<Long> cis, Instant start, Instant end) {
    }

    public record View(Instant from, Instant to, List<Entry> changes, List<FreezeView> freezes, List<Maintenance> maintenance) {
    }

    private final ChangesInWindow changes;
    private final FreezeLookup freezes;
    private final WindowLookup windows;
    private final Cmdb cmdb;
    private final DeskDirectory desk;

    ChangeCalendar(ChangesInWindow changes, FreezeLookup freezes, WindowLookup windows, Cmdb cmdb, DeskDirectory desk) {
        this.changes = changes;
        this.freezes = freezes;
        this.windows = windows;
        this.cmdb = cmdb;
        this.desk = desk;
    }

    /** Reads {@code from} and {@code to}: both required, {@code to} after {@code from}, at most {@link #MAX_SPAN} apart (422 naming the field). */
    public static Instant[] range(String from, String to) {
        Instant f = instant("from", from);
        Instant t = instant("to", to);
        if (!t.isAfter(f)) {
            throw new ValidationException("to", "to must be after from");
        }
        if (Duration.between(f, t).compareTo(MAX_SPAN) > 0) {
            throw new ValidationException("to", "Ask for at most " + MAX_SPAN.toDays() + " days at once");
        }
        return new Instant[] {f, t};
    }

    private static Instant instant(String param, String value) {
        if (value == null || value.isBlank()) {
            throw new ValidationException(param, "Give " + param + ", an instant like 2027-03-01T00:00:00Z");
        }
        Instant i = ChangeFields.parseInstant(value);
        if (i == null || !ValueLimits.inRange(i)) {
            throw new ValidationException(param, param + " must be an instant like 2027-03-01T00:00:00Z");
        }
        return i;
    }

    /** Reads the filters: 422 naming the parameter for an unknown team, a bad or unknown CI, or a service that is not a business service. */
    @Transactional(readOnly = true)
    public Filter filter(String team, String ci, String service) {
        String teamKey = team == null || team.isBlank() ? null : team.strip();
        if (teamKey != null && desk.team(teamKey).isEmpty()) {
            throw new ValidationException("team", "No team '" + ChangeStore.abbreviate(teamKey) + "'");
        }
        Ci c = ci(ci, "ci");
        Ci s = ci(service, "service");
        Set<Long> scope = null;
        if (s != null) {
            if (!"business-service".equals(s.ciClass())) {
                throw new ValidationException("service", "service must be a business service's CI id");
            }
            Set<Long> relied = new HashSet<>();
            relied.add(s.id());
            cmdb.dependencies(s.id()).forEach(d -> relied.add(d.id()));
            scope = Set.copyOf(relied);
        }
        return new Filter(teamKey, c == null ? null : c.id(), s == null ? null : s.id(), scope);
    }

    private Ci ci(String value, String param) {
        if (value == null || value.isBlank()) {
            return null;
        }
        long id;
        try {
            id = Long.parseLong(value.strip());
        } catch (NumberFormatException e) {
            throw new ValidationException(param, param + " is a CI id (a whole number)");
        }
        try {
            return cmdb.get(id);
        } catch (NotFoundException e) {
            throw new ValidationException(param, "No CI with id " + id);
        }
    }

    @Transactional(readOnly = true)
    public View calendar(Instant from, Instant to, Filter f) {
        List<Entry> entries = changes.overlapping(from, to, f.team(), f.ci()).stream()
            .filter(c -> f.scope() == null || intersects(c.cis(), f.scope()))
            .map(c -> new Entry(c.ref(), c.title(), c.type(), c.status(), c.start(), c.end(), c.cis(), c.team()))
            .toList();
        List<FreezeView> frozen = freezes.overlapping(from, to);
        if (f.ci() != null || f.scope() != null) {
            Set<Long> covering = new HashSet<>();
            List<Long> asked = f.ci() != null ? List.of(f.ci()) : List.copyOf(f.scope());
            freezes.covering(from, to, asked).forEach(h -> covering.add(h.id()));
            if (f.ci() != null && f.scope() != null) {
                Set<Long> alsoService = new HashSet<>();
                freezes.covering(from, to, f.scope()).forEach(h -> alsoService.add(h.id()));
                covering.retainAll(alsoService);
            }
            frozen = frozen.stream().filter(z -> covering.contains(z.id())).toList();
        }
        List<Maintenance> maintenance = windows.occurrences(from, to).stream()
            .filter(o -> f.ci() == null || o.cis().contains(f.ci()))
            .filter(o -> f.scope() == null || intersects(o.cis(), f.scope()))
            .map(o -> new Maintenance(o.window(), o.name(), o.cis(), o.start(), o.end()))
            .toList();
        return new View(from, to, entries, frozen, maintenance);
    }

    private static boolean intersects(Collection<Long> cis, Set<Long> scope) {
        for (Long id : cis) {
            if (scope.contains(id)) {
                return true;
            }
        }
        return false;
    }
}
