package org.estate.change.web;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.estate.change.FreezeView;
import org.estate.change.internal.FreezeService;
import org.estate.platform.ListView;
import org.estate.platform.Paging;
import org.estate.platform.PreconditionFailedException;
import org.estate.platform.ValidationException;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** Freeze periods on pages: the list for everyone, declaring, editing and deleting for managers. */
@Controller
class FreezePageController {

    private final FreezeService freezes;
    private final SchedulePages pages;
    private final java.time.Clock clock;

    FreezePageController(FreezeService freezes, SchedulePages pages, java.time.Clock clock) {
        this.freezes = freezes;
        this.pages = pages;
        this.clock = clock;
    }

    /** @param show {@code all}, or (by default) the freezes not yet over */
    @GetMapping("/changes/freezes")
    @PreAuthorize("hasRole('VIEWER')")
    String list(@RequestParam(required = false) String show, @RequestParam(required = false) Integer page,
                @RequestParam(required = false) Integer size, Model model) {
        boolean all = "all".equals(show);
        var result = freezes.list(all ? null : clock.instant(), null, Paging.lenient(page, size));
        var list = new ListView("/changes/freezes", ListView.filters(all ? Map.of("show", "all") : Map.of()), null, result);
        model.addAttribute("showAll", all);
        model.addAttribute("result", result);
        model.addAttribute("list", list);
        model.addAttribute("pageBase", list.pageBase());
        Map<Long, String> names = pages.names(result.items().stream().flatMap(f -> cis(f).stream()).distinct().toList());
        model.addAttribute("names", names);
        return "change/freezes";
    }

    @SuppressWarnings("unchecked")
    static List<Long> cis(FreezeView f) {
        return f.scope() instanceof Map<?, ?> m ? (List<Long>) m.get("cis") : List.of();
    }

    @GetMapping("/changes/freezes/new")
    @PreAuthorize("hasRole('MANAGER')")
    String newFreeze(Model model) {
        Map<String, String> values = new LinkedHashMap<>();
        values.put("scope", "all");
        values.put("hard", "true");
        return form(model, null, values, Map.of());
    }

    @PostMapping("/changes/freezes")
    @PreAuthorize("hasRole('MANAGER')")
    String create(@RequestParam Map<String, String> params, Authentication auth, Model model, RedirectAttributes redirect) {
        Map<String, String> values = SchedulePages.values(params);
        Map<String, String> errors = new LinkedHashMap<>();
        Map<String, Object> body = body(values, errors);
        try {
            if (!errors.isEmpty()) {
                throw new ValidationException(List.of());
            }
            FreezeView f = freezes.create(body, ChangeActors.of(auth));
            redirect.addFlashAttribute("message", "Freeze '" + f.name() + "' declared.");
            return "redirect:/changes/freezes";
        } catch (ValidationException e) {
            return form(model, null, values, SchedulePages.errors(e, errors));
        }
    }

    @GetMapping("/changes/freezes/{id}")
    @PreAuthorize("hasRole('MANAGER')")
    String edit(@PathVariable long id, Model model) {
        FreezeView f = freezes.get(id);
        Map<String, String> values = currentValues(f);
        return form(model, f, values, Map.of());
    }

    @PostMapping("/changes/freezes/{id}")
    @PreAuthorize("hasRole('MANAGER')")
    String save(@PathVariable long id, @RequestParam Map<String, String> params, Authentication auth, Model model,
                RedirectAttributes redirect) {
        FreezeView f = freezes.get(id);
        Map<String, String> values = SchedulePages.values(params);
        Map<String, String> errors = new LinkedHashMap<>();
        Map<String, Object> body = body(values, errors);
        if (body.get("reason") == null) {
            body.put("reason", null);
        }
        try {
            if (!errors.isEmpty()) {
                throw new ValidationException(List.of());
            }
            long version = Long.parseLong(values.getOrDefault("version", "-1").strip());
            freezes.patch(id, version, body, ChangeActors.of(auth));
            redirect.addFlashAttribute("message", "Freeze '" + values.get("name") + "' saved.");
            return "redirect:/changes/freezes";
        } catch (ValidationException e) {
            return form(model, f, values, SchedulePages.errors(e, errors));
        } catch (PreconditionFailedException | NumberFormatException e) {
            errors.put("name", "Someone else changed this freeze while you were editing it: check it below (now as they saved it) and "
                + "make your change again");
            FreezeView now = freezes.get(id);
            return form(model, now, currentValues(now), errors);
        }
    }

    private Map<String, String> currentValues(FreezeView f) {
        Map<String, String> values = new LinkedHashMap<>();
        values.put("name", f.name());
        values.put("start", SchedulePages.formTime(f.start()));
        values.put("end", SchedulePages.formTime(f.end()));
        values.put("scope", "all".equals(f.scope()) ? "all" : "cis");
        values.put("cis", pages.lines(cis(f)));
        values.put("hard", String.valueOf(f.hard()));
        values.put("reason", f.reason());
        values.put("version", String.valueOf(f.version()));
        return values;
    }

    @PostMapping("/changes/freezes/{id}/delete")
    @PreAuthorize("hasRole('MANAGER')")
    String delete(@PathVariable long id, Authentication auth, RedirectAttributes redirect) {
        FreezeView f = freezes.get(id);
        freezes.delete(id, ChangeActors.of(auth));
        redirect.addFlashAttribute("message", "Freeze '" + f.name() + "' deleted.");
        return "redirect:/changes/freezes";
    }

    /** The API's body from the form; times and CIs the form could not read go to {@code errors}. */
    private Map<String, Object> body(Map<String, String> values, Map<String, String> errors) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", values.getOrDefault("name", ""));
        String start = SchedulePages.time(values.get("start"), "start", "Start", errors);
        String end = SchedulePages.time(values.get("end"), "end", "End", errors);
        if (start != null) {
            body.put("start", start);
        }
        if (end != null) {
            body.put("end", end);
        }
        if ("cis".equals(values.get("scope"))) {
            body.put("scope", Map.of("cis", pages.cis(values.get("cis"), "cis", errors)));
        } else if ("all".equals(values.get("scope"))) {
            body.put("scope", "all");
        } else {
            errors.put("scope", "Choose what the freeze covers");
        }
        body.put("hard", "true".equals(values.get("hard")));
        String reason = values.get("reason");
        if (reason != null && !reason.isBlank()) {
            body.put("reason", reason);
        }
        return body;
    }

    private String form(Model model, FreezeView f, Map<String, String> values, Map<String, String> errors) {
        model.addAttribute("f", f);
        model.addAttribute("values", values);
        model.addAttribute("errors", errors);
        return "change/freeze-form";
    }
}
