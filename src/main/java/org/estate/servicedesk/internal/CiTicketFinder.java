package org.estate.servicedesk.internal;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import org.estate.cmdb.Cmdb;
import org.estate.servicedesk.CiTickets;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** The incidents, requests, problems and known errors that name a CI, open and recently finished. */
@Service
public class CiTicketFinder {

    private static final String TICKETS = """
        SELECT t.ref, t.ticket_type, t.title, t.status, t.priority, t.opened_at,
               COALESCE(t.closed_at, t.resolved_at, t.updated_at) AS finished
        FROM sd_ticket t JOIN sd_ticket_ci c ON c.ticket_id = t.id
        WHERE c.ci_id = :ci AND\s""";
    private static final String PROBLEMS = """
        SELECT p.ref, p.known_error, p.title, p.status, p.created_at, COALESCE(p.resolved_at, p.updated_at) AS finished
        FROM sd_problem p JOIN sd_problem_ci c ON c.problem_id = p.id
        WHERE c.ci_id = :ci AND\s""";

    private final JdbcClient jdbc;
    private final Cmdb cmdb;
    private final Clock clock;

    CiTicketFinder(JdbcClient jdbc, Cmdb cmdb, Clock clock) {
        this.jdbc = jdbc;
        this.cmdb = cmdb;
        this.clock = clock;
    }

    private record Found(CiTickets.Item item, java.time.Instant finished) {
    }

    /** @throws org.estate.platform.NotFoundException when there is no such CI */
    @Transactional(readOnly = true)
    public CiTickets forCi(long ciId) {
        cmdb.get(ciId);
        Timestamp since = Timestamp.from(clock.instant().minus(Duration.ofDays(CiTickets.RECENT_DAYS)));
        List<Found> open = new ArrayList<>(tickets("t.status IN ('new', 'in-progress', 'on-hold')", ciId, null));
        open.addAll(problems("p.status = 'open'", ciId, null));
        // Most urgent first (problems after P4), then newest.
        open.sort(Comparator.comparing((Found f) -> f.item().priority() == null ? "P9" : f.item().priority())
            .thenComparing(f -> f.item().opened(), Comparator.reverseOrder()));
        List<Found> recent = new ArrayList<>(tickets("t.status IN ('resolved', 'closed') AND COALESCE(t.closed_at, t.resolved_at, t.updated_at) >= :since",
            ciId, since));
        recent.addAll(problems("p.status IN ('resolved', 'closed') AND COALESCE(p.resolved_at, p.updated_at) >= :since", ciId, since));
        recent.sort(Comparator.comparing(Found::finished, Comparator.reverseOrder()));
        return new CiTickets(open.stream().limit(CiTickets.MAX_ITEMS).map(Found::item).toList(),
            recent.stream().limit(CiTickets.MAX_ITEMS).map(Found::item).toList());
    }

    private List<Found> tickets(String where, long ciId, Timestamp since) {
        var spec = jdbc.sql(TICKETS + where + " ORDER BY t.opened_at DESC, t.id DESC LIMIT " + CiTickets.MAX_ITEMS).param("ci", ciId);
        if (since != null) {
            spec = spec.param("since", since);
        }
        return spec.query((rs, n) -> new Found(new CiTickets.Item(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
            rs.getString(5), TicketRow.ts(rs, "opened_at"), "/desk/tickets/" + rs.getString(1)), TicketRow.ts(rs, "finished"))).list();
    }

    private List<Found> problems(String where, long ciId, Timestamp since) {
        var spec = jdbc.sql(PROBLEMS + where + " ORDER BY p.created_at DESC, p.id DESC LIMIT " + CiTickets.MAX_ITEMS).param("ci", ciId);
        if (since != null) {
            spec = spec.param("since", since);
        }
        return spec.query((rs, n) -> new Found(new CiTickets.Item(rs.getString(1), rs.getBoolean(2) ? "known-error" : "problem",
            rs.getString(3), rs.getString(4), null, TicketRow.ts(rs, "created_at"), "/desk/problems/" + rs.getString(1)),
            TicketRow.ts(rs, "finished"))).list();
    }
}
