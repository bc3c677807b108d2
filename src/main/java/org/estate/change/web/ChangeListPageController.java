package org.estate.change.web;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.estate.change.ChangeView;
import org.estate.change.internal.ChangeSearch;
import org.estate.change.internal.ChangeService;
import org.estate.change.internal.ChangeWorkflow;
import org.estate.platform.CsvOutput;
import org.estate.platform.ListView;
import org.estate.platform.PageResult;
import org.estate.platform.Paging;
import org.estate.platform.Sort;
import org.estate.platform.ValidationException;
import org.estate.servicedesk.DeskDirectory;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

import jakarta.servlet.http.HttpServletResponse;

/** The change list (filters, sorting, paging, CSV) and the CAB agenda. */
@Controller
class ChangeListPageController {

    private final ChangeSearch search;
    private final DeskDirectory desk;

    ChangeListPageController(ChangeSearch search, DeskDirectory desk) {
        this.search = search;
        this.desk = desk;
    }

    @GetMapping("/changes")
    @PreAuthorize("hasRole('VIEWER')")
    String list(@RequestParam(required = false) String status, @RequestParam(required = false) String type,
                @RequestParam(required = false) String team, @RequestParam(required = false) String q,
                @RequestParam(required = false) String sort, @RequestParam(required = false) Integer page,
                @RequestParam(required = false) Integer size, Model model) {
        Map<String, String> given = new LinkedHashMap<>();
        given.put("status", blank(status));
        given.put("type", blank(type));
        given.put("team", blank(team));
        given.put("q", blank(q));
        Map<String, String> errors = new LinkedHashMap<>();
        ChangeSearch.Filter filter = filter(given, errors);
        Sort order;
        try {
            order = ChangeSearch.SORT.parse(blank(sort));
        } catch (ValidationException e) {
            errors.put("sort", e.errors().getFirst().message());
            order = ChangeSearch.SORT.parse(null);
        }
        PageResult<ChangeView> result = search.search(filter, order, Paging.lenient(page, size));
        ListView list = new ListView("/changes", ListView.filters(given), order, result);
        model.addAttribute("values", given);
        model.addAttribute("errors", errors);
        model.addAttribute("result", result);
        model.addAttribute("list", list);
        model.addAttribute("pageBase", list.pageBase());
        model.addAttribute("exportUrl", list.at("/changes/export.csv"));
        model.addAttribute("statuses", ChangeService.STATUSES);
        model.addAttribute("types", ChangeService.TYPES);
        model.addAttribute("teams", desk.teams());
        return "change/list";
    }

    /** The changes the list shows for the same filters and order, every page of them, as CSV. */
    @GetMapping("/changes/export.csv")
    @PreAuthorize("hasRole('VIEWER')")
    void export(@RequestParam(required = false) String status, @RequestParam(required = false) String type,
                @RequestParam(required = false) String team, @RequestParam(required = false) String q,
                @RequestParam(required = false) String sort, @RequestParam(required = false) boolean excel,
                HttpServletResponse response) {
        ChangeSearch.Filter filter = search.filter(one(status), one(type), blank(team), null, null, null, blank(q));
        Sort order = ChangeSearch.SORT.parse(blank(sort));
        CsvOutput csv = CsvOutput.attachment(response, "changes.csv", excel);
        csv.row("ref", "type", "status", "title", "plannedStart", "plannedEnd", "team", "implementer", "requester", "risk", "outcome");
        for (int p = 0; ; p++) {
            PageResult<ChangeView> result = search.search(filter, order, new Paging(p, Paging.MAX_SIZE));
            result.items().forEach(c -> csv.row(c.ref(), c.type(), c.status(), c.title(), String.valueOf(c.plannedStart()),
                String.valueOf(c.plannedEnd()), nz(c.team()), nz(c.implementer()), nz(c.requester()), c.risk().level(), nz(c.outcome())));
            if ((long) (p + 1) * Paging.MAX_SIZE >= result.total()) {
                break;
            }
        }
        csv.flush();
    }

    /** Every change in assessment, by start: those the CAB decides first, with impact, collisions and risk side by side. */
    @GetMapping("/changes/cab")
    @PreAuthorize("hasRole('VIEWER')")
    String cab(Model model) {
        ChangeSearch.Filter filter = search.filter(List.of("assessment"), null, null, null, null, null, null);
        PageResult<ChangeView> result = search.search(filter, ChangeSearch.SORT.parse("start"), new Paging(0, Paging.MAX_SIZE));
        List<ChangeView> cab = result.items().stream().filter(ChangeWorkflow::needsCab).toList();
        List<ChangeView> managers = result.items().stream().filter(c -> !ChangeWorkflow.needsCab(c)).toList();
        model.addAttribute("cab", cab);
        model.addAttribute("managers", managers);
        model.addAttribute("more", result.total() > result.items().size());
        return "change/cab";
    }

    /** The filters as given; one the list cannot use is shown as an error beside it and left out. */
    private ChangeSearch.Filter filter(Map<String, String> given, Map<String, String> errors) {
        for (String field : List.of("status", "type", "team", "q")) {
            try {
                search.filter(field.equals("status") ? one(given.get(field)) : null, field.equals("type") ? one(given.get(field)) : null,
                    field.equals("team") ? given.get(field) : null, null, null, null, field.equals("q") ? given.get(field) : null);
            } catch (ValidationException e) {
                errors.put(field, e.errors().getFirst().message());
                given.put(field, null);
            }
        }
        return search.filter(one(given.get("status")), one(given.get("type")), given.get("team"), null, null, null, given.get("q"));
    }

    private static List<String> one(String value) {
        return value == null || value.isBlank() ? null : List.of(value.strip());
    }

    static String blank(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }
}
