package org.estate.servicedesk.internal;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.estate.cmdb.Cmdb;
import org.estate.cmdb.Impact;
import org.estate.platform.NotFoundException;
import org.estate.platform.ValidationException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The business services that open incidents take down or degrade now, worked out by the CMDB's
 * impact engine from each incident's affected CIs (the desk home's "Services affected now").
 */
@Service
public class ServicesAffectedNow {

    /** More open incidents than this are not all weighed (the desk would have bigger news). */
    static final int MAX_INCIDENTS = 200;

    /** A service and the open incidents that affect it; {@code state} is down or degraded (the worse over its incidents). */
    public record AffectedService(long id, String name, String state, List<String> incidents) {
    }

    private final org.springframework.jdbc.core.simple.JdbcClient jdbc;
    private final Cmdb cmdb;

    ServicesAffectedNow(org.springframework.jdbc.core.simple.JdbcClient jdbc, Cmdb cmdb) {
        this.jdbc = jdbc;
        this.cmdb = cmdb;
    }

    @Transactional(readOnly = true)
    public List<AffectedService> now() {
        Map<String, List<Long>> cisByIncident = new LinkedHashMap<>();
        jdbc.sql("""
                SELECT t.ref, c.ci_id FROM sd_ticket t JOIN sd_ticket_ci c ON c.ticket_id = t.id
                WHERE t.ticket_type = 'incident' AND t.status IN ('new', 'in-progress', 'on-hold')
                  AND t.id IN (SELECT x.id FROM sd_ticket x
                               WHERE x.ticket_type = 'incident' AND x.status IN ('new', 'in-progress', 'on-hold')
                                 AND EXISTS (SELECT 1 FROM sd_ticket_ci y WHERE y.ticket_id = x.id)
                               ORDER BY x.id DESC LIMIT %d)
                ORDER BY t.priority, t.id""".formatted(MAX_INCIDENTS))
            .query(rs -> { cisByIncident.computeIfAbsent(rs.getString(1), k -> new ArrayList<>()).add(rs.getLong(2)); });
        Map<Long, AffectedService> services = new LinkedHashMap<>();
        for (var e : cisByIncident.entrySet()) {
            for (Impact.Impacted i : impact(e.getValue())) {
                if ("business-service".equals(i.ciClass())) {
                    AffectedService cur = services.get(i.id());
                    List<String> refs = new ArrayList<>(cur == null ? List.of() : cur.incidents());
                    refs.add(e.getKey());
                    String state = cur != null && "down".equals(cur.state()) ? "down" : i.state();
                    services.put(i.id(), new AffectedService(i.id(), i.name(), state, List.copyOf(refs)));
                }
            }
        }
        List<AffectedService> out = new ArrayList<>(services.values());
        out.sort(Comparator.comparing((AffectedService s) -> "down".equals(s.state()) ? 0 : 1).thenComparing(AffectedService::name));
        return out;
    }

    /** The failed CIs themselves (distance 0) and all they impact; CIs deleted since are left out. */
    private List<Impact.Impacted> impact(List<Long> ids) {
        List<Long> live = ids;
        Impact impact;
        try {
            impact = cmdb.impact(live);
        } catch (ValidationException e) {
            live = ids.stream().filter(this::exists).toList();
            if (live.isEmpty()) {
                return List.of();
            }
            impact = cmdb.impact(live);
        }
        List<Impact.Impacted> all = new ArrayList<>();
        for (Long id : live) {
            var ci = cmdb.get(id);
            all.add(new Impact.Impacted(ci.id(), ci.ciClass(), ci.name(), "down", 0));
        }
        all.addAll(impact.impacted());
        return all;
    }

    private boolean exists(long id) {
        try {
            cmdb.get(id);
            return true;
        } catch (NotFoundException e) {
            return false;
        }
    }
}
