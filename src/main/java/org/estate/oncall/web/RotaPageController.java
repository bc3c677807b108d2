package org.estate.oncall.web;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.estate.oncall.internal.RotaService;
import org.estate.oncall.internal.RotaService.OnCall;
import org.estate.oncall.internal.RotaService.OverrideInput;
import org.estate.oncall.internal.RotaService.RotaView;
import org.estate.platform.ValidationException;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The rota pages: every rota with who is on call now; one rota's next two weeks, its overrides; my shifts. */
@Controller
class RotaPageController {

    static final Duration AHEAD = Duration.ofDays(14);
    static final Duration OVERRIDES_AHEAD = Duration.ofDays(90);
    private static final java.time.format.DateTimeFormatter SHOWN = java.time.format.DateTimeFormatter
        .ofPattern("d MMMM yyyy HH:mm", java.util.Locale.UK).withZone(java.time.ZoneId.of("Europe/London"));

    private final RotaService rotas;
    private final Clock clock;

    RotaPageController(RotaService rotas, Clock clock) {
        this.rotas = rotas;
        this.clock = clock;
    }

    record RotaRow(RotaView rota, OnCall now) {
    }

    @GetMapping("/rotas")
    @PreAuthorize("hasRole('VIEWER')")
    String list(Model model) {
        Instant now = clock.instant();
        List<RotaRow> rows = new ArrayList<>();
        for (RotaView r : rotas.list()) {
            rows.add(new RotaRow(r, rotas.onCall(r.key(), now)));
        }
        model.addAttribute("rows", rows);
        model.addAttribute("now", now);
        return "oncall/rotas";
    }

    @GetMapping("/rotas/{key}")
    @PreAuthorize("hasRole('VIEWER')")
    String rota(@PathVariable String key, Model model) {
        return page(key, model, Map.of(), Map.of());
    }

    @PostMapping("/rotas/{key}/overrides")
    @PreAuthorize("hasRole('ENGINEER')")
    String addOverride(@PathVariable String key, @RequestParam Map<String, String> params, Model model, RedirectAttributes redirect) {
        Map<String, String> values = new LinkedHashMap<>(params);
        values.remove("_csrf");
        Map<String, String> errors = new LinkedHashMap<>();
        String start = time(values.get("start"), "start", "Start", errors);
        String end = time(values.get("end"), "end", "End", errors);
        String user = values.getOrDefault("user", "");
        if (user.isBlank()) {
            errors.putIfAbsent("user", "Enter the user name of the person who covers");
        }
        if (errors.isEmpty()) {
            try {
                var o = rotas.addOverride(key, new OverrideInput(user, start, end));
                redirect.addFlashAttribute("message", o.user() + " is on call from " + SHOWN.format(o.start())
                    + " to " + SHOWN.format(o.end()) + " (UK time).");
                return "redirect:/rotas/" + key;
            } catch (ValidationException e) {
                e.errors().forEach(fe -> errors.putIfAbsent(fe.field(), fe.message()));
            }
        }
        return page(key, model, values, errors);
    }

    @PostMapping("/rotas/{key}/overrides/{id}/delete")
    @PreAuthorize("hasRole('ENGINEER')")
    String deleteOverride(@PathVariable String key, @PathVariable long id, RedirectAttributes redirect) {
        rotas.deleteOverride(key, id);
        redirect.addFlashAttribute("message", "The override has been removed.");
        return "redirect:/rotas/" + key;
    }

    @GetMapping("/on-call")
    @PreAuthorize("hasRole('VIEWER')")
    String mine(Authentication auth, Model model) {
        Instant now = clock.instant();
        model.addAttribute("shifts", rotas.shiftsOf(auth.getName(), now, now.plus(Duration.ofDays(60))));
        model.addAttribute("now", now);
        return "oncall/mine";
    }

    private String page(String key, Model model, Map<String, String> values, Map<String, String> errors) {
        RotaView r = rotas.get(key);
        Instant now = clock.instant();
        Instant to = now.plus(AHEAD);
        model.addAttribute("rota", r);
        model.addAttribute("now", rotas.onCall(key, now));
        model.addAttribute("layerShifts", rotas.layerShifts(key, now, to));
        model.addAttribute("shifts", rotas.shifts(key, now, to));
        model.addAttribute("overrides", rotas.overrideViews(key, now.minus(Duration.ofDays(1)), now.plus(OVERRIDES_AHEAD)));
        model.addAttribute("values", values);
        model.addAttribute("errors", errors);
        return "oncall/rota";
    }

    /** A time typed on the form (31/03/2027 14:05 in London, or ISO-8601) as ISO text; problems to {@code errors}. */
    private static String time(String value, String field, String label, Map<String, String> errors) {
        return org.estate.platform.Instants.formTime(value, field, label, errors);
    }
}
