package org.estate.change.web;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.estate.change.ChangeView;
import org.estate.change.internal.ChangeService;
import org.estate.change.internal.ChangeWorkflow;
import org.estate.cmdb.Cmdb;
import org.estate.platform.ConflictException;
import org.estate.platform.NotFoundException;
import org.estate.platform.PreconditionFailedException;
import org.estate.platform.ValidationException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * A change's page (impact, collisions with their paths, risk factors, approvals, timeline) and its
 * workflow buttons. Each action carries the version the page showed: a change edited meanwhile is
 * not submitted, decided or moved on a stale view.
 */
@Controller
class ChangeDetailPageController {

    private final ChangeService changes;
    private final ChangeWorkflow workflow;
    private final Cmdb cmdb;

    ChangeDetailPageController(ChangeService changes, ChangeWorkflow workflow, Cmdb cmdb) {
        this.changes = changes;
        this.workflow = workflow;
        this.cmdb = cmdb;
    }

    @GetMapping("/changes/{ref}")
    @PreAuthorize("hasRole('VIEWER')")
    String detail(@PathVariable String ref, @RequestParam(required = false) String raised, Model model) {
        ChangeView c = changes.get(ref);
        Map<Long, String> names = new LinkedHashMap<>();
        c.affectedCis().forEach(id -> names.put(id, name(id)));
        Map<ChangeView.Collision, String> paths = new LinkedHashMap<>();
        for (ChangeView.Collision x : c.collisions()) {
            paths.put(x, String.join(" → ", x.path().stream().map(this::name).toList()));
        }
        model.addAttribute("c", c);
        model.addAttribute("cis", names);
        model.addAttribute("paths", paths);
        model.addAttribute("timeline", changes.history(ref));
        model.addAttribute("outcomes", ChangeWorkflow.OUTCOMES);
        model.addAttribute("moves", ChangeWorkflow.moves(c.status()));
        model.addAttribute("needsCab", ChangeWorkflow.needsCab(c));
        if (raised != null && !model.containsAttribute("message")) {
            model.addAttribute("message", c.ref() + " raised" + ("scheduled".equals(c.status()) ? " and scheduled." : " as a draft."));
        }
        if (!model.containsAttribute("errors")) {
            model.addAttribute("errors", Map.of());
        }
        if (!model.containsAttribute("values")) {
            model.addAttribute("values", Map.of());
        }
        return "change/detail";
    }

    @PostMapping("/changes/{ref}/submit")
    @PreAuthorize("hasRole('ENGINEER')")
    String submit(@PathVariable String ref, @RequestParam(required = false) Long version, Authentication auth, RedirectAttributes redirect) {
        return act(ref, version, Map.of(), redirect, "#workflow", ChangeDetailPageController::field, () -> {
            ChangeView c = workflow.submit(ref, ChangeActors.of(auth));
            return c.ref() + " submitted: it is awaiting " + (ChangeWorkflow.needsCab(c) ? "the CAB." : "a manager's approval.");
        });
    }

    @PostMapping("/changes/{ref}/decision")
    @PreAuthorize("hasRole('ENGINEER')")
    String decide(@PathVariable String ref, @RequestParam(required = false) Long version, @RequestParam(required = false) String decision,
                  @RequestParam(required = false) String note, Authentication auth, RedirectAttributes redirect) {
        Map<String, String> values = new LinkedHashMap<>();
        values.put("decision", decision == null ? "" : decision);
        values.put("note", note == null ? "" : note);
        return act(ref, version, values, redirect, "#decide", ChangeDetailPageController::field, () -> {
            ChangeView c = workflow.decide(ref, decision == null ? "" : decision, note == null || note.isBlank() ? null : note, ChangeActors.of(auth));
            return "assessment".equals(c.status()) ? "Your approval is recorded: a second CAB member must approve too."
                : c.ref() + " " + ("rejected".equals(c.status()) ? "rejected." : "approved and scheduled.");
        });
    }

    @PostMapping("/changes/{ref}/move")
    @PreAuthorize("hasRole('ENGINEER')")
    String move(@PathVariable String ref, @RequestParam(required = false) Long version, @RequestParam(required = false) String status,
                @RequestParam(required = false) String outcome, @RequestParam(required = false) String review,
                @RequestParam(required = false) String note, Authentication auth, RedirectAttributes redirect) {
        Map<String, String> values = new LinkedHashMap<>();
        values.put("status", status == null ? "" : status);
        values.put("outcome", outcome == null ? "" : outcome);
        values.put("review", review == null ? "" : review);
        values.put("moveNote", note == null ? "" : note);
        return act(ref, version, values, redirect, "#workflow", f -> "note".equals(f) ? "moveNote" : field(f), () -> {
            ChangeView c = workflow.changeStatus(ref, new ChangeWorkflow.StatusChange(status, blank(outcome), blank(review), blank(note)),
                ChangeActors.of(auth));
            return c.ref() + " is now " + new ChangeDisplay().status(c.status()).toLowerCase(java.util.Locale.UK) + ".";
        });
    }

    @PostMapping("/changes/{ref}/risk")
    @PreAuthorize("hasRole('MANAGER')")
    String overrideRisk(@PathVariable String ref, @RequestParam(required = false) Long version, @RequestParam(required = false) String level,
                        @RequestParam(required = false) String reason, Authentication auth, RedirectAttributes redirect) {
        Map<String, String> values = new LinkedHashMap<>();
        values.put("level", level == null ? "" : level);
        values.put("riskReason", reason == null ? "" : reason);
        return act(ref, version, values, redirect, "#override", ChangeDetailPageController::field, () -> {
            Map<String, Object> patch = new LinkedHashMap<>();
            if (level == null || level.isBlank()) {
                patch.put("riskOverride", null);
            } else {
                patch.put("riskOverride", Map.of("level", level, "reason", reason == null ? "" : reason));
            }
            ChangeView c = changes.patch(ref, version == null ? -1 : version, patch, ChangeActors.of(auth));
            return c.risk().override() == null ? "The risk level is the computed one again." : "Risk level set to " + c.risk().level() + ".";
        });
    }

    private interface Action {
        String run();
    }

    private String act(String ref, Long version, Map<String, String> values, RedirectAttributes redirect, String anchor,
                       java.util.function.UnaryOperator<String> fieldOf, Action action) {
        ChangeView now = changes.get(ref);
        if (version == null || now.version() != version) {
            redirect.addFlashAttribute("errors", Map.of("workflow", now.ref() + " has changed since you opened it: check it and try again"));
            return "redirect:/changes/" + now.ref();
        }
        try {
            redirect.addFlashAttribute("message", action.run());
            return "redirect:/changes/" + now.ref();
        } catch (ValidationException e) {
            Map<String, String> errors = new LinkedHashMap<>();
            e.errors().forEach(fe -> errors.putIfAbsent(fieldOf.apply(fe.field()), fe.message()));
            redirect.addFlashAttribute("errors", errors);
            redirect.addFlashAttribute("values", values);
            return "redirect:/changes/" + now.ref() + anchor;
        } catch (ConflictException | AccessDeniedException | PreconditionFailedException e) {
            redirect.addFlashAttribute("errors", Map.of(anchor.substring(1), e.getMessage()));
            redirect.addFlashAttribute("values", values);
            return "redirect:/changes/" + now.ref() + anchor;
        }
    }

    private static String field(String apiField) {
        return switch (apiField) {
            case "riskOverride.level", "riskOverride" -> "level";
            case "riskOverride.reason" -> "riskReason";
            case "note" -> "note";
            case "implementationPlan", "backoutPlan", "testPlan" -> apiField;
            default -> apiField.isEmpty() ? "workflow" : apiField;
        };
    }

    private String name(long id) {
        try {
            return cmdb.get(id).name();
        } catch (NotFoundException e) {
            return "CI " + id + " (deleted)";
        }
    }

    private static String blank(String s) {
        return s == null || s.isBlank() ? null : s;
    }

}
