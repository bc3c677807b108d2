package org.estate.servicedesk.web;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.estate.platform.ConflictException;
import org.estate.platform.Paging;
import org.estate.platform.ValidationException;
import org.estate.servicedesk.TicketView;
import org.estate.servicedesk.internal.Actor;
import org.estate.servicedesk.internal.CatalogueService;
import org.estate.servicedesk.internal.TicketService;
import org.estate.servicedesk.internal.TicketService.Filter;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The staff portal: council staff report faults, request catalogue items, and follow and comment
 * on their own tickets. They see customer-visible updates only, and nobody else's tickets.
 */
@Controller
class PortalPageController {

    private final TicketService tickets;
    private final CatalogueService catalogue;

    PortalPageController(TicketService tickets, CatalogueService catalogue) {
        this.tickets = tickets;
        this.catalogue = catalogue;
    }

    /** Everyone is a requester in the portal: they see their own tickets, customer updates only. */
    private static Actor self(Authentication auth) {
        Actor a = Actors.of(auth);
        return new Actor(a.username(), false, false, false);
    }

    @GetMapping("/portal")
    @PreAuthorize("hasAnyRole('REQUESTER', 'VIEWER')")
    String home(@RequestParam(required = false) String sort, @RequestParam(required = false) Integer page,
                @RequestParam(required = false) Integer size, Authentication auth, Model model) {
        org.estate.platform.Sort order = ListPages.sort(TicketService.SORT, sort, model);
        var result = tickets.search(new Filter(null, List.of(), null, null, null, null, null, null, null, null, null,
            null, null, null, null), order, Paging.lenient(page, size), self(auth));
        ListPages.model(model, "/portal", order, result);
        return "servicedesk/portal";
    }

    @GetMapping("/portal/report")
    @PreAuthorize("hasAnyRole('ENGINEER', 'REQUESTER')")
    String reportForm(Model model) {
        model.addAttribute("values", Map.of("impact", "low", "urgency", "medium"));
        model.addAttribute("errors", Map.of());
        return "servicedesk/portal-report";
    }

    @PostMapping("/portal/report")
    @PreAuthorize("hasAnyRole('ENGINEER', 'REQUESTER')")
    String report(@RequestParam Map<String, String> params, Authentication auth, Model model) {
        try {
            TicketView t = tickets.openIncident(new TicketService.IncidentInput(params.get("title"), params.get("description"),
                params.get("impact"), params.get("urgency"), List.of(),
                new TicketView.Reporter(null, null, DeskPageController.blank(params.get("phone"))), null, null, null, null), self(auth));
            return "redirect:/portal/tickets/" + t.ref();
        } catch (ValidationException e) {
            Map<String, String> errors = new LinkedHashMap<>();
            e.errors().forEach(fe -> errors.putIfAbsent(fe.field().equals("reporter.phone") ? "phone" : fe.field(), fe.message()));
            model.addAttribute("values", params);
            model.addAttribute("errors", errors);
            return "servicedesk/portal-report";
        }
    }

    @GetMapping("/portal/catalogue")
    @PreAuthorize("hasAnyRole('REQUESTER', 'VIEWER')")
    String catalogue(@RequestParam(required = false) String q, @RequestParam(required = false) String sort,
                     @RequestParam(required = false) Integer page, @RequestParam(required = false) Integer size, Model model) {
        CatalogueList.model(catalogue, "/portal/catalogue", null, q, sort, page, size, model);
        return "servicedesk/catalogue";
    }

    @GetMapping("/portal/catalogue/{key}")
    @PreAuthorize("hasAnyRole('ENGINEER', 'REQUESTER')")
    String requestForm(@PathVariable String key, Model model) {
        return TicketPages.requestForm(model, catalogue.get(key), new LinkedHashMap<>(), Map.of(), "/portal/catalogue/" + key, false);
    }

    @PostMapping("/portal/catalogue/{key}")
    @PreAuthorize("hasAnyRole('ENGINEER', 'REQUESTER')")
    String request(@PathVariable String key, @RequestParam Map<String, String> params, Authentication auth, Model model) {
        return TicketPages.raise(tickets, catalogue.get(key), params, self(auth), model, "/portal/catalogue/" + key, "/portal/tickets/", false);
    }

    @GetMapping("/portal/tickets/{ref}")
    @PreAuthorize("hasAnyRole('REQUESTER', 'VIEWER')")
    String ticket(@PathVariable String ref, Authentication auth, Model model) {
        Actor me = self(auth);
        TicketView t = tickets.get(ref, null, me);
        model.addAttribute("t", t);
        model.addAttribute("item", t.item() == null ? null : catalogue.find(t.item()).orElse(null));
        model.addAttribute("timeline", tickets.timeline(ref, null, me));
        model.addAttribute("takesReplies", tickets.takesReplies(t));
        model.addAttribute("reopenUntil", tickets.reopenUntil(t));
        if (!model.containsAttribute("errors")) {
            model.addAttribute("errors", Map.of());
        }
        return "servicedesk/portal-ticket";
    }

    @PostMapping("/portal/tickets/{ref}/comments")
    @PreAuthorize("hasAnyRole('ENGINEER', 'REQUESTER')")
    String comment(@PathVariable String ref, @RequestParam(required = false) String text, Authentication auth, RedirectAttributes redirect) {
        try {
            tickets.addUpdate(ref, null, text, "customer", self(auth));
            redirect.addFlashAttribute("message", "Your comment has been sent to the service desk.");
        } catch (ValidationException e) {
            redirect.addFlashAttribute("errors", Map.of("comment", e.errors().getFirst().message()));
        } catch (ConflictException e) {
            redirect.addFlashAttribute("errors", Map.of("comment", e.getMessage()));
        }
        return "redirect:/portal/tickets/" + ref;
    }
}
