package org.estate.change.web;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.estate.change.MaintenanceWindowView;
import org.estate.change.internal.WindowService;
import org.estate.platform.ListView;
import org.estate.platform.Paging;
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

/** Maintenance windows on pages: the list for everyone, defining (one-off or recurring) and deleting for engineers. */
@Controller
class WindowPageController {

    private final WindowService windows;
    private final SchedulePages pages;

    WindowPageController(WindowService windows, SchedulePages pages) {
        this.windows = windows;
        this.pages = pages;
    }

    @GetMapping("/changes/windows")
    @PreAuthorize("hasRole('VIEWER')")
    String list(@RequestParam(required = false) Integer page, @RequestParam(required = false) Integer size, Model model) {
        var result = windows.list(null, Paging.lenient(page, size));
        var list = new ListView("/changes/windows", new LinkedMultiValueMap<>(), null, result);
        model.addAttribute("result", result);
        model.addAttribute("list", list);
        model.addAttribute("pageBase", list.pageBase());
        model.addAttribute("names", pages.names(result.items().stream().flatMap(w -> w.cis().stream()).distinct().toList()));
        return "change/windows";
    }

    @GetMapping("/changes/windows/new")
    @PreAuthorize("hasRole('ENGINEER')")
    String newWindow(Model model) {
        Map<String, String> values = new LinkedHashMap<>();
        values.put("kind", "recurring");
        values.put("zone", "Europe/London");
        return form(model, values, Map.of());
    }

    @PostMapping("/changes/windows")
    @PreAuthorize("hasRole('ENGINEER')")
    String create(@RequestParam Map<String, String> params, Authentication auth, Model model, RedirectAttributes redirect) {
        Map<String, String> values = SchedulePages.values(params);
        Map<String, String> errors = new LinkedHashMap<>();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", values.getOrDefault("name", ""));
        body.put("cis", pages.cis(values.get("cis"), "cis", errors));
        if ("one-off".equals(values.get("kind"))) {
            String start = SchedulePages.time(values.get("start"), "start", "Start", errors);
            String end = SchedulePages.time(values.get("end"), "end", "End", errors);
            body.put("start", start == null ? "" : start);
            body.put("end", end == null ? "" : end);
        } else if ("recurring".equals(values.get("kind"))) {
            body.put("rrule", values.getOrDefault("rrule", ""));
            body.put("zone", values.getOrDefault("zone", "").strip());
            body.put("startTime", values.getOrDefault("startTime", "").strip());
            String minutes = values.getOrDefault("durationMinutes", "").strip();
            body.put("durationMinutes", minutes.matches("[0-9]{1,6}") ? Integer.valueOf(minutes) : minutes);
            String from = values.getOrDefault("from", "").strip();
            if (!from.isEmpty()) {
                body.put("from", from);
            }
        } else {
            errors.put("kind", "Choose a one-off or a recurring window");
        }
        try {
            if (!errors.isEmpty()) {
                throw new ValidationException(List.of());
            }
            MaintenanceWindowView w = windows.create(body, ChangeActors.of(auth));
            redirect.addFlashAttribute("message", "Maintenance window '" + w.name() + "' defined.");
            return "redirect:/changes/windows";
        } catch (ValidationException e) {
            Map<String, String> all = SchedulePages.errors(e, errors);
            // A time the form could not read is reported once, by the form.
            return form(model, values, all);
        }
    }

    @PostMapping("/changes/windows/{id}/delete")
    @PreAuthorize("hasRole('ENGINEER')")
    String delete(@PathVariable long id, Authentication auth, RedirectAttributes redirect) {
        MaintenanceWindowView w = windows.get(id);
        windows.delete(id, ChangeActors.of(auth));
        redirect.addFlashAttribute("message", "Maintenance window '" + w.name() + "' deleted.");
        return "redirect:/changes/windows";
    }

    private String form(Model model, Map<String, String> values, Map<String, String> errors) {
        model.addAttribute("values", values);
        model.addAttribute("errors", errors);
        return "change/window-form";
    }
}
