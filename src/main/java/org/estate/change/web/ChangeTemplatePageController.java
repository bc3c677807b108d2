package org.estate.change.web;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.estate.change.ChangeTemplateView;
import org.estate.change.internal.ChangeTemplates;
import org.estate.cmdb.Cmdb;
import org.estate.platform.ValidationException;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** Standard change templates: the list (with suspended ones and why), a new one, reinstating one. */
@Controller
class ChangeTemplatePageController {

    private final ChangeTemplates templates;
    private final Cmdb cmdb;

    ChangeTemplatePageController(ChangeTemplates templates, Cmdb cmdb) {
        this.templates = templates;
        this.cmdb = cmdb;
    }

    @GetMapping("/changes/templates")
    @PreAuthorize("hasRole('VIEWER')")
    String list(Model model) {
        model.addAttribute("templates", templates.list());
        return "change/templates";
    }

    @GetMapping("/changes/templates/new")
    @PreAuthorize("hasRole('MANAGER')")
    String newTemplate(Model model) {
        return form(model, new LinkedHashMap<>(), new LinkedHashMap<>());
    }

    @PostMapping("/changes/templates")
    @PreAuthorize("hasRole('MANAGER')")
    String create(@RequestParam Map<String, String> params, @RequestParam(name = "ciClasses", required = false) List<String> ciClasses,
                  Model model, RedirectAttributes redirect) {
        Map<String, String> values = new LinkedHashMap<>(params);
        values.remove("_csrf");
        Map<String, String> errors = new LinkedHashMap<>();
        List<String> classes = ciClasses == null ? List.of() : ciClasses.stream().filter(x -> !x.isBlank()).toList();
        Integer minutes = null;
        String max = params.getOrDefault("maxDurationMinutes", "").strip();
        if (!max.isEmpty()) {
            if (max.matches("\\d{1,6}")) {
                minutes = Integer.valueOf(max);
            } else {
                errors.put("maxDurationMinutes", "Enter the maximum duration as a whole number of minutes, like 60");
            }
        }
        try {
            if (!errors.isEmpty()) {
                throw new ValidationException(List.of());
            }
            ChangeTemplateView t = templates.create(new ChangeTemplates.TemplateInput(blank(params.get("key")), blank(params.get("name")),
                blank(params.get("description")), blank(params.get("implementationPlan")), blank(params.get("backoutPlan")),
                blank(params.get("testPlan")), classes, minutes));
            redirect.addFlashAttribute("message", "Template ‘" + t.name() + "’ added.");
            return "redirect:/changes/templates";
        } catch (ValidationException e) {
            e.errors().forEach(fe -> errors.putIfAbsent(fe.field().startsWith("ciClasses") ? "ciClasses" : fe.field(), fe.message()));
            model.addAttribute("chosen", classes);
            return form(model, values, errors);
        }
    }

    @PostMapping("/changes/templates/{key}/reinstate")
    @PreAuthorize("hasRole('MANAGER')")
    String reinstate(@PathVariable String key, RedirectAttributes redirect) {
        ChangeTemplateView t = templates.reinstate(key);
        redirect.addFlashAttribute("message", "Template ‘" + t.name() + "’ reinstated: standard changes may be made from it again.");
        return "redirect:/changes/templates";
    }

    private String form(Model model, Map<String, String> values, Map<String, String> errors) {
        model.addAttribute("values", values);
        model.addAttribute("errors", errors);
        model.addAttribute("classes", cmdb.classes());
        if (!model.containsAttribute("chosen")) {
            model.addAttribute("chosen", List.of());
        }
        return "change/template-form";
    }

    private static String blank(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
