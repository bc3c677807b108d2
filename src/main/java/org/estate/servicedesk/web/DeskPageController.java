package org.estate.servicedesk.web;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.estate.cmdb.Ci;
import org.estate.cmdb.Cmdb;
import org.estate.platform.ConflictException;
import org.estate.platform.Paging;
import org.estate.platform.ValidationException;
import org.estate.servicedesk.CatalogueItem;
import org.estate.servicedesk.TicketView;
import org.estate.servicedesk.internal.Actor;
import org.estate.servicedesk.internal.CatalogueService;
import org.estate.servicedesk.internal.ProblemService;
import org.estate.servicedesk.internal.TeamService;
import org.estate.servicedesk.internal.TicketService;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The service desk's pages: queues, ticket detail with its SLA clock and timeline, forms, the catalogue. */
@Controller
class DeskPageController {

    static final Map<String, String> VIEWS = new LinkedHashMap<>();

    static {
        VIEWS.put("mine", "Assigned to me");
        VIEWS.put("team", "My teams");
        VIEWS.put("unassigned", "Unassigned");
        VIEWS.put("soon", "Breaching in the next hour");
        VIEWS.put("breached", "Breached");
        VIEWS.put("all", "All tickets");
    }

    private final TicketService tickets;
    private final TeamService teams;
    private final CatalogueService catalogue;
    private final ProblemService problems;
    private final Cmdb cmdb;
    private final java.time.Clock clock;
    private final AssigneeChoices assignees;
    private final CiLines ciLines;

    DeskPageController(TicketService tickets, TeamService teams, CatalogueService catalogue, ProblemService problems, Cmdb cmdb,
                       java.time.Clock clock, AssigneeChoices assignees) {
        this.assignees = assignees;
        this.ciLines = new CiLines(cmdb);
        this.tickets = tickets;
        this.teams = teams;
        this.catalogue = catalogue;
        this.problems = problems;
        this.cmdb = cmdb;
        this.clock = clock;
    }

    // ---- logging an incident -------------------------------------------------------------------

    @GetMapping("/desk/incidents/new")
    @PreAuthorize("hasRole('ENGINEER')")
    String newIncident(@RequestParam(required = false) Long ci, Model model) {
        Map<String, String> values = new LinkedHashMap<>();
        values.put("impact", "medium");
        values.put("urgency", "medium");
        if (ci != null) {
            Ci c = cmdb.get(ci);
            values.put("cis", c.name() + " (" + cmdb.ciClass(c.ciClass()).map(k -> k.label()).orElse(c.ciClass()) + ")");
        }
        return incidentForm(model, values, Map.of());
    }

    private String incidentForm(Model model, Map<String, String> values, Map<String, String> errors) {
        model.addAttribute("values", values);
        model.addAttribute("errors", errors);
        model.addAttribute("teams", teams.list());
        model.addAttribute("assignees", assignees.groups(blank(values.get("team")), values.get("assignee")));
        List<Long> ids = new ArrayList<>();
        resolveCis(values.getOrDefault("cis", ""), ids, new LinkedHashMap<>());
        model.addAttribute("knownErrors", ids.isEmpty() ? List.of() : problems.knownErrors(ids.getFirst(), null));
        return "servicedesk/incident-form";
    }

    @PostMapping("/desk/incidents")
    @PreAuthorize("hasRole('ENGINEER')")
    String createIncident(@RequestParam Map<String, String> params, Authentication auth, Model model) {
        Map<String, String> values = new LinkedHashMap<>(params);
        values.remove("_csrf");
        Map<String, String> errors = new LinkedHashMap<>();
        List<Long> ids = new ArrayList<>();
        resolveCis(values.getOrDefault("cis", ""), ids, errors);
        TicketView.Reporter reporter = new TicketView.Reporter(values.get("reporterName"), values.get("reporterEmail"), values.get("reporterPhone"));
        try {
            if (!errors.isEmpty()) {
                throw new ValidationException(List.of());
            }
            TicketView t = tickets.openIncident(new TicketService.IncidentInput(values.get("title"), values.get("description"),
                values.get("impact"), values.get("urgency"), ids, reporter, blank(values.get("team")), blank(values.get("assignee")),
                blank(values.get("category")), null), Actors.of(auth));
            return "redirect:/desk/tickets/" + t.ref();
        } catch (ValidationException e) {
            e.errors().forEach(fe -> errors.putIfAbsent(fieldId(fe.field()), fe.message()));
            return incidentForm(model, values, errors);
        }
    }

    /** CI names, one per line (see {@link CiLines#resolve}). */
    void resolveCis(String text, List<Long> ids, Map<String, String> errors) {
        ciLines.resolve(text, ids, errors);
    }

    static String fieldId(String field) {
        if (field.startsWith("affectedCis")) {
            return "cis";
        }
        return switch (field) {
            case "reporter.name", "reporter" -> "reporterName";
            case "reporter.email" -> "reporterEmail";
            case "reporter.phone" -> "reporterPhone";
            default -> field.replace('.', '-').replace('[', '-').replace("]", "");
        };
    }

    // ---- a ticket ------------------------------------------------------------------------------

    @GetMapping("/desk/tickets/{ref}")
    @PreAuthorize("hasRole('VIEWER')")
    String ticket(@PathVariable String ref, Authentication auth, Model model) {
        Actor actor = Actors.of(auth);
        TicketView t = tickets.get(ref, null, actor);
        model.addAttribute("t", t);
        model.addAttribute("assigneeName", t.assignee() == null ? null : assignees.label(t.assignee()));
        model.addAttribute("teamName", t.team() == null ? "No team" : teams.find(t.team()).map(tm -> tm.name()).orElse(t.team()));
        model.addAttribute("timeline", tickets.timeline(ref, null, actor));
        model.addAttribute("item", t.item() == null ? null : catalogue.find(t.item()).orElse(null));
        model.addAttribute("next", TicketPages.nextStatuses(t.status()));
        model.addAttribute("holdReasons", TicketService.HOLD_REASONS);
        model.addAttribute("resolutionCodes", TicketService.RESOLUTION_CODES);
        boolean pending = "pending".equals(t.approval() == null ? null : t.approval().state());
        String refusal = pending && actor.manager() ? tickets.approvalRefusal(ref, actor) : null;
        model.addAttribute("canApprove", pending && actor.manager() && refusal == null);
        model.addAttribute("approvalRefusal", refusal);
        if (!model.containsAttribute("errors")) {
            model.addAttribute("errors", Map.of());
            model.addAttribute("form", Map.of("visibility", "customer"));
        }
        return "servicedesk/ticket";
    }

    @PostMapping("/desk/tickets/{ref}/updates")
    @PreAuthorize("hasRole('ENGINEER')")
    String addUpdate(@PathVariable String ref, @RequestParam Map<String, String> params, Authentication auth, RedirectAttributes redirect) {
        try {
            tickets.addUpdate(ref, null, params.get("text"), params.getOrDefault("visibility", "internal"), Actors.of(auth));
            redirect.addFlashAttribute("message", "customer".equals(params.get("visibility")) ? "Update sent to the reporter." : "Work note added.");
            return "redirect:/desk/tickets/" + ref + "#timeline";
        } catch (ValidationException e) {
            return back(ref, params, e, redirect, "update-text");
        } catch (ConflictException e) {
            redirect.addFlashAttribute("errors", Map.of("update-text", e.getMessage()));
            redirect.addFlashAttribute("form", params);
            return "redirect:/desk/tickets/" + ref + "#add-update";
        }
    }

    @PostMapping("/desk/tickets/{ref}/status")
    @PreAuthorize("hasRole('ENGINEER')")
    String changeStatus(@PathVariable String ref, @RequestParam Map<String, String> params, Authentication auth, RedirectAttributes redirect) {
        try {
            TicketView t = tickets.changeStatus(ref, null, new TicketService.StatusChange(params.get("status"), blank(params.get("holdReason")),
                blank(params.get("resolutionCode")), blank(params.get("note"))), Actors.of(auth));
            redirect.addFlashAttribute("message", ref + " is now " + t.status().replace('-', ' ') + ".");
            return "redirect:/desk/tickets/" + ref;
        } catch (ValidationException e) {
            return back(ref, params, e, redirect, "status");
        } catch (ConflictException e) {
            redirect.addFlashAttribute("errors", Map.of("status", e.getMessage()));
            redirect.addFlashAttribute("form", params);
            return "redirect:/desk/tickets/" + ref + "#change-status";
        }
    }

    @PostMapping("/desk/tickets/{ref}/approval")
    @PreAuthorize("hasRole('MANAGER')")
    String approve(@PathVariable String ref, @RequestParam Map<String, String> params, Authentication auth, RedirectAttributes redirect) {
        try {
            tickets.decide(ref, params.get("decision"), params.get("approvalNote"), Actors.of(auth));
            redirect.addFlashAttribute("message", ref + " " + params.get("decision") + ".");
            return "redirect:/desk/tickets/" + ref;
        } catch (ValidationException e) {
            return back(ref, params, e, redirect, "decision");
        } catch (ConflictException e) {
            redirect.addFlashAttribute("errors", Map.of("decision", e.getMessage()));
            return "redirect:/desk/tickets/" + ref;
        }
    }

    private String back(String ref, Map<String, String> params, ValidationException e, RedirectAttributes redirect, String fallback) {
        Map<String, String> errors = new LinkedHashMap<>();
        e.errors().forEach(fe -> errors.putIfAbsent(switch (fe.field()) {
            case "text" -> "update-text";
            case "note" -> params.containsKey("decision") ? "approvalNote" : "note";
            case "visibility", "status", "holdReason", "resolutionCode", "decision" -> fe.field();
            default -> fallback;
        }, fe.message()));
        redirect.addFlashAttribute("errors", errors);
        redirect.addFlashAttribute("form", params);
        return "redirect:/desk/tickets/" + ref + (params.containsKey("text") ? "#add-update" : params.containsKey("decision") ? "#approval" : "#change-status");
    }

    // ---- the catalogue (raising a request for someone) ----------------------------------------

    @GetMapping("/desk/catalogue")
    @PreAuthorize("hasRole('VIEWER')")
    String catalogue(@RequestParam(required = false) String q, @RequestParam(required = false) String sort,
                     @RequestParam(required = false) Integer page, @RequestParam(required = false) Integer size, Model model) {
        CatalogueList.model(catalogue, "/desk/catalogue", "/desk/catalogue/export.csv", q, sort, page, size, model);
        return "servicedesk/catalogue";
    }

    /** The catalogue the page lists, for the same text and order, as CSV. */
    @GetMapping("/desk/catalogue/export.csv")
    @PreAuthorize("hasRole('VIEWER')")
    void catalogueExport(@RequestParam(required = false) String q, @RequestParam(required = false) String sort,
                         @RequestParam(required = false) boolean excel, jakarta.servlet.http.HttpServletResponse response) {
        CatalogueList.export(catalogue, q, sort, excel, response);
    }

    @GetMapping("/desk/catalogue/{key}")
    @PreAuthorize("hasRole('ENGINEER')")
    String requestForm(@PathVariable String key, Model model) {
        return TicketPages.requestForm(model, catalogue.get(key), new LinkedHashMap<>(), Map.of(), "/desk/catalogue/" + key, true);
    }

    @PostMapping("/desk/catalogue/{key}")
    @PreAuthorize("hasRole('ENGINEER')")
    String raiseRequest(@PathVariable String key, @RequestParam Map<String, String> params, Authentication auth, Model model) {
        CatalogueItem item = catalogue.get(key);
        return TicketPages.raise(tickets, item, params, Actors.of(auth), model, "/desk/catalogue/" + key, "/desk/tickets/", true);
    }

    static String blank(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }
}
