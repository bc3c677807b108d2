package org.estate.servicedesk.web;

import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.servlet.http.HttpServletResponse;

import org.estate.platform.CsvOutput;
import org.estate.platform.FilterValues;
import org.estate.platform.ListView;
import org.estate.platform.PageResult;
import org.estate.platform.Paging;
import org.estate.platform.Sort;
import org.estate.platform.ValidationException;
import org.estate.servicedesk.TicketView;
import org.estate.servicedesk.internal.Actor;
import org.estate.servicedesk.internal.TeamService;
import org.estate.servicedesk.internal.TicketService;
import org.estate.servicedesk.internal.TicketService.Filter;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The desk's queues: one ticket list per view (mine, my teams, unassigned…), with the shared list
 * controls (sortable columns, page size, the total, filters in the address) and a CSV export of
 * exactly what the queue shows.
 */
@Controller
class DeskQueuePageController {

    private static final List<String> TYPES = List.of("incident", "request");
    private static final List<String> PRIORITIES = List.of("P1", "P2", "P3", "P4");

    private final TicketService tickets;
    private final TeamService teams;
    private final Clock clock;
    private final org.estate.servicedesk.internal.ServicesAffectedNow affectedNow;

    DeskQueuePageController(TicketService tickets, TeamService teams, Clock clock,
                            org.estate.servicedesk.internal.ServicesAffectedNow affectedNow) {
        this.affectedNow = affectedNow;
        this.tickets = tickets;
        this.teams = teams;
        this.clock = clock;
    }

    /** A queue as asked for: its filter, order and page, or the errors in what was asked. */
    private record Queue(String view, List<String> types, List<String> priorities, String q, Filter filter, Sort sort,
                         Map<String, String> errors) {
    }

    private Queue queue(String view, List<String> type, List<String> priority, String q, String sort, Actor actor) {
        // Someone in no team starts on all tickets rather than an empty queue.
        String v = view != null && DeskPageController.VIEWS.containsKey(view) ? view
            : teams.teamsOf(actor.username()).isEmpty() ? "all" : "team";
        Map<String, String> errors = new LinkedHashMap<>();
        List<String> types = List.of();
        List<String> priorities = List.of();
        Sort order = null;
        try {
            types = FilterValues.anyOf("type", type, TYPES);
        } catch (ValidationException e) {
            errors.put("type", e.errors().getFirst().message());
        }
        try {
            priorities = FilterValues.anyOf("priority", priority, PRIORITIES);
        } catch (ValidationException e) {
            errors.put("priority", e.errors().getFirst().message());
        }
        try {
            order = sort == null || sort.isBlank() ? null : TicketService.SORT.parse(sort);
        } catch (ValidationException e) {
            errors.put("sort", e.errors().getFirst().message());
        }
        String t = types.size() == 1 ? types.getFirst() : null;
        String p = priorities.isEmpty() ? null : String.join(",", priorities);
        String text = q == null || q.isBlank() ? null : q.trim();
        Instant now = clock.instant();
        Filter f = switch (v) {
            case "mine" -> new Filter(t, List.of(), p, null, actor.username(), null, null, null, null, null, text, null, null, true, null);
            case "unassigned" -> new Filter(t, List.of(), p, null, null, null, null, null, null, null, text, null, true, true, null);
            case "soon" -> new Filter(t, List.of(), p, null, null, false, now.plus(Duration.ofHours(1)), null, null, null, text, null, null, true, null);
            case "breached" -> new Filter(t, List.of(), p, null, null, true, null, null, null, null, text, null, null, true, null);
            case "all" -> new Filter(t, List.of(), p, null, null, null, null, null, null, null, text, null, null, null, null);
            default -> new Filter(t, List.of(), p, null, null, null, null, null, null, null, text, null, null, true, teams.teamsOf(actor.username()));
        };
        return new Queue(v, types, priorities, text, f, order, errors);
    }

    @GetMapping("/desk")
    @PreAuthorize("hasRole('VIEWER')")
    String deskQueuePage(@RequestParam(required = false) String view, @RequestParam(required = false) List<String> type,
                         @RequestParam(required = false) List<String> priority, @RequestParam(required = false) String q,
                         @RequestParam(required = false) String sort, @RequestParam(required = false) Integer page,
                         @RequestParam(required = false) Integer size, Authentication auth, Model model) {
        Actor actor = Actors.of(auth);
        Queue queue = queue(view, type, priority, q, sort, actor);
        Paging paging = Paging.of(page == null ? 0 : Math.max(0, page), size == null ? Paging.DEFAULT_SIZE : Math.max(1, size));
        PageResult<TicketView> result = queue.errors().isEmpty() ? tickets.search(queue.filter(), queue.sort(), paging, actor)
            : new PageResult<>(List.of(), 0, paging.size(), 0);
        ListView list = new ListView("/desk", ListView.filters(filters(queue)), queue.sort(), result);
        model.addAttribute("views", DeskPageController.VIEWS);
        model.addAttribute("view", queue.view());
        model.addAttribute("type", queue.types().size() == 1 ? queue.types().getFirst() : null);
        model.addAttribute("priority", queue.priorities().size() == 1 ? queue.priorities().getFirst() : null);
        model.addAttribute("q", queue.q());
        model.addAttribute("errors", queue.errors());
        model.addAttribute("result", result);
        model.addAttribute("list", list);
        model.addAttribute("pageBase", list.pageBase());
        model.addAttribute("exportUrl", list.at("/desk/export.csv"));
        model.addAttribute("now", clock.instant());
        model.addAttribute("myTeams", teams.teamsOf(actor.username()));
        model.addAttribute("affectedServices", affectedNow.now());
        return "servicedesk/queue";
    }

    /**
     * The queue as CSV: exactly the tickets the page lists for the same view, filters and order,
     * every page of them; {@code excel=true} adds a byte order mark and CRLF line ends.
     */
    @GetMapping("/desk/export.csv")
    @PreAuthorize("hasRole('VIEWER')")
    void deskQueueExport(@RequestParam(required = false) String view, @RequestParam(required = false) List<String> type,
                         @RequestParam(required = false) List<String> priority, @RequestParam(required = false) String q,
                         @RequestParam(required = false) String sort, @RequestParam(required = false) boolean excel,
                         Authentication auth, HttpServletResponse response) throws IOException {
        Actor actor = Actors.of(auth);
        Queue queue = queue(view, type, priority, q, sort, actor);
        if (!queue.errors().isEmpty()) {
            Map.Entry<String, String> first = queue.errors().entrySet().iterator().next();
            throw new org.estate.platform.BadRequestException(first.getKey(), first.getValue());
        }
        response.setContentType("text/csv;charset=UTF-8");
        response.setHeader("Content-Disposition", "attachment; filename=\"tickets.csv\"");
        Writer out = new OutputStreamWriter(response.getOutputStream(), StandardCharsets.UTF_8);
        CsvOutput csv = new CsvOutput(out, excel);
        csv.row("ref", "type", "title", "status", "priority", "team", "assignee", "reporter", "opened_at", "updated_at");
        for (int page = 0; ; page++) {
            PageResult<TicketView> result = tickets.search(queue.filter(), queue.sort(), new Paging(page, Paging.MAX_SIZE), actor);
            for (TicketView t : result.items()) {
                csv.row(t.ref(), t.type(), t.title(), t.status(), t.priority(), t.team(), t.assignee(),
                    t.reporter() == null ? null : t.reporter().name(), String.valueOf(t.openedAt()), String.valueOf(t.updatedAt()));
            }
            if (result.items().size() < Paging.MAX_SIZE) {
                break;
            }
        }
        csv.flush();
    }

    private static Map<String, Object> filters(Queue queue) {
        Map<String, Object> given = new LinkedHashMap<>();
        given.put("view", queue.view());
        given.put("type", queue.types());
        given.put("priority", queue.priorities());
        given.put("q", queue.q());
        return given;
    }
}
