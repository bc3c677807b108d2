package org.estate.change.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import org.estate.change.ChangeView;
import org.estate.change.Risk;
import org.estate.cmdb.Ci;
import org.estate.cmdb.Cmdb;
import org.estate.cmdb.ServiceImpact;
import org.estate.platform.NotFoundException;
import org.estate.servicedesk.BusinessCalendar;
import org.estate.servicedesk.DeskDirectory;
import org.springframework.stereotype.Component;

/**
 * A change's impact (the impact engine on its CIs as if all were down) and its risk under the
 * default model of the issue, with the points admins keep ({@link RiskPoints}). A factor worth 0
 * points is still listed, so the CAB sees it was considered.
 */
@Component
class RiskModel {

    static final String BUSINESS_SERVICE = "business-service";
    static final String OFFICE_HOURS = "office-hours";
    static final List<String> LEVELS = List.of("low", "medium", "high", "very-high");

    /** Two business days' notice, counted in the office-hours calendar. */
    static final int SHORT_NOTICE_BUSINESS_DAYS = 2;

    private final Cmdb cmdb;
    private final DeskDirectory desk;
    private final ChangeStore store;
    private final Clock clock;
    private final RiskPoints points;

    RiskModel(Cmdb cmdb, DeskDirectory desk, ChangeStore store, Clock clock, RiskPoints points) {
        this.points = points;
        this.cmdb = cmdb;
        this.desk = desk;
        this.store = store;
        this.clock = clock;
    }

    /** A business service and how the change leaves it, with its criticality for the risk. */
    record ServiceHit(long id, String name, String state, String criticality) {
    }

    record Assessment(ChangeView.Impact impact, Risk risk) {
    }

    Assessment assess(ChangeRow c, List<ChangeView.Collision> collisions) {
        List<ServiceHit> hits = new ArrayList<>();
        int cis = 0;
        // CIs deleted since the change named them no longer count.
        List<Ci> affected = c.cis().stream().map(this::find).filter(java.util.Objects::nonNull).toList();
        if (!affected.isEmpty()) {
            // The services only: a core switch impacts tens of thousands of CIs, which need no names here.
            ServiceImpact impact = cmdb.serviceImpact(affected.stream().map(Ci::id).toList());
            cis = impact.impacted();
            for (Ci ci : affected) {
                if (BUSINESS_SERVICE.equals(ci.ciClass())) {
                    hits.add(new ServiceHit(ci.id(), ci.name(), "down", ci.criticality()));
                }
            }
            for (ServiceImpact.Service s : impact.services()) {
                hits.add(new ServiceHit(s.id(), s.name(), s.state(), s.criticality()));
            }
        }
        hits.sort(Comparator.comparing((ServiceHit h) -> "down".equals(h.state()) ? 0 : 1).thenComparing(ServiceHit::name));
        ChangeView.Impact impact = new ChangeView.Impact(hits.stream().map(h -> new ChangeView.Service(h.id(), h.name(), h.state())).toList(), cis);
        return new Assessment(impact, risk(c, hits, collisions));
    }

    private Risk risk(ChangeRow c, List<ServiceHit> hits, List<ChangeView.Collision> collisions) {
        List<Risk.Factor> factors = new ArrayList<>();
        java.util.Map<String, Integer> p = points.current();
        List<ServiceHit> down = hits.stream().filter(h -> "down".equals(h.state())).toList();
        if (!down.isEmpty()) {
            ServiceHit worst = down.stream().min(Comparator.comparingInt(h -> -downPoints(h, p))).orElseThrow();
            factors.add(new Risk.Factor("impact", downPoints(worst, p), worst.name() + " (" + worst.criticality() + ") down"));
            if (down.size() > 1) {
                int further = Math.min(p.get("further-services-max"), p.get("further-service-down") * (down.size() - 1));
                factors.add(new Risk.Factor("further-services-down", further, (down.size() - 1) + " further business service(s) down"));
            }
        } else if (!hits.isEmpty()) {
            factors.add(new Risk.Factor("impact", p.get("degraded"), hits.getFirst().name() + " degraded"));
        }
        BusinessCalendar office = officeHours();
        if (office != null && office.elapsedMinutes(c.plannedStart(), c.plannedEnd()) > 0) {
            factors.add(new Risk.Factor("office-hours", p.get("office-hours"), "The window falls in office hours"));
        }
        if (!c.backoutTested()) {
            factors.add(new Risk.Factor("backout-not-tested", p.get("backout-not-tested"), "The back-out plan has not been tested"));
        }
        int failed = store.failedOnSameCis(c.id(), c.cis(), clock.instant().minus(Duration.ofDays(365)));
        if (failed > 0) {
            factors.add(new Risk.Factor("failed-changes", Math.min(p.get("failed-changes-max"), p.get("failed-change") * failed),
                failed + " failed change(s) on the same CIs in the last 12 months"));
        }
        if ("emergency".equals(c.type())) {
            factors.add(new Risk.Factor("emergency", p.get("emergency"), "Emergency change"));
        }
        if ("normal".equals(c.type()) && office != null) {
            Instant asked = c.submittedAt() == null ? clock.instant() : c.submittedAt();
            long notice = c.plannedStart().isAfter(asked) ? office.elapsedMinutes(asked, c.plannedStart()) : 0;
            if (notice < (long) SHORT_NOTICE_BUSINESS_DAYS * office.dayMinutes()) {
                factors.add(new Risk.Factor("short-notice", p.get("short-notice"),
                    "Submitted less than " + SHORT_NOTICE_BUSINESS_DAYS + " business days before its start"));
            }
        }
        for (ChangeView.Collision col : collisions) {
            factors.add(new Risk.Factor("collision", p.get("collision"), col.kind() + ": " + col.detail()));
        }
        int score = factors.stream().mapToInt(Risk.Factor::points).sum();
        Risk.Override override = c.riskOverride() == null ? null
            : new Risk.Override(c.riskOverride(), c.riskOverrideReason(), c.riskOverrideBy());
        return new Risk(override == null ? level(score) : override.level(), score, List.copyOf(factors), override);
    }

    static String level(int score) {
        return score < 20 ? "low" : score < 40 ? "medium" : score < 60 ? "high" : "very-high";
    }

    private static int downPoints(ServiceHit h, java.util.Map<String, Integer> p) {
        return switch (h.criticality() == null ? "" : h.criticality()) {
            case "critical" -> p.get("down-critical");
            case "high" -> p.get("down-high");
            default -> p.get("down-other");
        };
    }

    private BusinessCalendar officeHours() {
        try {
            return desk.calendar(OFFICE_HOURS);
        } catch (NotFoundException e) {
            return null; // an admin removed the calendar: the office-hours and notice factors cannot be judged
        }
    }

    private Ci find(long id) {
        try {
            return cmdb.get(id);
        } catch (NotFoundException e) {
            return null; // deleted since: it no longer counts
        }
    }
}
