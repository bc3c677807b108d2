package org.estate.monitoring.web;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.servlet.http.HttpServletResponse;

import org.estate.monitoring.internal.CheckEngine;
import org.estate.monitoring.internal.CheckReadings;
import org.estate.monitoring.internal.checks.CheckCsv;
import org.estate.monitoring.internal.checks.CheckList;
import org.estate.monitoring.internal.checks.CheckService;
import org.estate.monitoring.internal.checks.CheckView;
import org.estate.platform.CsvOutput;
import org.estate.platform.ListView;
import org.estate.platform.PageResult;
import org.estate.platform.Paging;
import org.estate.platform.Sort;
import org.estate.platform.ValidationException;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The check list (filters, paging, CSV), a check's page (state, pictures, results, run now), pausing, resuming and deleting. */
@Controller
class CheckPageController {

    private static final int DAYS = 30;

    private final CheckService checks;
    private final CheckList list;
    private final CheckCsv csv;
    private final CheckEngine engine;
    private final CheckReadings readings;
    private final Clock clock;

    CheckPageController(CheckService checks, CheckList list, CheckCsv csv, CheckEngine engine, CheckReadings readings, Clock clock) {
        this.checks = checks;
        this.list = list;
        this.csv = csv;
        this.engine = engine;
        this.readings = readings;
        this.clock = clock;
    }

    @GetMapping("/monitoring/checks")
    @PreAuthorize("hasRole('VIEWER')")
    String list(@RequestParam(required = false) String type, @RequestParam(required = false) String state,
                @RequestParam(required = false) String ci, @RequestParam(required = false) String q,
                @RequestParam(required = false) String sort, @RequestParam(required = false) Integer page,
                @RequestParam(required = false) Integer size, Model model) {
        Map<String, String> given = new LinkedHashMap<>();
        given.put("type", blank(type));
        given.put("state", blank(state));
        given.put("ci", blank(ci));
        given.put("q", blank(q));
        Map<String, String> errors = new LinkedHashMap<>();
        for (String field : List.of("type", "state", "ci", "q")) {
            try {
                filter(Map.of(field, given.get(field) == null ? "" : given.get(field)));
            } catch (ValidationException e) {
                errors.put(field, e.errors().getFirst().message());
                given.put(field, null);
            }
        }
        CheckList.Filter filter = filter(given);
        Sort order;
        try {
            order = CheckList.SORT.parse(blank(sort));
        } catch (ValidationException e) {
            errors.put("sort", e.errors().getFirst().message());
            order = CheckList.SORT.parse(null);
        }
        PageResult<CheckView> result = list.search(filter, order, Paging.lenient(page, size));
        ListView view = new ListView("/monitoring/checks", ListView.filters(given), order, result);
        model.addAttribute("values", given);
        model.addAttribute("errors", errors);
        model.addAttribute("result", result);
        model.addAttribute("list", view);
        model.addAttribute("pageBase", view.pageBase());
        model.addAttribute("exportUrl", view.at("/monitoring/checks/export.csv"));
        model.addAttribute("types", list.types());
        model.addAttribute("states", CheckList.STATES);
        model.addAttribute("now", clock.instant());
        return "monitoring/checks/list";
    }

    @GetMapping("/monitoring/checks/export.csv")
    @PreAuthorize("hasRole('VIEWER')")
    void export(@RequestParam(required = false) String type, @RequestParam(required = false) String state,
                @RequestParam(required = false) String ci, @RequestParam(required = false) String q,
                @RequestParam(required = false) String sort, @RequestParam(required = false) boolean excel, HttpServletResponse response) {
        Map<String, String> given = new LinkedHashMap<>();
        given.put("type", blank(type));
        given.put("state", blank(state));
        given.put("ci", blank(ci));
        given.put("q", blank(q));
        CheckList.Filter filter = filter(given);
        Sort order = CheckList.SORT.parse(blank(sort));
        csv.export(filter, order, CsvOutput.attachment(response, "checks.csv", excel));
    }

    private CheckList.Filter filter(Map<String, String> given) {
        return list.filter(one(given.get("type")), one(given.get("state")), given.get("ci"), given.get("q"));
    }

    @GetMapping("/monitoring/checks/{id}")
    @PreAuthorize("hasRole('VIEWER')")
    String detail(@PathVariable long id, Model model) {
        CheckView c = checks.get(id);
        Instant now = clock.instant();
        Instant from = now.minus(DAYS, ChronoUnit.DAYS);
        LocalDate today = now.atZone(CheckDisplay.LONDON).toLocalDate();
        List<LocalDate> days = new ArrayList<>();
        List<CheckReadings.Availability> per = new ArrayList<>();
        for (int i = DAYS - 1; i >= 0; i--) {
            LocalDate d = today.minusDays(i);
            Instant start = d.atStartOfDay(CheckDisplay.LONDON).toInstant();
            Instant end = d.plusDays(1).atStartOfDay(CheckDisplay.LONDON).toInstant();
            days.add(d);
            per.add(readings.availability(id, start, end.isAfter(now) ? now : end));
        }
        model.addAttribute("check", c);
        model.addAttribute("now", now);
        model.addAttribute("bars", CheckCharts.bars(days, per));
        model.addAttribute("overall", readings.availability(id, from, now));
        model.addAttribute("latency", CheckCharts.latency(readings.latency(id, from, now), from, now));
        model.addAttribute("results", readings.results(id, from, now, new Paging(0, 20)));
        model.addAttribute("fields", TargetForm.fields(c.type(), java.util.Set.copyOf(c.secretsSet())));
        model.addAttribute("width", CheckCharts.WIDTH);
        model.addAttribute("height", CheckCharts.HEIGHT);
        return "monitoring/checks/detail";
    }

    @PostMapping("/monitoring/checks/{id}/run")
    @PreAuthorize("hasRole('ENGINEER')")
    String run(@PathVariable long id, RedirectAttributes redirect) {
        checks.get(id);
        try {
            CheckEngine.Run run = engine.runNow(id);
            redirect.addFlashAttribute("message", "Ran the check: " + new CheckDisplay().state(run.state()).toLowerCase(java.util.Locale.UK)
                + " in " + run.result().latencyMs() + " ms" + (run.result().message() == null ? "" : " – " + run.result().message()));
        } catch (UnsupportedOperationException e) {
            redirect.addFlashAttribute("notice", "The check could not be run now: the check engine is not running on this Estate yet. "
                + "It will run on its schedule once it is.");
        }
        return "redirect:/monitoring/checks/" + id;
    }

    @PostMapping("/monitoring/checks/{id}/pause")
    @PreAuthorize("hasRole('ENGINEER')")
    String pause(@PathVariable long id, RedirectAttributes redirect) {
        return enable(id, false, redirect);
    }

    @PostMapping("/monitoring/checks/{id}/resume")
    @PreAuthorize("hasRole('ENGINEER')")
    String resume(@PathVariable long id, RedirectAttributes redirect) {
        return enable(id, true, redirect);
    }

    private String enable(long id, boolean enabled, RedirectAttributes redirect) {
        CheckView c = checks.get(id);
        if (c.enabled() != enabled) {
            checks.patch(id, c.version(), Map.of("enabled", enabled));
        }
        redirect.addFlashAttribute("message", c.name() + (enabled ? " has been resumed." : " has been paused."));
        return "redirect:/monitoring/checks/" + id;
    }

    @PostMapping("/monitoring/checks/{id}/ping-url")
    @PreAuthorize("hasRole('ENGINEER')")
    String pingUrl(@PathVariable long id, RedirectAttributes redirect) {
        CheckView c = checks.newPingUrl(id);
        redirect.addFlashAttribute("pingUrl", c.pingUrl());
        redirect.addFlashAttribute("message", "A new ping URL has been issued; the old one no longer works.");
        return "redirect:/monitoring/checks/" + id;
    }

    @GetMapping("/monitoring/checks/{id}/delete")
    @PreAuthorize("hasRole('ENGINEER')")
    String confirmDelete(@PathVariable long id, Model model) {
        model.addAttribute("check", checks.get(id));
        return "monitoring/checks/delete";
    }

    @PostMapping("/monitoring/checks/{id}/delete")
    @PreAuthorize("hasRole('ENGINEER')")
    String delete(@PathVariable long id, RedirectAttributes redirect) {
        CheckView c = checks.get(id);
        checks.delete(id);
        redirect.addFlashAttribute("message", c.name() + " has been deleted. Its state history is kept.");
        return "redirect:/monitoring/checks";
    }

    private static List<String> one(String value) {
        return value == null || value.isBlank() ? null : List.of(value.strip());
    }

    static String blank(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
