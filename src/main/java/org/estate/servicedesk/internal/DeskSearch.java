package org.estate.servicedesk.internal;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.estate.cmdb.Cmdb;
import org.estate.platform.Role;
import org.estate.platform.SearchContribution;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.util.UriUtils;

/**
 * The service desk's part in the search box: incidents and requests by reference or bare number
 * ("244"), a word of the title, the reporter or requester, or an affected CI's name (asked of the
 * CMDB through its facade); problems and known errors by reference, title or workaround; teams.
 * A requester finds only their own tickets, and nothing by CI name (they see no CMDB).
 */
@Component
class DeskSearch implements SearchContribution {

    static final int WINDOW = 200;
    private static final String TICKET = "SELECT id, ref, ticket_type, title, reporter_name, requester FROM sd_ticket";

    private final JdbcClient jdbc;
    private final Cmdb cmdb;

    DeskSearch(JdbcClient jdbc, Cmdb cmdb) {
        this.jdbc = jdbc;
        this.cmdb = cmdb;
    }

    private record Found(long id, String ref, String kind, String title, int rank, String match) {
    }

    @Override
    @Transactional(readOnly = true)
    public List<Group> search(Query query) {
        List<String> refs = refs(query.text());
        List<Group> groups = new ArrayList<>(tickets(query, refs));
        if (query.staff()) {
            groups.addAll(problems(query, refs));
        }
        if (query.has(Role.MANAGER)) {
            groups.add(teams(query));
        }
        return groups;
    }

    /** The references the text may mean: itself (INC-000244, any case) or, for a bare number, that number of each kind. */
    static List<String> refs(String text) {
        String t = text.strip().toUpperCase(Locale.ROOT);
        if (t.matches("[0-9]{1,9}")) {
            long n = Long.parseLong(t);
            return List.of(RefAllocator.format("INC", n), RefAllocator.format("REQ", n), RefAllocator.format("PRB", n));
        }
        return t.length() <= 20 ? List.of(t) : List.of();
    }

    private List<Group> tickets(Query query, List<String> refs) {
        String q = query.lower();
        String mine = query.staff() ? "" : " AND requester = :me";
        Map<Long, Found> found = new LinkedHashMap<>();
        if (!refs.isEmpty()) {
            jdbc.sql(TICKET + " WHERE ref IN (:refs)" + mine).param("refs", refs).params(me(query))
                .query((rs, n) -> new Found(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), 0, "reference"))
                .list().forEach(f -> found.put(f.id(), f));
        }
        jdbc.sql(TICKET + " WHERE (title ILIKE :pattern OR reporter_name ILIKE :pattern OR requester = :text)" + mine
                + " ORDER BY id DESC LIMIT :window")
            .param("pattern", query.contains()).param("text", query.text()).param("window", WINDOW).params(me(query))
            .query((rs, n) -> ranked(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                rs.getString(6), q))
            .list().forEach(f -> found.putIfAbsent(f.id(), f));
        if (query.staff()) {
            Map<Long, String> cis = cmdb.cisNamedLike(query.text(), 50);
            if (!cis.isEmpty()) {
                jdbc.sql("SELECT t.id, t.ref, t.ticket_type, t.title, c.ci_id FROM sd_ticket t JOIN sd_ticket_ci c ON c.ticket_id = t.id "
                        + "WHERE c.ci_id IN (:cis) ORDER BY t.id DESC LIMIT :window")
                    .param("cis", cis.keySet()).param("window", WINDOW)
                    .query((rs, n) -> {
                        String name = cis.get(rs.getLong(5));
                        int rank = SearchContribution.rank(q, name) == 0 ? 4 : 7;
                        return new Found(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rank, "affected CI: " + name);
                    })
                    .list().forEach(f -> found.merge(f.id(), f, (a, b) -> a.rank() <= b.rank() ? a : b));
            }
        }
        String base = query.staff() ? "/desk/tickets/" : "/portal/tickets/";
        List<Group> groups = new ArrayList<>();
        for (String kind : List.of("incident", "request")) {
            groups.add(new Group(kind, found.values().stream().filter(f -> f.kind().equals(kind))
                .sorted(Comparator.comparingInt(Found::rank).thenComparing(Comparator.comparingLong(Found::id).reversed()))
                .limit(query.limit())
                .map(f -> new Hit(null, f.ref(), f.title(), base + f.ref(), f.match())).toList()));
        }
        return groups;
    }

    private static Map<String, Object> me(Query query) {
        return query.staff() ? Map.of() : Map.of("me", query.username());
    }

    /** 1 title equal, 2 title starts with, 3 reporter or requester equal, 5 title contains, 6 reporter contains. */
    private static Found ranked(long id, String ref, String kind, String title, String reporter, String requester, String q) {
        int t = SearchContribution.rank(q, title);
        int r = SearchContribution.rank(q, reporter);
        if (t <= 1) {
            return new Found(id, ref, kind, title, t + 1, "title");
        }
        if (r == 0 || SearchContribution.rank(q, requester) == 0) {
            return r == 0 ? new Found(id, ref, kind, title, 3, "reporter: " + reporter)
                : new Found(id, ref, kind, title, 3, "requester: " + requester);
        }
        return t == 2 ? new Found(id, ref, kind, title, 5, "title") : new Found(id, ref, kind, title, 6, "reporter: " + reporter);
    }

    private List<Group> problems(Query query, List<String> refs) {
        String q = query.lower();
        List<Found> found = jdbc.sql("SELECT id, ref, known_error, title, workaround FROM sd_problem "
                + "WHERE ref IN (:refs) OR title ILIKE :pattern OR (known_error = TRUE AND workaround ILIKE :pattern) "
                + "ORDER BY id DESC LIMIT :window")
            .param("refs", refs.isEmpty() ? List.of("") : refs).param("pattern", query.contains()).param("window", WINDOW)
            .query((rs, n) -> {
                String kind = rs.getBoolean(3) ? "known-error" : "problem";
                String ref = rs.getString(2);
                int t = SearchContribution.rank(q, rs.getString(4));
                if (refs.contains(ref)) {
                    return new Found(rs.getLong(1), ref, kind, rs.getString(4), 0, "reference");
                }
                return t < 3 ? new Found(rs.getLong(1), ref, kind, rs.getString(4), t + 1, "title")
                    : new Found(rs.getLong(1), ref, kind, rs.getString(4), 4, "workaround");
            }).list();
        List<Group> groups = new ArrayList<>();
        for (String kind : List.of("problem", "known-error")) {
            groups.add(new Group(kind, found.stream().filter(f -> f.kind().equals(kind))
                .sorted(Comparator.comparingInt(Found::rank).thenComparing(Comparator.comparingLong(Found::id).reversed()))
                .limit(query.limit())
                .map(f -> new Hit(null, f.ref(), f.title(), "/desk/problems/" + f.ref(), f.match())).toList()));
        }
        return groups;
    }

    private Group teams(Query query) {
        String q = query.lower();
        record Team(String key, String name, int rank, String match) {
        }
        List<Team> teams = jdbc.sql("SELECT team_key, name FROM sd_team WHERE LOWER(team_key) LIKE :pattern OR LOWER(name) LIKE :pattern "
                + "ORDER BY name LIMIT :window")
            .param("pattern", query.contains()).param("window", WINDOW)
            .query((rs, n) -> {
                int byName = SearchContribution.rank(q, rs.getString(2));
                int byKey = SearchContribution.rank(q, rs.getString(1));
                return byName <= byKey ? new Team(rs.getString(1), rs.getString(2), byName, "name")
                    : new Team(rs.getString(1), rs.getString(2), byKey, "key");
            }).list();
        return new Group("team", teams.stream().sorted(Comparator.comparingInt(Team::rank).thenComparing(Team::name))
            .limit(query.limit()).map(t -> new Hit(null, t.key(), t.name(), "/admin/teams/" + UriUtils.encodePathSegment(t.key(), StandardCharsets.UTF_8), t.match())).toList());
    }
}
