package org.estate.servicedesk.web;

import java.io.IOException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.estate.platform.BadRequestException;
import org.estate.platform.FormMerge;
import org.estate.platform.NotFoundException;
import org.estate.platform.PreconditionFailedException;
import org.estate.platform.ValidationException;
import org.estate.servicedesk.CalendarView;
import org.estate.servicedesk.SlaPolicyView;
import org.estate.servicedesk.TeamView;
import org.estate.servicedesk.internal.CalendarService;
import org.estate.servicedesk.internal.SlaPolicyService;
import org.estate.servicedesk.internal.TeamService;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** Managers' page for a team: its name, shared email and members, saved with the three-way form merge. */
@Controller
class TeamAdminPageController {

    private final TeamService teams;

    TeamAdminPageController(TeamService teams) {
        this.teams = teams;
    }

    static final List<String> TEAM_FIELDS = List.of("name", "email", "members");

    private static Map<String, String> teamValues(TeamView t) {
        Map<String, String> values = new LinkedHashMap<>();
        values.put("name", t.name());
        values.put("email", t.email());
        values.put("members", String.join(", ", t.members()));
        return values;
    }

    @GetMapping("/admin/teams/{key}")
    @PreAuthorize("hasRole('MANAGER')")
    String team(@PathVariable String key, Model model) {
        TeamView t = teams.find(key).orElseThrow(() -> new NotFoundException("No team " + key));
        Map<String, String> values = teamValues(t);
        model.addAttribute("t", t);
        model.addAttribute("values", values);
        model.addAttribute("originals", FormMerge.originals(TEAM_FIELDS, values));
        model.addAttribute("errors", Map.of());
        return "servicedesk/admin-team";
    }

    /** Saves the fields the manager changed, merged three ways with any change saved meanwhile ({@link FormMerge}). */
    @PostMapping("/admin/teams/{key}")
    @PreAuthorize("hasRole('MANAGER')")
    String saveTeam(@PathVariable String key, @RequestParam Map<String, String> params, Model model, RedirectAttributes redirect) {
        for (int attempt = 0; ; attempt++) {
            TeamView t = teams.find(key).orElseThrow(() -> new NotFoundException("No team " + key));
            Map<String, String> now = teamValues(t);
            Map<String, String> given = new LinkedHashMap<>(params);
            // Members compare as the list they name, however they were typed.
            given.put("members", String.join(", ", members(params.getOrDefault("members", ""))));
            FormMerge.Outcome merge = FormMerge.merge(TEAM_FIELDS, given, now);
            model.addAttribute("t", t);
            model.addAttribute("values", params);
            if (merge.hasConflicts()) {
                Map<String, String> shown = new LinkedHashMap<>(params);
                shown.putAll(merge.reshown());
                model.addAttribute("values", shown);
                model.addAttribute("originals", FormMerge.originals(TEAM_FIELDS, now));
                model.addAttribute("conflicts", merge.conflicts());
                model.addAttribute("errors", SlaAdminPageController.conflictErrors(merge));
                return "servicedesk/admin-team";
            }
            Map<String, String> merged = new LinkedHashMap<>(now);
            merged.putAll(merge.edited());
            try {
                teams.update(key, t.version(), new TeamService.TeamInput(key, merged.get("name"), merged.get("email"),
                    members(merged.get("members"))));
                redirect.addFlashAttribute("message", t.name() + " saved.");
                return "redirect:/admin/sla-policies";
            } catch (ValidationException e) {
                Map<String, String> errors = new LinkedHashMap<>();
                e.errors().forEach(fe -> errors.putIfAbsent(fe.field().startsWith("members") ? "members" : fe.field(), fe.message()));
                model.addAttribute("originals", SlaAdminPageController.originalsOf(params, TEAM_FIELDS, now));
                model.addAttribute("errors", errors);
                return "servicedesk/admin-team";
            } catch (PreconditionFailedException e) {
                if (attempt >= 2) {
                    throw e;
                }
            }
        }
    }

    private static List<String> members(String text) {
        return Arrays.stream((text == null ? "" : text).split("[,\\s]+")).filter(m -> !m.isBlank()).toList();
    }
}
