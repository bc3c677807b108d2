package org.estate.change.web;

import java.util.LinkedHashMap;
import java.util.Map;

import org.estate.change.ChangeView;
import org.estate.change.internal.ChangeService;
import org.estate.change.internal.ChangeTemplates;
import org.estate.cmdb.CiLines;
import org.estate.cmdb.Cmdb;
import org.estate.platform.FormMerge;
import org.estate.platform.NotFoundException;
import org.estate.platform.PreconditionFailedException;
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

/** Raising a change and editing it (a stale form is merged three ways, never reverting someone else's edit). */
@Controller
class ChangeFormPageController {

    private final ChangeService changes;
    private final ChangeTemplates templates;
    private final DeskDirectory desk;
    private final Cmdb cmdb;
    private final ChangeForm form;

    ChangeFormPageController(ChangeService changes, ChangeTemplates templates, DeskDirectory desk, Cmdb cmdb) {
        this.changes = changes;
        this.templates = templates;
        this.desk = desk;
        this.cmdb = cmdb;
        this.form = new ChangeForm(cmdb);
    }

    /** The form, with a type, template or CI already chosen when the link says so (from a CI's page, a template). */
    @GetMapping("/changes/new")
    @PreAuthorize("hasRole('ENGINEER')")
    String newChange(@RequestParam(required = false) String type, @RequestParam(required = false) String template,
                     @RequestParam(required = false) Long ci, Model model) {
        Map<String, String> values = new LinkedHashMap<>();
        values.put("type", type != null && ChangeService.TYPES.contains(type) ? type : template != null ? "standard" : "normal");
        if (template != null) {
            templates.find(template).ifPresent(t -> {
                values.put("template", t.key());
                values.put("implementationPlan", t.implementationPlan());
                values.put("backoutPlan", t.backoutPlan());
                values.put("testPlan", t.testPlan());
            });
        }
        if (ci != null) {
            try {
                values.put("cis", new CiLines(cmdb, 1).show(java.util.List.of(cmdb.get(ci).id())));
            } catch (NotFoundException e) {
                // A stale link: the form opens without the CI.
            }
        }
        return form(model, values, new LinkedHashMap<>());
    }

    @PostMapping("/changes")
    @PreAuthorize("hasRole('ENGINEER')")
    String create(@RequestParam Map<String, String> params, Authentication auth, Model model) {
        Map<String, String> values = new LinkedHashMap<>(params);
        values.remove("_csrf");
        Map<String, String> errors = new LinkedHashMap<>();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", values.getOrDefault("type", ""));
        if ("standard".equals(values.get("type"))) {
            body.put("template", ChangeListPageController.blank(values.get("template")));
        }
        body.putAll(form.fields(values, true, errors));
        try {
            if (!errors.isEmpty()) {
                throw new ValidationException(java.util.List.of());
            }
            ChangeView c = changes.create(body, ChangeActors.of(auth));
            return "redirect:/changes/" + c.ref() + "?raised";
        } catch (ValidationException e) {
            return form(model, values, ChangeForm.errors(e, errors));
        }
    }

    @GetMapping("/changes/{ref}/edit")
    @PreAuthorize("hasRole('ENGINEER')")
    String edit(@PathVariable String ref, Model model) {
        ChangeView c = changes.get(ref);
        if (!model.containsAttribute("values")) {
            Map<String, String> values = form.values(c);
            model.addAttribute("values", values);
            model.addAttribute("originals", FormMerge.originals(ChangeForm.FIELDS, values));
            model.addAttribute("errors", Map.of());
        }
        model.addAttribute("change", c);
        model.addAttribute("teams", desk.teams());
        return "change/edit";
    }

    /** Saves the fields the user changed, merged with any change saved meanwhile ({@link FormMerge}). */
    @PostMapping("/changes/{ref}/edit")
    @PreAuthorize("hasRole('ENGINEER')")
    String update(@PathVariable String ref, @RequestParam Map<String, String> params, Authentication auth, RedirectAttributes redirect) {
        Map<String, String> given = new LinkedHashMap<>(params);
        given.put("backoutTested", String.valueOf("true".equals(params.get("backoutTested"))));
        given.put("public", String.valueOf("true".equals(params.get("public"))));
        for (int attempt = 0; ; attempt++) {
            ChangeView c = changes.get(ref);
            Map<String, String> now = form.values(c);
            FormMerge.Outcome merge = FormMerge.merge(ChangeForm.FIELDS, given, now);
            if (merge.hasConflicts()) {
                Map<String, String> shown = new LinkedHashMap<>(given);
                shown.putAll(merge.reshown());
                redirect.addFlashAttribute("values", shown);
                redirect.addFlashAttribute("errors", FormMerge.conflictErrors(merge));
                redirect.addFlashAttribute("conflicts", merge.conflicts());
                redirect.addFlashAttribute("originals", FormMerge.originals(ChangeForm.FIELDS, now));
                return "redirect:/changes/" + ref + "/edit";
            }
            Map<String, String> errors = new LinkedHashMap<>();
            Map<String, Object> patch = form.fields(merge.edited(), false, errors);
            try {
                if (!errors.isEmpty()) {
                    throw new ValidationException(java.util.List.of());
                }
                if (!patch.isEmpty()) {
                    changes.patch(ref, c.version(), patch, ChangeActors.of(auth));
                }
                redirect.addFlashAttribute("message", patch.isEmpty() ? "Nothing changed." : ref + " saved.");
                return "redirect:/changes/" + ref;
            } catch (ValidationException e) {
                redirect.addFlashAttribute("values", given);
                redirect.addFlashAttribute("errors", ChangeForm.errors(e, errors));
                redirect.addFlashAttribute("originals", FormMerge.originalsOf(params, ChangeForm.FIELDS, now));
                return "redirect:/changes/" + ref + "/edit";
            } catch (PreconditionFailedException e) {
                if (attempt >= 2) {
                    throw e;
                }
            }
        }
    }

    private String form(Model model, Map<String, String> values, Map<String, String> errors) {
        model.addAttribute("values", values);
        model.addAttribute("errors", errors);
        model.addAttribute("templates", templates.list().stream().filter(t -> !t.suspended()).toList());
        model.addAttribute("teams", desk.teams());
        return "change/new";
    }
}
