package org.estate.servicedesk.web;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.estate.platform.Paging;
import org.estate.platform.FormMerge;
import org.estate.platform.PreconditionFailedException;
import org.estate.platform.ValidationException;
import org.estate.servicedesk.ProblemView;
import org.estate.servicedesk.internal.ProblemService;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** Problem and known-error pages. */
@Controller
class ProblemPageController {

    private final ProblemService problems;
    private final DeskPageController desk;

    ProblemPageController(ProblemService problems, DeskPageController desk) {
        this.problems = problems;
        this.desk = desk;
    }

    @GetMapping("/desk/problems")
    @PreAuthorize("hasRole('VIEWER')")
    String list(@RequestParam(required = false) String status, @RequestParam(required = false) String sort,
                @RequestParam(required = false) Integer page, @RequestParam(required = false) Integer size, Model model) {
        String s = status != null && ProblemService.STATUSES.contains(status) ? status : null;
        org.estate.platform.Sort order;
        try {
            order = sort == null || sort.isBlank() ? null : ProblemService.SORT.parse(sort);
        } catch (org.estate.platform.ValidationException e) {
            order = null;
            model.addAttribute("errors", java.util.Map.of("sort", e.errors().getFirst().message()));
        }
        Paging paging = Paging.of(page == null ? 0 : Math.max(0, page), size == null ? Paging.DEFAULT_SIZE : Math.max(1, size));
        var result = problems.search(s == null ? List.of() : List.of(s), null, null, order, paging);
        var list = new org.estate.platform.ListView("/desk/problems", org.estate.platform.ListView.filters(
            java.util.Collections.singletonMap("status", s)), order, result);
        model.addAttribute("status", s);
        model.addAttribute("result", result);
        model.addAttribute("list", list);
        model.addAttribute("pageBase", list.pageBase());
        return "servicedesk/problems";
    }

    @GetMapping("/desk/known-errors")
    @PreAuthorize("hasRole('VIEWER')")
    String knownErrors(@RequestParam(required = false) String q, @RequestParam(required = false) String sort,
                       @RequestParam(required = false) Integer page, @RequestParam(required = false) Integer size, Model model) {
        String text = DeskPageController.blank(q);
        org.estate.platform.Sort order = null;
        try {
            order = sort == null || sort.isBlank() ? null : ProblemService.KNOWN_ERROR_SORT.parse(sort);
        } catch (ValidationException e) {
            model.addAttribute("errors", Map.of("sort", e.errors().getFirst().message()));
        }
        Paging paging = Paging.lenient(page, size);
        var result = problems.knownErrorList(text, order, paging);
        var list = new org.estate.platform.ListView("/desk/known-errors", org.estate.platform.ListView.filters(
            java.util.Collections.singletonMap("q", text)), order, result);
        model.addAttribute("q", text);
        model.addAttribute("result", result);
        model.addAttribute("list", list);
        model.addAttribute("pageBase", list.pageBase());
        model.addAttribute("exportUrl", list.at("/desk/known-errors/export.csv"));
        return "servicedesk/known-errors";
    }

    /** The known errors the page lists for the same words and order, every page of them, as CSV. */
    @GetMapping("/desk/known-errors/export.csv")
    @PreAuthorize("hasRole('VIEWER')")
    void knownErrorsExport(@RequestParam(required = false) String q, @RequestParam(required = false) String sort,
                           @RequestParam(required = false) boolean excel, jakarta.servlet.http.HttpServletResponse response) {
        org.estate.platform.Sort order = sort == null || sort.isBlank() ? null : ProblemService.KNOWN_ERROR_SORT.parse(sort);
        String text = DeskPageController.blank(q);
        org.estate.platform.CsvOutput csv = org.estate.platform.CsvOutput.attachment(response, "known-errors.csv", excel);
        csv.row("ref", "title", "status", "workaround");
        for (int p = 0; ; p++) {
            var result = problems.knownErrorList(text, order, new Paging(p, Paging.MAX_SIZE));
            result.items().forEach(k -> csv.row(k.ref(), k.title(), k.status(), k.workaround()));
            if ((long) (p + 1) * Paging.MAX_SIZE >= result.total()) {
                break;
            }
        }
        csv.flush();
    }

    @GetMapping("/desk/problems/new")
    @PreAuthorize("hasRole('ENGINEER')")
    String newProblem(@RequestParam(required = false) String incident, Model model) {
        Map<String, String> values = new LinkedHashMap<>();
        if (incident != null) {
            values.put("incidents", incident);
        }
        model.addAttribute("values", values);
        model.addAttribute("errors", Map.of());
        return "servicedesk/problem-form";
    }

    @PostMapping("/desk/problems")
    @PreAuthorize("hasRole('ENGINEER')")
    String create(@RequestParam Map<String, String> params, Model model) {
        Map<String, String> errors = new LinkedHashMap<>();
        List<Long> cis = new ArrayList<>();
        desk.resolveCis(params.getOrDefault("cis", ""), cis, errors);
        List<String> incidents = Arrays.stream(params.getOrDefault("incidents", "").split("[,\\s]+")).filter(x -> !x.isBlank()).toList();
        try {
            if (!errors.isEmpty()) {
                throw new ValidationException(List.of());
            }
            ProblemView p = problems.create(new ProblemService.ProblemInput(params.get("title"), params.get("description"), incidents, cis));
            return "redirect:/desk/problems/" + p.ref();
        } catch (ValidationException e) {
            e.errors().forEach(fe -> errors.putIfAbsent(fe.field().startsWith("incidents") ? "incidents" : DeskPageController.fieldId(fe.field()),
                fe.message()));
            model.addAttribute("values", params);
            model.addAttribute("errors", errors);
            return "servicedesk/problem-form";
        }
    }

    @GetMapping("/desk/problems/{ref}")
    @PreAuthorize("hasRole('VIEWER')")
    String detail(@PathVariable String ref, Model model) {
        ProblemView p = problems.get(ref);
        model.addAttribute("p", p);
        if (!model.containsAttribute("errors")) {
            Map<String, String> values = values(p);
            model.addAttribute("values", values);
            model.addAttribute("originals", FormMerge.originals(FIELDS, values));
            model.addAttribute("errors", Map.of());
        }
        model.addAttribute("statuses", ProblemService.STATUSES);
        return "servicedesk/problem";
    }

    static final List<String> FIELDS = List.of("status", "rootCause", "workaround", "knownError");

    private static Map<String, String> values(ProblemView p) {
        Map<String, String> values = new LinkedHashMap<>();
        values.put("status", p.status());
        values.put("rootCause", p.rootCause());
        values.put("workaround", p.workaround());
        values.put("knownError", String.valueOf(p.knownError()));
        return values;
    }

    /** Saves the fields the user changed, merged three ways with any change saved meanwhile ({@link FormMerge}). */
    @PostMapping("/desk/problems/{ref}")
    @PreAuthorize("hasRole('ENGINEER')")
    String update(@PathVariable String ref, @RequestParam Map<String, String> params, RedirectAttributes redirect) {
        Map<String, String> given = new LinkedHashMap<>(params);
        given.put("knownError", String.valueOf("true".equals(params.get("knownError"))));
        for (int attempt = 0; ; attempt++) {
            ProblemView p = problems.get(ref);
            Map<String, String> now = values(p);
            FormMerge.Outcome merge = FormMerge.merge(FIELDS, given, now);
            redirect.addFlashAttribute("values", given);
            if (merge.hasConflicts()) {
                Map<String, String> shown = new LinkedHashMap<>(given);
                shown.putAll(merge.reshown());
                redirect.addFlashAttribute("values", shown);
                redirect.addFlashAttribute("errors", SlaAdminPageController.conflictErrors(merge));
                redirect.addFlashAttribute("conflicts", merge.conflicts());
                redirect.addFlashAttribute("originals", FormMerge.originals(FIELDS, now));
                return "redirect:/desk/problems/" + ref + "#edit";
            }
            Map<String, Object> fields = new LinkedHashMap<>();
            merge.edited().forEach((k, v) -> fields.put(k, "knownError".equals(k) ? (Object) "true".equals(v) : v.isEmpty() ? null : v));
            try {
                if (!fields.isEmpty()) {
                    problems.patch(ref, p.version(), fields);
                }
                redirect.addFlashAttribute("message", ref + " saved.");
                return "redirect:/desk/problems/" + ref;
            } catch (ValidationException e) {
                Map<String, String> errors = new LinkedHashMap<>();
                e.errors().forEach(fe -> errors.putIfAbsent(fe.field(), fe.message()));
                redirect.addFlashAttribute("errors", errors);
                redirect.addFlashAttribute("originals", SlaAdminPageController.originalsOf(params, FIELDS, now));
                return "redirect:/desk/problems/" + ref + "#edit";
            } catch (PreconditionFailedException e) {
                if (attempt >= 2) {
                    throw e;
                }
            }
        }
    }
}
