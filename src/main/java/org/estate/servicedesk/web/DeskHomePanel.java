package org.estate.servicedesk.web;

import java.time.Clock;
import java.time.Instant;
import java.util.List;

import org.estate.platform.HomePanel;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** The service desk's figures on the home page: open work, what breaches soon, what has breached. */
@Component
class DeskHomePanel implements HomePanel {

    private final JdbcClient jdbc;
    private final Clock clock;
    private final org.estate.servicedesk.internal.ServicesAffectedNow affected;

    DeskHomePanel(JdbcClient jdbc, Clock clock, org.estate.servicedesk.internal.ServicesAffectedNow affected) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.affected = affected;
    }

    @Override
    public int order() {
        return 5;
    }

    @Override
    public String title() {
        return "Service desk";
    }

    @Override
    public String description() {
        return "Incidents and requests against their SLA.";
    }

    @Override
    public String href() {
        return "/desk";
    }

    @Override
    public List<Figure> figures() {
        Instant now = clock.instant();
        java.sql.Timestamp t = java.sql.Timestamp.from(now);
        java.sql.Timestamp hour = java.sql.Timestamp.from(now.plusSeconds(3600));
        long open = jdbc.sql("SELECT COUNT(*) FROM sd_ticket WHERE status IN ('new', 'in-progress', 'on-hold')").query(Long.class).single();
        long unassigned = jdbc.sql("SELECT COUNT(*) FROM sd_ticket WHERE assignee IS NULL AND status IN ('new', 'in-progress', 'on-hold')")
            .query(Long.class).single();
        long soon = jdbc.sql("SELECT COUNT(*) FROM sd_ticket WHERE next_due <= ? AND next_due >= ? AND (breached_at IS NULL OR breached_at >= ?)")
            .params(hour, t, t).query(Long.class).single();
        long breached = jdbc.sql("SELECT COUNT(*) FROM sd_ticket WHERE breached_at < ? AND status IN ('new', 'in-progress', 'on-hold')")
            .param(t).query(Long.class).single();
        // Business services that open incidents take down, and those they only degrade: counted apart.
        var services = affected.now();
        long down = services.stream().filter(sv -> "down".equals(sv.state())).count();
        return List.of(new Figure("Business services down", String.valueOf(down), "/desk#services-affected"),
            new Figure("Business services degraded", String.valueOf(services.size() - down), "/desk#services-affected"),
            new Figure("Open tickets", String.valueOf(open), "/desk?view=all"),
            new Figure("Unassigned", String.valueOf(unassigned), "/desk?view=unassigned"),
            new Figure("Breaching in the next hour", String.valueOf(soon), "/desk?view=soon"),
            new Figure("Open and breached", String.valueOf(breached), "/desk?view=breached"));
    }
}
