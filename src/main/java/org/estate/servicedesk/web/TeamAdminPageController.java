package org.estate.servicedesk.web;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.estate.identity.UserView;
import org.estate.identity.Users;
import org.estate.platform.ConflictException;
import org.estate.platform.FormMerge;
import org.estate.platform.NotFoundException;
import org.estate.platform.Paging;
import org.estate.platform.PreconditionFailedException;
import org.estate.platform.ValidationException;
import org.estate.servicedesk.TeamView;
import org.estate.servicedesk.internal.TeamService;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Managers' pages for teams: the list, adding a team, and a team's name, shared email and members
 * (ticked from the users, never typed), saved with the three-way form merge.
 */
@Controller
class TeamAdminPageController {

    static final List<String> TEAM_FIELDS = List.of("name", "email", "members", "escalationPolicy", "channels");

    private final TeamService teams;
    private final Users users;

    TeamAdminPageController(TeamService teams, Users users) {
        this.teams = teams;
        this.users = users;
    }

    private static Map<String, String> teamValues(TeamView t) {
        Map<String, String> values = new LinkedHashMap<>();
        values.put("name", t.name());
        values.put("email", t.email());
        values.put("members", joined(t.members()));
        values.put("escalationPolicy", t.escalationPolicy() == null ? "" : t.escalationPolicy());
        values.put("channels", String.join(", ", t.channels()));
        return values;
    }

    /** Members compare as the sorted list they name, however the boxes were ticked. */
    private static String joined(List<String> members) {
        return String.join(", ", members.stream().filter(m -> m != null && !m.isBlank()).map(String::trim).distinct().sorted().toList());
    }

    /** The form's fields: the first value of each parameter, with {@code members} as every ticked box. */
    private static Map<String, String> given(MultiValueMap<String, String> params) {
        Map<String, String> given = new LinkedHashMap<>(params.toSingleValueMap());
        given.remove("_csrf");
        given.put("members", joined(params.getOrDefault("members", List.of())));
        return given;
    }

    private static List<String> channelKeys(String typed) {
        return typed == null || typed.isBlank() ? List.of()
            : java.util.Arrays.stream(typed.split("[,\\s]+")).filter(k -> !k.isBlank()).toList();
    }

    private static List<String> members(String joined) {
        return joined == null || joined.isBlank() ? List.of() : List.of(joined.split(", "));
    }

    @GetMapping("/admin/teams")
    @PreAuthorize("hasRole('MANAGER')")
    String teams(@RequestParam(required = false) String sort, @RequestParam(required = false) Integer page,
                 @RequestParam(required = false) Integer size, Model model) {
        org.estate.platform.Sort order = ListPages.sort(TeamApiController.SORT, sort, model);
        var result = TeamApiController.SORT.page(teams.list(), order, Paging.lenient(page, size));
        var list = ListPages.model(model, "/admin/teams", order, result);
        Map<String, String> names = new LinkedHashMap<>();
        result.items().forEach(t -> t.members().forEach(m -> names.computeIfAbsent(m, this::displayName)));
        model.addAttribute("teams", result.items());
        model.addAttribute("names", names);
        model.addAttribute("exportUrl", list.at("/admin/teams/export.csv"));
        return "servicedesk/admin-teams";
    }

    /** Every team in the page's order as CSV: key, name, shared email and members (usernames, space-separated). */
    @GetMapping("/admin/teams/export.csv")
    @PreAuthorize("hasRole('MANAGER')")
    void teamsExport(@RequestParam(required = false) String sort, @RequestParam(required = false) boolean excel,
                     jakarta.servlet.http.HttpServletResponse response) {
        org.estate.platform.Sort order = TeamApiController.SORT.parse(sort);
        org.estate.platform.CsvOutput csv = org.estate.platform.CsvOutput.attachment(response, "teams.csv", excel);
        csv.row("key", "name", "email", "members");
        teams.list().stream().sorted(TeamApiController.SORT.comparator(order))
            .forEach(t -> csv.row(t.key(), t.name(), t.email(), String.join(" ", t.members())));
        csv.flush();
    }

    @GetMapping("/admin/teams/new")
    @PreAuthorize("hasRole('MANAGER')")
    String newTeam(Model model) {
        return form(model, null, new LinkedHashMap<>(), Map.of(), Map.of(), null);
    }

    @PostMapping("/admin/teams")
    @PreAuthorize("hasRole('MANAGER')")
    String createTeam(@RequestParam MultiValueMap<String, String> params, Model model, RedirectAttributes redirect) {
        Map<String, String> values = given(params);
        try {
            TeamView t = teams.create(new TeamService.TeamInput(DeskPageController.blank(values.get("key")), values.get("name"),
                values.get("email"), members(values.get("members")), values.get("escalationPolicy"), channelKeys(values.get("channels"))));
            redirect.addFlashAttribute("message", t.name() + " added.");
            return "redirect:/admin/teams";
        } catch (ValidationException e) {
            return form(model, null, values, errors(e), Map.of(), null);
        } catch (ConflictException e) {
            return form(model, null, values, Map.of("key", e.getMessage()), Map.of(), null);
        }
    }

    @GetMapping("/admin/teams/{key}")
    @PreAuthorize("hasRole('MANAGER')")
    String team(@PathVariable String key, Model model) {
        TeamView t = teams.find(key).orElseThrow(() -> new NotFoundException("No team " + key));
        Map<String, String> values = teamValues(t);
        return form(model, t, values, Map.of(), FormMerge.originals(TEAM_FIELDS, values), null);
    }

    /** Saves the fields the manager changed, merged three ways with any change saved meanwhile ({@link FormMerge}). */
    @PostMapping("/admin/teams/{key}")
    @PreAuthorize("hasRole('MANAGER')")
    String saveTeam(@PathVariable String key, @RequestParam MultiValueMap<String, String> params, Model model, RedirectAttributes redirect) {
        Map<String, String> given = given(params);
        for (int attempt = 0; ; attempt++) {
            TeamView t = teams.find(key).orElseThrow(() -> new NotFoundException("No team " + key));
            Map<String, String> now = teamValues(t);
            FormMerge.Outcome merge = FormMerge.merge(TEAM_FIELDS, given, now);
            if (merge.hasConflicts()) {
                Map<String, String> shown = new LinkedHashMap<>(given);
                shown.putAll(merge.reshown());
                return form(model, t, shown, SlaAdminPageController.conflictErrors(merge), FormMerge.originals(TEAM_FIELDS, now),
                    merge.conflicts());
            }
            Map<String, String> merged = new LinkedHashMap<>(now);
            merged.putAll(merge.edited());
            try {
                teams.update(key, t.version(), new TeamService.TeamInput(key, merged.get("name"), merged.get("email"),
                    members(merged.get("members")), merged.get("escalationPolicy"), channelKeys(merged.get("channels"))));
                redirect.addFlashAttribute("message", merged.get("name") + " saved.");
                return "redirect:/admin/teams";
            } catch (ValidationException e) {
                return form(model, t, given, errors(e), SlaAdminPageController.originalsOf(given, TEAM_FIELDS, now), null);
            } catch (PreconditionFailedException e) {
                if (attempt >= 2) {
                    throw e;
                }
            }
        }
    }

    private static Map<String, String> errors(ValidationException e) {
        Map<String, String> errors = new LinkedHashMap<>();
        e.errors().forEach(fe -> errors.putIfAbsent(fe.field().startsWith("members") ? "members" : fe.field().startsWith("channels") ? "channels" : fe.field(), fe.message()));
        return errors;
    }

    private String form(Model model, TeamView t, Map<String, String> values, Map<String, String> errors, Map<String, String> originals,
                        Map<String, FormMerge.Conflict> conflicts) {
        Set<String> ticked = new LinkedHashSet<>(members(values.get("members")));
        // The people who may be in a team: staff (requesters are council staff outside IT), and anyone already ticked.
        List<UserView> people = new ArrayList<>();
        for (UserView u : users.list(null, Paging.of(0, Paging.MAX_SIZE)).items()) {
            if (ticked.contains(u.username()) || u.roles().stream().anyMatch(r -> !"requester".equals(r))) {
                people.add(u);
            }
        }
        Set<String> shown = new LinkedHashSet<>(people.stream().map(UserView::username).toList());
        ticked.stream().filter(m -> !shown.contains(m)).forEach(m -> users.find(m).ifPresent(people::add));
        model.addAttribute("t", t);
        model.addAttribute("values", values);
        model.addAttribute("ticked", ticked);
        model.addAttribute("people", people);
        model.addAttribute("errors", errors);
        model.addAttribute("originals", originals);
        model.addAttribute("conflicts", conflicts == null ? Map.of() : conflicts);
        return "servicedesk/admin-team";
    }

    private String displayName(String username) {
        return users.find(username).map(UserView::displayName).filter(n -> n != null && !n.isBlank()).orElse(username);
    }
}
