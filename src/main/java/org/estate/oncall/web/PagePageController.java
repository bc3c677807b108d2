package org.estate.oncall.web;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.estate.oncall.internal.EscalationPolicyService;
import org.estate.oncall.internal.PageService;
import org.estate.oncall.internal.PageService.PageInput;
import org.estate.oncall.internal.PageService.PageView;
import org.estate.platform.ConflictException;
import org.estate.platform.Paging;
import org.estate.platform.ValidationException;
import org.estate.servicedesk.DeskDirectory;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** Pages: the open ones with acknowledge buttons, paging someone by hand, one page with its notifications. */
@Controller
class PagePageController {

    private final PageService pages;
    private final EscalationPolicyService policies;
    private final DeskDirectory desk;

    PagePageController(PageService pages, EscalationPolicyService policies, DeskDirectory desk) {
        this.pages = pages;
        this.policies = policies;
        this.desk = desk;
    }

    @GetMapping("/pages")
    @PreAuthorize("hasRole('VIEWER')")
    String list(Model model) {
        return list(model, Map.of(), Map.of());
    }

    @PostMapping("/pages")
    @PreAuthorize("hasRole('ENGINEER')")
    String raise(@RequestParam Map<String, String> params, Authentication auth, Model model, RedirectAttributes redirect) {
        Map<String, String> values = new LinkedHashMap<>(params);
        values.remove("_csrf");
        String target = values.getOrDefault("target", "");
        String whom = target.contains(":") ? target.substring(target.indexOf(':') + 1) : null;
        try {
            PageView p = pages.raise(new PageInput(target.startsWith("policy:") ? whom : null, target.startsWith("team:") ? whom : null,
                target.startsWith("user:") ? whom : blank(values.get("user")), values.get("title"), values.get("message"),
                blank(values.get("incident")), null), auth.getName());
            redirect.addFlashAttribute("message", "Page " + p.id() + " raised.");
            return "redirect:/pages/" + p.id();
        } catch (ValidationException e) {
            Map<String, String> errors = new LinkedHashMap<>();
            e.errors().forEach(fe -> errors.putIfAbsent(fe.field().matches("policy|team|user") ? "target" : fe.field(), fe.message()));
            return list(model, values, errors);
        } catch (ConflictException e) {
            return list(model, values, Map.of("incident", e.getMessage()));
        }
    }

    @GetMapping("/pages/{id}")
    @PreAuthorize("hasRole('VIEWER')")
    String page(@PathVariable long id, Model model) {
        model.addAttribute("page", pages.get(id));
        return "oncall/page";
    }

    @PostMapping("/pages/{id}/acknowledge")
    @PreAuthorize("hasRole('ENGINEER')")
    String acknowledge(@PathVariable long id, Authentication auth, RedirectAttributes redirect) {
        try {
            pages.acknowledge(id, auth.getName(), "page");
            redirect.addFlashAttribute("message", "Page " + id + " acknowledged.");
        } catch (ConflictException e) {
            redirect.addFlashAttribute("message", e.getMessage() + ".");
        }
        return "redirect:/pages/" + id;
    }

    @PostMapping("/pages/{id}/resolve")
    @PreAuthorize("hasRole('ENGINEER')")
    String resolve(@PathVariable long id, Authentication auth, RedirectAttributes redirect) {
        try {
            pages.resolve(id, auth.getName());
            redirect.addFlashAttribute("message", "Page " + id + " resolved.");
        } catch (ConflictException e) {
            redirect.addFlashAttribute("message", e.getMessage() + ".");
        }
        return "redirect:/pages/" + id;
    }

    private String list(Model model, Map<String, String> values, Map<String, String> errors) {
        model.addAttribute("open", pages.list(List.of("triggered", "acknowledged"), Paging.of(0, Paging.MAX_SIZE)).items());
        model.addAttribute("recent", pages.list(List.of("resolved"), Paging.of(0, 20)).items());
        model.addAttribute("policies", policies.list());
        model.addAttribute("teams", desk.teams());
        model.addAttribute("values", values);
        model.addAttribute("errors", errors);
        return "oncall/pages";
    }

    private static String blank(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
