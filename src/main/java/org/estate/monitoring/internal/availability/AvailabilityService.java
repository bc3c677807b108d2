package org.estate.monitoring.internal.availability;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.estate.cmdb.Ci;
import org.estate.cmdb.Cmdb;
import org.estate.cmdb.Dependency;
import org.estate.platform.ValidationException;
import org.springframework.stereotype.Service;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * Availability of a CI or a business service over a span, through the dependency graph: at each
 * segment between state changes, the CI's own checks and the impact engine's answer for the CIs
 * then down decide whether it was down, degraded, in maintenance or up. The impact engine is asked
 * once per distinct set of CIs down (and in maintenance), so a month of flapping stays cheap.
 */
@Service
public class AvailabilityService {

    /** The longest span one question may cover. */
    public static final Duration MAX_SPAN = Duration.ofDays(400);
    static final String BUSINESS_SERVICE = "business-service";

    /** Figures over a span; {@code target} and {@code met} only for a business service with a target. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Figures(double upPercent, long downSeconds, long degradedSeconds, long maintenanceSeconds,
                          BigDecimal target, Boolean met) {
    }

    private final Cmdb cmdb;
    private final StateHistory history;
    private final Clock clock;

    AvailabilityService(Cmdb cmdb, StateHistory history, Clock clock) {
        this.cmdb = cmdb;
        this.history = history;
        this.clock = clock;
    }

    /**
     * The CI's availability over {@code [from, to)} (the part after now counts as nothing).
     *
     * @throws org.estate.platform.NotFoundException for an unknown CI
     * @throws ValidationException naming {@code to} when it is not after {@code from}, or {@code from}
     *     for a span over {@link #MAX_SPAN}
     */
    public Figures of(long ciId, Instant from, Instant to) {
        checkPeriod(from, to);
        Ci ci = cmdb.get(ciId);
        return over(ci, List.of(from, to)).getFirst();
    }

    /** Figures for each bucket between consecutive {@code cuts} (ascending). */
    public List<Figures> over(Ci ci, List<Instant> cuts) {
        Instant now = clock.instant();
        List<Instant> clamped = cuts.stream().map(c -> c.isAfter(now) ? now : c).toList();
        BigDecimal target = target(ci);
        if (!clamped.getLast().isAfter(clamped.getFirst())) {
            return clamped.subList(1, clamped.size()).stream().map(c -> figures(new Sweep.Totals(c, c, 0, 0, 0), target)).toList();
        }
        Set<Long> relevant = new HashSet<>();
        relevant.add(ci.id());
        for (Dependency d : cmdb.dependencies(ci.id())) {
            relevant.add(d.id());
        }
        List<StateHistory.Change> changes = history.changes(relevant, clamped.getFirst(), clamped.getLast());
        Judge judge = new Judge(ci.id(), BUSINESS_SERVICE.equals(ci.ciClass()));
        return Sweep.run(changes, clamped, judge::state).stream().map(t -> figures(t, target)).toList();
    }

    /** A business service's availability target in percent (more than 0, at most 100), or null. */
    public static BigDecimal target(Ci ci) {
        if (!BUSINESS_SERVICE.equals(ci.ciClass()) || ci.attributes() == null) {
            return null;
        }
        BigDecimal t = switch (ci.attributes().get("availabilityTarget")) {
            case BigDecimal b -> b;
            case Number n -> new BigDecimal(n.toString());
            case null, default -> null;
        };
        return t != null && t.signum() > 0 && t.compareTo(BigDecimal.valueOf(100)) <= 0 ? t.stripTrailingZeros() : null;
    }

    public static void checkPeriod(Instant from, Instant to) {
        if (!to.isAfter(from)) {
            throw new ValidationException("to", "to must be after from");
        }
        if (Duration.between(from, to).compareTo(MAX_SPAN) > 0) {
            throw new ValidationException("from", "The period can be at most " + MAX_SPAN.toDays() + " days");
        }
    }

    private static Figures figures(Sweep.Totals t, BigDecimal target) {
        double up = Math.round(t.upPercent() * 1000) / 1000.0;
        Boolean met = target == null ? null : BigDecimal.valueOf(up).compareTo(target) >= 0;
        return new Figures(up, t.downSeconds(), t.degradedSeconds(), t.maintenanceSeconds(), target, met);
    }

    /** Judges segments for one CI, asking the impact engine once per distinct set of failed CIs. */
    private final class Judge {

        private final long ci;
        private final boolean service;
        private final Map<Set<Long>, String> byFailed = new HashMap<>();

        Judge(long ci, boolean service) {
            this.ci = ci;
            this.service = service;
        }

        String state(Sweep.Snapshot s) {
            if (s.down().contains(ci)) {
                return "down";
            }
            Set<Long> down = without(s.down());
            String byFailures = graphState(down);
            if ("down".equals(byFailures)) {
                return "down";
            }
            if (s.maintenance().contains(ci)) {
                return "maintenance";
            }
            Set<Long> maintenance = without(s.maintenance());
            if (!maintenance.isEmpty()) {
                Set<Long> both = new TreeSet<>(down);
                both.addAll(maintenance);
                if ("down".equals(graphState(both))) {
                    return "maintenance";
                }
            }
            return s.degraded().contains(ci) || "degraded".equals(byFailures) ? "degraded" : "up";
        }

        private Set<Long> without(Set<Long> set) {
            if (!set.contains(ci)) {
                return set;
            }
            Set<Long> out = new TreeSet<>(set);
            out.remove(ci);
            return out;
        }

        /** What the failure of these CIs does to this CI: {@code down}, {@code degraded} or {@code up}. */
        private String graphState(Set<Long> failed) {
            if (failed.isEmpty()) {
                return "up";
            }
            return byFailed.computeIfAbsent(Set.copyOf(failed), f -> {
                List<Long> ids = new ArrayList<>(f);
                if (service) {
                    return cmdb.serviceImpact(ids).services().stream().filter(x -> x.id() == ci)
                        .map(x -> x.state()).findFirst().orElse("up");
                }
                try {
                    return cmdb.impact(ids).impacted().stream().filter(x -> x.id() == ci)
                        .map(x -> x.state()).findFirst().orElse("up");
                } catch (ValidationException e) {
                    return "up"; // a CI deleted since: it takes nothing down
                }
            });
        }
    }
}
