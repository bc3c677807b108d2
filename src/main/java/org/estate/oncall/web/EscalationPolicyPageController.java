package org.estate.oncall.web;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.estate.oncall.internal.EscalationPolicyService;
import org.estate.oncall.internal.EscalationPolicyService.Level;
import org.estate.oncall.internal.EscalationPolicyService.PolicyView;
import org.estate.oncall.internal.EscalationPolicyService.Target;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/** Escalation policies: each level's targets, its delay, and whom it would reach now. */
@Controller
class EscalationPolicyPageController {

    private final EscalationPolicyService policies;
    private final Clock clock;

    EscalationPolicyPageController(EscalationPolicyService policies, Clock clock) {
        this.policies = policies;
        this.clock = clock;
    }

    record LevelRow(int number, String targets, Integer delayMinutes, List<String> reachesNow) {
    }

    record PolicyRow(PolicyView policy, List<LevelRow> levels) {
    }

    @GetMapping("/escalation-policies")
    @PreAuthorize("hasRole('VIEWER')")
    String list(Model model) {
        Instant now = clock.instant();
        List<PolicyRow> rows = new ArrayList<>();
        for (PolicyView p : policies.list()) {
            List<LevelRow> levels = new ArrayList<>();
            for (int i = 0; i < p.levels().size(); i++) {
                Level l = p.levels().get(i);
                levels.add(new LevelRow(i + 1, String.join(", ", l.targets().stream().map(EscalationPolicyPageController::describe).toList()),
                    l.delayMinutes(), policies.recipients(l, now)));
            }
            rows.add(new PolicyRow(p, levels));
        }
        model.addAttribute("rows", rows);
        model.addAttribute("now", now);
        return "oncall/policies";
    }

    private static String describe(Target t) {
        return t.rota() != null ? "On call on rota " + t.rota() : t.user() != null ? "User " + t.user() : "Team " + t.team();
    }
}
