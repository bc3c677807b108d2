package org.estate.oncall.web;

import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.estate.oncall.internal.EscalationPolicyService;
import org.estate.oncall.internal.EscalationPolicyService.Level;
import org.estate.oncall.internal.EscalationPolicyService.PolicyInput;
import org.estate.oncall.internal.EscalationPolicyService.PolicyView;
import org.estate.platform.Etags;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

@RestController
@RequestMapping("/api/v1/escalation-policies")
@Tag(name = "Escalation policies")
class EscalationPolicyApiController {

    private final EscalationPolicyService policies;
    private final java.time.Clock clock;

    EscalationPolicyApiController(EscalationPolicyService policies, java.time.Clock clock) {
        this.policies = policies;
        this.clock = clock;
    }

    @GetMapping
    @PreAuthorize("hasRole('VIEWER')")
    @Operation(summary = "Every escalation policy")
    List<PolicyView> list() {
        return policies.list();
    }

    @GetMapping("/{key}")
    @PreAuthorize("hasRole('VIEWER')")
    @Operation(summary = "One escalation policy, with its ETag")
    ResponseEntity<PolicyView> get(@PathVariable String key) {
        PolicyView p = policies.get(key);
        return ResponseEntity.ok().eTag(Etags.of(p.version())).body(p);
    }

    @PostMapping
    @PreAuthorize("hasRole('MANAGER')")
    @Operation(summary = "Create an escalation policy: levels of targets (rota, user or team) with a delay in minutes before the next; repeat 0–9; 409 for a duplicate key, 422 naming each field out of range")
    ResponseEntity<PolicyView> create(@RequestBody PolicyInput input) {
        PolicyView p = policies.create(input);
        return ResponseEntity.created(URI.create("/api/v1/escalation-policies/" + p.key())).eTag(Etags.of(p.version())).body(p);
    }

    @PutMapping("/{key}")
    @PreAuthorize("hasRole('MANAGER')")
    @Operation(summary = "Replace an escalation policy's name, levels and repeat; If-Match optional (412 when stale)")
    ResponseEntity<PolicyView> replace(@PathVariable String key, @RequestHeader(value = "If-Match", required = false) String ifMatch,
                                       @RequestBody PolicyInput input) {
        PolicyView p = policies.update(key, ifMatch == null ? null : Etags.versionFrom(ifMatch), input);
        return ResponseEntity.ok().eTag(Etags.of(p.version())).body(p);
    }

    /**
     * Who each level would reach at an instant: {@code [{"level","users"}]}.
     *
     * @param at ISO-8601 with an offset (default now)
     */
    @GetMapping("/{key}/reach")
    @PreAuthorize("hasRole('VIEWER')")
    @Operation(summary = "Who each level would reach at an instant (default now): a level reaching nobody passes to the next at once")
    List<Reach> reach(@PathVariable String key, @RequestParam(required = false) String at) {
        PolicyView p = policies.get(key);
        Instant when = at == null ? clock.instant() : RotaApiController.instant("at", at);
        List<Reach> out = new ArrayList<>();
        for (int i = 0; i < p.levels().size(); i++) {
            Level l = p.levels().get(i);
            out.add(new Reach(i + 1, policies.recipients(l, when)));
        }
        return out;
    }

    record Reach(int level, List<String> users) {
    }
}
