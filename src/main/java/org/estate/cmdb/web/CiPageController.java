package org.estate.cmdb.web;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.estate.cmdb.Ci;
import org.estate.cmdb.CiClass;
import org.estate.cmdb.CiFilter;
import org.estate.cmdb.CiPagePanel;
import org.estate.cmdb.CiSuggestion;
import org.estate.cmdb.Cmdb;
import org.estate.cmdb.GraphView;
import org.estate.cmdb.Impact;
import org.estate.cmdb.RelationshipInput;
import org.estate.cmdb.RelationshipType;
import org.estate.platform.ConflictException;
import org.estate.platform.FormMerge;
import org.estate.platform.NotFoundException;
import org.estate.platform.PageResult;
import org.estate.platform.Paging;
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
import org.springframework.web.util.UriComponentsBuilder;

/** The CI list, detail, create, edit and delete pages. */
@Controller
class CiPageController {

    static final int IMPACT_ROWS_SHOWN = 200;

    private final Cmdb cmdb;
    private final List<CiPagePanel> panels;

    CiPageController(Cmdb cmdb, org.springframework.beans.factory.ObjectProvider<CiPagePanel> panels) {
        this.cmdb = cmdb;
        this.panels = panels.orderedStream().sorted(java.util.Comparator.comparingInt(CiPagePanel::order)).toList();
    }

    @GetMapping("/cmdb/cis/{id}")
    @PreAuthorize("hasRole('VIEWER')")
    String detail(@PathVariable long id, @RequestParam(required = false) String depth,
                  @RequestParam(required = false) List<String> types, Model model) {
        Ci ci = cmdb.get(id);
        CiClass ciClass = cmdb.ciClass(ci.ciClass()).orElseThrow();
        Impact impact = cmdb.impact(List.of(id));
        model.addAttribute("ci", ci);
        model.addAttribute("ciClass", ciClass);
        model.addAttribute("relationships", cmdb.relationships(id));
        model.addAttribute("impactTotal", impact.impacted().size());
        model.addAttribute("impactDown", impact.impacted().stream().filter(i -> i.state().equals("down")).count());
        model.addAttribute("impacted", impact.impacted().stream().limit(IMPACT_ROWS_SHOWN).toList());
        model.addAttribute("impactServices", impact.impacted().stream().filter(i -> i.ciClass().equals("business-service")).toList());
        model.addAttribute("dependencies", cmdb.dependencies(id).stream().limit(IMPACT_ROWS_SHOWN).toList());
        // The picture's depth and relationship types: a GET form, so the choice is in the URL; a bad one is shown as an error.
        Map<String, String> graphErrors = new LinkedHashMap<>();
        int graphDepth = depth == null || depth.isBlank() ? 2 : depth.matches("[1-4]") ? Integer.parseInt(depth) : -1;
        List<String> graphTypes = types == null ? List.of() : types.stream().filter(t -> t != null && !t.isBlank()).toList();
        GraphView view;
        try {
            view = cmdb.neighbourhood(id, graphDepth, graphTypes);
        } catch (ValidationException e) {
            e.errors().forEach(f -> graphErrors.putIfAbsent("graph-" + f.field(), f.message()));
            graphDepth = 2;
            graphTypes = List.of();
            view = cmdb.neighbourhood(id, graphDepth, graphTypes);
        }
        model.addAttribute("graph", GraphPicture.of(view));
        Map<String, String> classLabels = new LinkedHashMap<>();
        cmdb.classes().forEach(c -> classLabels.put(c.key(), c.label()));
        model.addAttribute("classLabels", classLabels);
        model.addAttribute("graphDepth", graphDepth);
        model.addAttribute("graphTypes", graphTypes);
        model.addAttribute("graphErrors", graphErrors);
        model.addAttribute("history", cmdb.history(id));
        model.addAttribute("panels", panels.stream().map(p -> p.forCi(id)).toList());
        model.addAttribute("types", RelationshipType.values());
        model.addAttribute("classes", cmdb.classes());
        if (!model.containsAttribute("relationshipForm")) {
            model.addAttribute("relationshipForm", Map.of("direction", "outgoing", "type", "depends-on", "otherClass", ""));
            model.addAttribute("relationshipErrors", Map.of());
        }
        return "cmdb/ci/detail";
    }

    @GetMapping("/cmdb/cis/new")
    @PreAuthorize("hasRole('ENGINEER')")
    String newCi(@RequestParam(name = "class", required = false) String classKey, Model model) {
        if (classKey == null || classKey.isBlank()) {
            model.addAttribute("classes", cmdb.classes());
            model.addAttribute("errors", Map.of());
            return "cmdb/ci/choose-class";
        }
        CiClass ciClass = cmdb.ciClass(classKey).orElseThrow(() -> new NotFoundException("No class " + classKey));
        Map<String, String> values = new LinkedHashMap<>();
        values.put("status", "live");
        values.put("criticality", "medium");
        return form(model, ciClass, values, Map.of(), null, null);
    }

    @PostMapping("/cmdb/cis")
    @PreAuthorize("hasRole('ENGINEER')")
    String create(@RequestParam Map<String, String> params, Model model) {
        String classKey = params.get("class");
        if (classKey == null || cmdb.ciClass(classKey).isEmpty()) {
            model.addAttribute("classes", cmdb.classes());
            model.addAttribute("errors", Map.of("class", "Choose the kind of CI to add"));
            return "cmdb/ci/choose-class";
        }
        CiClass ciClass = cmdb.ciClass(classKey).orElseThrow();
        Map<String, String> values = CiForm.fromRequest(params, ciClass);
        try {
            Ci ci = cmdb.create(CiForm.toInput(values, ciClass));
            return "redirect:/cmdb/cis/" + ci.id();
        } catch (ValidationException e) {
            return form(model, ciClass, values, CiForm.errors(e), null, null);
        } catch (ConflictException e) {
            return form(model, ciClass, values, Map.of("name", e.getMessage()), null, null);
        }
    }

    @GetMapping("/cmdb/cis/{id}/edit")
    @PreAuthorize("hasRole('ENGINEER')")
    String edit(@PathVariable long id, Model model) {
        Ci ci = cmdb.get(id);
        CiClass ciClass = cmdb.ciClass(ci.ciClass()).orElseThrow();
        Map<String, String> values = CiForm.fromRequest(CiForm.fromCi(ci), ciClass);
        model.addAttribute("originals", FormMerge.originals(values.keySet(), values));
        return form(model, ciClass, values, Map.of(), ci, ci.version());
    }

    /**
     * Writes the fields the user changed, merged three ways ({@link FormMerge}) with what someone
     * else saved since the form was shown: their other changes are kept, and a field both changed
     * differently is shown with both values for the user to choose.
     */
    @PostMapping("/cmdb/cis/{id}/edit")
    @PreAuthorize("hasRole('ENGINEER')")
    String update(@PathVariable long id, @RequestParam Map<String, String> params, Model model) {
        for (int attempt = 0; ; attempt++) {
            Ci ci = cmdb.get(id);
            CiClass ciClass = cmdb.ciClass(ci.ciClass()).orElseThrow();
            Map<String, String> values = CiForm.fromRequest(params, ciClass);
            Map<String, String> now = CiForm.fromRequest(CiForm.fromCi(ci), ciClass);
            FormMerge.Outcome merge = FormMerge.merge(now.keySet(), params, now);
            if (merge.hasConflicts()) {
                Map<String, String> errors = new LinkedHashMap<>();
                merge.conflicts().forEach((f, c) -> errors.put(f, FormMerge.message(f.startsWith("attr.") ? f.substring(5) : f, c)));
                model.addAttribute("originals", FormMerge.originals(now.keySet(), now));
                model.addAttribute("conflicts", merge.conflicts());
                values.putAll(merge.reshown());
                return form(model, ciClass, values, errors, ci, ci.version());
            }
            Map<String, String> merged = new LinkedHashMap<>(now);
            merged.putAll(merge.edited());
            try {
                if (!merge.edited().isEmpty()) {
                    cmdb.update(id, ci.version(), CiForm.toInput(merged, ciClass));
                }
                return "redirect:/cmdb/cis/" + id;
            } catch (ValidationException | ConflictException e) {
                model.addAttribute("originals", originalsOf(params, now));
                return form(model, ciClass, values, e instanceof ValidationException v ? CiForm.errors(v) : Map.of("name", e.getMessage()),
                    ci, ci.version());
            } catch (PreconditionFailedException e) {
                if (attempt >= 2) {
                    throw e;
                }
                // Someone saved between our read and our write: merge again against what they saved.
            }
        }
    }

    /** The originals the form was submitted with (so a corrected form still merges against what the user first saw). */
    private static Map<String, String> originalsOf(Map<String, String> params, Map<String, String> now) {
        Map<String, String> originals = new LinkedHashMap<>();
        params.forEach((k, v) -> {
            if (k.startsWith(FormMerge.ORIGINAL)) {
                originals.put(k, v);
            }
        });
        return originals.isEmpty() ? FormMerge.originals(now.keySet(), now) : originals;
    }

    @GetMapping("/cmdb/cis/{id}/delete")
    @PreAuthorize("hasRole('ENGINEER')")
    String confirmDelete(@PathVariable long id, Model model) {
        model.addAttribute("ci", cmdb.get(id));
        model.addAttribute("relationshipCount", cmdb.relationships(id).incoming().size() + cmdb.relationships(id).outgoing().size());
        return "cmdb/ci/delete";
    }

    @PostMapping("/cmdb/cis/{id}/delete")
    @PreAuthorize("hasRole('ENGINEER')")
    String delete(@PathVariable long id, RedirectAttributes redirect) {
        Ci ci = cmdb.get(id);
        cmdb.delete(id);
        redirect.addFlashAttribute("message", ci.name() + " has been deleted, with its relationships.");
        return "redirect:/cmdb/cis";
    }

    @PostMapping("/cmdb/cis/{id}/relationships")
    @PreAuthorize("hasRole('ENGINEER')")
    String addRelationship(@PathVariable long id, @RequestParam Map<String, String> params, RedirectAttributes redirect) {
        Map<String, String> errors = new LinkedHashMap<>();
        String otherClass = params.getOrDefault("otherClass", "");
        String otherName = params.getOrDefault("otherName", "").trim();
        Long other = null;
        if (otherName.isEmpty()) {
            errors.put("otherName", "Enter the name of the other CI");
        } else {
            // "Name (Class)" from the picker, or a bare name; the class list narrows it when chosen.
            List<CiSuggestion> matches = cmdb.named(otherName).stream()
                .filter(c -> otherClass.isBlank() || c.ciClass().equals(otherClass)).toList();
            String shown = otherName.length() <= 60 ? otherName : otherName.substring(0, 59) + "…";
            if (matches.size() == 1) {
                other = matches.getFirst().id();
            } else if (matches.isEmpty()) {
                String kind = otherClass.isBlank() ? "CI" : cmdb.ciClass(otherClass).map(c -> c.label().toLowerCase(java.util.Locale.UK))
                    .orElse("CI");
                errors.put("otherName", "There is no " + kind + " named ‘" + shown + "’: check the spelling, or choose it from the suggestions");
            } else {
                errors.put("otherName", "More than one CI is named ‘" + shown + "’: write it with its class, like ‘"
                    + matches.getFirst().label() + "’, or choose the class");
            }
        }
        if (errors.isEmpty()) {
            boolean outgoing = !"incoming".equals(params.get("direction"));
            Integer minimumUp = null;
            String min = params.getOrDefault("minimumUp", "").trim();
            if (!min.isEmpty()) {
                try {
                    minimumUp = Integer.valueOf(min);
                } catch (NumberFormatException e) {
                    errors.put("minimumUp", "Enter a whole number, like 1");
                }
            }
            if (errors.isEmpty()) {
                try {
                    cmdb.createRelationship(new RelationshipInput(outgoing ? id : other, params.get("type"), outgoing ? other : id,
                        params.get("redundancyGroup"), minimumUp));
                    redirect.addFlashAttribute("message", "Relationship added.");
                    return "redirect:/cmdb/cis/" + id + "#relationships";
                } catch (ValidationException e) {
                    e.errors().forEach(f -> errors.putIfAbsent(switch (f.field()) {
                        case "source", "target" -> "otherName";
                        default -> f.field();
                    }, f.message()));
                } catch (ConflictException e) {
                    errors.put("otherName", e.getMessage());
                }
            }
        }
        redirect.addFlashAttribute("relationshipForm", params);
        redirect.addFlashAttribute("relationshipErrors", errors);
        return "redirect:/cmdb/cis/" + id + "#add-relationship";
    }

    @PostMapping("/cmdb/relationships/{relationshipId}/delete")
    @PreAuthorize("hasRole('ENGINEER')")
    String deleteRelationship(@PathVariable long relationshipId, @RequestParam long ci, RedirectAttributes redirect) {
        cmdb.deleteRelationship(relationshipId);
        redirect.addFlashAttribute("message", "Relationship removed.");
        return "redirect:/cmdb/cis/" + ci + "#relationships";
    }

    private String form(Model model, CiClass ciClass, Map<String, String> values, Map<String, String> errors, Ci ci, Long version) {
        model.addAttribute("ciClass", ciClass);
        model.addAttribute("values", values);
        model.addAttribute("errors", errors);
        model.addAttribute("ci", ci);
        model.addAttribute("version", version);
        model.addAttribute("statuses", List.of("planned", "live", "maintenance", "retired"));
        model.addAttribute("criticalities", List.of("critical", "high", "medium", "low"));
        return "cmdb/ci/form";
    }

    private static void addParam(UriComponentsBuilder b, String name, String value) {
        if (value != null) {
            b.queryParam(name, value);
        }
    }

    private static String blank(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }
}
