package org.estate.monitoring.web;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.estate.cmdb.Ci;
import org.estate.cmdb.Cmdb;
import org.estate.monitoring.internal.checks.CheckFields;
import org.estate.monitoring.internal.checks.CheckService;
import org.estate.monitoring.internal.checks.CheckView;
import org.estate.platform.FormMerge;
import org.estate.platform.NotFoundException;
import org.estate.platform.PreconditionFailedException;
import org.estate.platform.ValidationException;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Creating a check (choose its type, then a form of that type's target fields) and editing one (a
 * stale form is merged three ways, never reverting someone else's change). Secrets are password
 * inputs never filled in: left blank, the stored secret is kept.
 */
@Controller
class CheckFormPageController {

    static final List<String> COMMON = List.of("name", "ci", "intervalSeconds", "timeoutMs", "failureThreshold", "recoveryThreshold");

    private final CheckService checks;
    private final CheckFields fields;
    private final Cmdb cmdb;

    CheckFormPageController(CheckService checks, CheckFields fields, Cmdb cmdb) {
        this.checks = checks;
        this.fields = fields;
        this.cmdb = cmdb;
    }

    @GetMapping("/monitoring/checks/new")
    @PreAuthorize("hasRole('ENGINEER')")
    String newCheck(@RequestParam(required = false) String type, @RequestParam(required = false) Long ci, Model model) {
        if (type == null || !fields.types().contains(type)) {
            model.addAttribute("types", fields.types());
            model.addAttribute("ci", ci);
            model.addAttribute("errors", type == null ? Map.of() : Map.of("type", "Choose the type of check"));
            return "monitoring/checks/choose-type";
        }
        Map<String, String> values = new LinkedHashMap<>();
        values.put("type", type);
        values.put("intervalSeconds", String.valueOf(CheckFields.DEFAULT_INTERVAL));
        values.put("failureThreshold", String.valueOf(fields.defaultFailureThreshold(type)));
        values.put("recoveryThreshold", "1");
        values.put("enabled", "true");
        if (ci != null) {
            try {
                Ci c = cmdb.get(ci);
                values.put("ci", c.ciClass() + ":" + c.name());
            } catch (NotFoundException e) {
                // A stale link: the form opens without the CI.
            }
        }
        return form(model, type, values, new LinkedHashMap<>());
    }

    @PostMapping("/monitoring/checks")
    @PreAuthorize("hasRole('ENGINEER')")
    String create(@RequestParam Map<String, String> params, Model model, RedirectAttributes redirect) {
        Map<String, String> values = new LinkedHashMap<>(params);
        values.remove("_csrf");
        String type = values.getOrDefault("type", "");
        if (!fields.types().contains(type)) {
            return "redirect:/monitoring/checks/new";
        }
        Set<String> secrets = fields.secretFields(type);
        bools(type, secrets, values);
        Map<String, String> errors = new LinkedHashMap<>();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", type);
        common(values, COMMON, false, body, errors);
        body.put("enabled", "true".equals(values.get("enabled")));
        body.put("target", TargetForm.target(type, secrets, values, false, errors));
        try {
            if (!errors.isEmpty()) {
                throw new ValidationException(List.of());
            }
            CheckView c = checks.create(body);
            redirect.addFlashAttribute("message", "The check " + c.name() + " has been created.");
            if (c.pingUrl() != null) {
                redirect.addFlashAttribute("pingUrl", c.pingUrl());
            }
            return "redirect:/monitoring/checks/" + c.id();
        } catch (ValidationException e) {
            values.keySet().removeIf(k -> secrets.contains(k.replaceFirst("^target\\.", "")));
            return form(model, type, values, errors(e, errors, type, secrets));
        }
    }

    @GetMapping("/monitoring/checks/{id}/edit")
    @PreAuthorize("hasRole('ENGINEER')")
    String edit(@PathVariable long id, Model model) {
        CheckView c = checks.get(id);
        Set<String> secrets = fields.secretFields(c.type());
        if (!model.containsAttribute("values")) {
            Map<String, String> values = values(c, secrets);
            model.addAttribute("values", values);
            model.addAttribute("originals", FormMerge.originals(editable(c.type(), secrets), values));
            model.addAttribute("errors", Map.of());
        }
        model.addAttribute("check", c);
        model.addAttribute("fields", TargetForm.fields(c.type(), secrets));
        return "monitoring/checks/edit";
    }

    /** Saves the fields the user changed, merged with any change saved meanwhile ({@link FormMerge}). */
    @PostMapping("/monitoring/checks/{id}/edit")
    @PreAuthorize("hasRole('ENGINEER')")
    String update(@PathVariable long id, @RequestParam Map<String, String> params, RedirectAttributes redirect) {
        for (int attempt = 0; ; attempt++) {
            CheckView c = checks.get(id);
            Set<String> secrets = fields.secretFields(c.type());
            List<String> editable = editable(c.type(), secrets);
            Map<String, String> given = new LinkedHashMap<>(params);
            bools(c.type(), secrets, given);
            Map<String, String> now = values(c, secrets);
            FormMerge.Outcome merge = FormMerge.merge(editable, given, now);
            Map<String, String> shown = new LinkedHashMap<>(given);
            shown.keySet().removeIf(k -> secrets.contains(k.replaceFirst("^target\\.", "")));
            if (merge.hasConflicts()) {
                shown.putAll(merge.reshown());
                redirect.addFlashAttribute("values", shown);
                redirect.addFlashAttribute("errors", FormMerge.conflictErrors(merge));
                redirect.addFlashAttribute("conflicts", merge.conflicts());
                redirect.addFlashAttribute("originals", FormMerge.originals(editable, now));
                return "redirect:/monitoring/checks/" + id + "/edit";
            }
            Map<String, String> errors = new LinkedHashMap<>();
            Map<String, Object> patch = new LinkedHashMap<>();
            common(merge.edited(), COMMON, true, patch, errors);
            Map<String, String> targetText = new LinkedHashMap<>();
            merge.edited().forEach((k, v) -> {
                if (k.startsWith("target.")) {
                    targetText.put(k, v);
                }
            });
            for (String s : secrets) {
                String typed = given.get("target." + s);
                if (typed != null && !typed.isBlank()) {
                    targetText.put("target." + s, typed);
                }
            }
            Map<String, Object> target = TargetForm.target(c.type(), secrets, targetText, true, errors);
            if (!target.isEmpty()) {
                patch.put("target", target);
            }
            try {
                if (!errors.isEmpty()) {
                    throw new ValidationException(List.of());
                }
                if (!patch.isEmpty()) {
                    checks.patch(id, c.version(), patch);
                }
                redirect.addFlashAttribute("message", patch.isEmpty() ? "Nothing changed." : c.name() + " has been saved.");
                return "redirect:/monitoring/checks/" + id;
            } catch (ValidationException e) {
                redirect.addFlashAttribute("values", shown);
                redirect.addFlashAttribute("errors", errors(e, errors, c.type(), secrets));
                redirect.addFlashAttribute("originals", FormMerge.originalsOf(params, editable, now));
                return "redirect:/monitoring/checks/" + id + "/edit";
            } catch (PreconditionFailedException e) {
                if (attempt >= 2) {
                    throw e;
                }
            }
        }
    }

    private String form(Model model, String type, Map<String, String> values, Map<String, String> errors) {
        model.addAttribute("type", type);
        model.addAttribute("values", values);
        model.addAttribute("errors", errors);
        model.addAttribute("fields", TargetForm.fields(type, fields.secretFields(type)));
        return "monitoring/checks/new";
    }

    /** The form's text of a check: the common fields and the target's plain fields (secrets never). */
    private Map<String, String> values(CheckView c, Set<String> secrets) {
        Map<String, String> v = new LinkedHashMap<>();
        v.put("name", c.name());
        String ci = "";
        if (c.ci() != null) {
            try {
                Ci found = cmdb.get(c.ci());
                ci = found.ciClass() + ":" + found.name();
            } catch (NotFoundException e) {
                ci = String.valueOf(c.ci());
            }
        }
        v.put("ci", ci);
        v.put("intervalSeconds", String.valueOf(c.intervalSeconds()));
        v.put("timeoutMs", String.valueOf(c.timeoutMs()));
        v.put("failureThreshold", String.valueOf(c.failureThreshold()));
        v.put("recoveryThreshold", String.valueOf(c.recoveryThreshold()));
        v.putAll(TargetForm.values(c.type(), secrets, c.target()));
        return v;
    }

    private static List<String> editable(String type, Set<String> secrets) {
        List<String> f = new ArrayList<>(COMMON);
        TargetForm.fields(type, secrets).stream().filter(x -> !"password".equals(x.kind())).forEach(x -> f.add(x.name()));
        return f;
    }

    /** A checkbox left unticked sends nothing: it reads as false. */
    private static void bools(String type, Set<String> secrets, Map<String, String> values) {
        TargetForm.fields(type, secrets).stream().filter(x -> "bool".equals(x.kind()))
            .forEach(x -> values.put(x.name(), String.valueOf("true".equals(values.get(x.name())))));
    }

    /** The common fields as the API takes them: numbers read (or a problem named), a blank CI none. */
    private static void common(Map<String, String> form, List<String> keys, boolean forPatch, Map<String, Object> body, Map<String, String> errors) {
        for (String k : keys) {
            if (!form.containsKey(k)) {
                continue;
            }
            String v = form.get(k) == null ? "" : form.get(k).strip();
            switch (k) {
                case "name" -> body.put(k, v);
                case "ci" -> {
                    if (!v.isEmpty()) {
                        body.put(k, v);
                    } else if (forPatch) {
                        body.put(k, null);
                    }
                }
                default -> {
                    if (v.isEmpty() && !forPatch) {
                        continue;
                    }
                    try {
                        body.put(k, Long.parseLong(v));
                    } catch (NumberFormatException e) {
                        errors.put(k, label(k) + " must be a whole number");
                    }
                }
            }
        }
    }

    static String label(String k) {
        return switch (k) {
            case "intervalSeconds" -> "Interval, in seconds,";
            case "timeoutMs" -> "Timeout, in milliseconds,";
            case "failureThreshold" -> "Failures before down";
            case "recoveryThreshold" -> "Successes before up";
            default -> k;
        };
    }

    /** The service's problems by form field, added after the form's own; one not on the form goes to the target box or the name. */
    private static Map<String, String> errors(ValidationException e, Map<String, String> formErrors, String type, Set<String> secrets) {
        Map<String, String> out = new LinkedHashMap<>(formErrors);
        List<String> names = new ArrayList<>(COMMON);
        TargetForm.fields(type, secrets).forEach(x -> names.add(x.name()));
        for (ValidationException.FieldError fe : e.errors()) {
            String field = fe.field();
            if (!names.contains(field)) {
                field = field.startsWith("target") ? TargetForm.fields(type, secrets).stream().findFirst().map(TargetForm.Field::name).orElse("name")
                    : "name";
            }
            out.putIfAbsent(field, fe.message());
        }
        return out;
    }
}
