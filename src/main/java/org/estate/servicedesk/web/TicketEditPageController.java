package org.estate.servicedesk.web;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.estate.platform.FormMerge;
import org.estate.platform.PreconditionFailedException;
import org.estate.platform.ValidationException;
import org.estate.servicedesk.TicketView;
import org.estate.servicedesk.internal.Actor;
import org.estate.servicedesk.internal.TeamService;
import org.estate.servicedesk.internal.TicketService;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The ticket edit form, merged three ways with changes saved while it was open ({@link FormMerge}). */
@Controller
class TicketEditPageController {

    private final TicketService tickets;
    private final TeamService teams;
    private final AssigneeChoices assignees;

    private final CiLines ciLines;

    TicketEditPageController(TicketService tickets, TeamService teams, AssigneeChoices assignees, org.estate.cmdb.Cmdb cmdb) {
        this.ciLines = new CiLines(cmdb);
        this.tickets = tickets;
        this.teams = teams;
        this.assignees = assignees;
    }

    /** "Assign to me": the ticket's team follows the engineer when they are not in it. */
    @PostMapping("/desk/tickets/{ref}/assign-to-me")
    @PreAuthorize("hasRole('ENGINEER')")
    String assignToMe(@PathVariable String ref, Authentication auth, RedirectAttributes redirect) {
        try {
            TicketView t = tickets.assignToMe(ref, null, Actors.of(auth));
            redirect.addFlashAttribute("message", ref + " is assigned to you (team " + t.team() + ").");
        } catch (ValidationException e) {
            redirect.addFlashAttribute("errors", Map.of("assign-to-me", e.errors().getFirst().message()));
        } catch (org.estate.platform.ConflictException e) {
            redirect.addFlashAttribute("errors", Map.of("assign-to-me", e.getMessage()));
        }
        return "redirect:/desk/tickets/" + ref;
    }

    @GetMapping("/desk/tickets/{ref}/edit")
    @PreAuthorize("hasRole('ENGINEER')")
    String edit(@PathVariable String ref, Authentication auth, Model model) {
        TicketView t = tickets.get(ref, null, Actors.of(auth));
        Map<String, String> values = editValues(t, ciLines);
        return editForm(model, t, values, FormMerge.originals(editFields(t), values), Map.of(), Map.of());
    }

    private static List<String> editFields(TicketView t) {
        return "incident".equals(t.type()) ? List.of("title", "description", "impact", "urgency", "category", "team", "assignee", "cis")
            : List.of("title", "description", "category", "team", "assignee");
    }

    /** The ticket's editable fields as the form shows them. */
    private static Map<String, String> editValues(TicketView t, CiLines ciLines) {
        Map<String, String> values = new LinkedHashMap<>();
        values.put("title", t.title());
        values.put("description", t.description());
        values.put("impact", t.impact());
        values.put("urgency", t.urgency());
        values.put("category", t.category());
        values.put("team", t.team());
        values.put("assignee", t.assignee());
        values.put("cis", ciLines.show(t.affectedCis()));
        return values;
    }

    private String editForm(Model model, TicketView t, Map<String, String> values, Map<String, String> originals,
                            Map<String, String> errors, Map<String, FormMerge.Conflict> conflicts) {
        model.addAttribute("t", t);
        model.addAttribute("values", values);
        model.addAttribute("originals", originals);
        model.addAttribute("errors", errors);
        model.addAttribute("conflicts", conflicts);
        model.addAttribute("teams", teams.list());
        model.addAttribute("assignees", assignees.groups(t.team(), values.get("assignee")));
        return "servicedesk/edit";
    }

    /**
     * Saves the fields the user changed, merged three ways with whatever someone else saved since
     * the form was shown ({@link FormMerge}): their other changes are kept; a field both changed
     * differently is shown with both values for the user to choose.
     */
    @PostMapping("/desk/tickets/{ref}/edit")
    @PreAuthorize("hasRole('ENGINEER')")
    String update(@PathVariable String ref, @RequestParam Map<String, String> params, Authentication auth, Model model,
                  RedirectAttributes redirect) {
        Actor actor = Actors.of(auth);
        Map<String, String> values = new LinkedHashMap<>(params);
        for (int attempt = 0; ; attempt++) {
            TicketView t = tickets.get(ref, null, actor);
            List<String> fields = editFields(t);
            Map<String, String> now = editValues(t, ciLines);
            FormMerge.Outcome merge = FormMerge.merge(fields, params, now);
            if (merge.hasConflicts()) {
                Map<String, String> errors = new LinkedHashMap<>();
                merge.conflicts().forEach((f, c) -> errors.put(f, FormMerge.message(f, c)));
                values.putAll(merge.reshown());
                return editForm(model, t, values, FormMerge.originals(fields, now), errors, merge.conflicts());
            }
            Map<String, Object> patch = new LinkedHashMap<>();
            merge.edited().forEach((k, v) -> patch.put(k, v.isEmpty() ? null : v));
            Map<String, String> ciErrors = new LinkedHashMap<>();
            if (patch.containsKey("cis")) {
                List<Long> ids = new java.util.ArrayList<>();
                ciLines.resolve(merge.edited().get("cis"), ids, ciErrors);
                patch.remove("cis");
                patch.put("affectedCis", ids);
            }
            try {
                if (!ciErrors.isEmpty()) {
                    throw new ValidationException(List.of());
                }
                if (!patch.isEmpty()) {
                    tickets.patch(ref, null, t.version(), patch, actor);
                }
                redirect.addFlashAttribute("message", patch.isEmpty() ? "Nothing to save: you changed nothing."
                    : "Saved." + (merge.keptTheirs().isEmpty() ? "" : " Someone else's change to " + String.join(", ", merge.keptTheirs().keySet())
                        + " is kept."));
                return "redirect:/desk/tickets/" + ref;
            } catch (ValidationException e) {
                Map<String, String> errors = new LinkedHashMap<>(ciErrors);
                e.errors().forEach(fe -> errors.putIfAbsent(DeskPageController.fieldId(fe.field()), fe.message()));
                Map<String, String> originals = new LinkedHashMap<>();
                params.forEach((k, v) -> {
                    if (k.startsWith(FormMerge.ORIGINAL)) {
                        originals.put(k, v);
                    }
                });
                return editForm(model, t, values, originals.isEmpty() ? FormMerge.originals(fields, now) : originals, errors, Map.of());
            } catch (PreconditionFailedException e) {
                if (attempt >= 2) {
                    throw e;
                }
                // Someone saved between our read and our write: merge again against what they saved.
            }
        }
    }
}
