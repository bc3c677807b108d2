package org.estate.monitoring.web;

import java.time.Instant;
import java.util.List;

import org.estate.monitoring.internal.correlation.Problems;
import org.estate.monitoring.internal.correlation.RootCause;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

/** What is wrong now, one entry per root cause. */
@RestController
@Tag(name = "Monitoring")
class MonitoringProblemApiController {

    /** A root cause: {@code ci} and {@code check} are ids, {@code incident} the ref of its incident (null until opened). */
    record ProblemJson(Long ci, long check, String state, Instant since, String incident, List<SymptomJson> symptoms,
                       List<ServiceJson> impactedServices) {
    }

    record SymptomJson(long ci, long check) {
    }

    record ServiceJson(long id, String name, String state) {
    }

    private final Problems problems;

    MonitoringProblemApiController(Problems problems) {
        this.problems = problems;
    }

    @GetMapping("/api/v1/monitoring/problems")
    @PreAuthorize("hasRole('VIEWER')")
    @Operation(summary = "The root causes failing now (a bare array by design), worst first: each with its incident, "
        + "its symptoms (failing checks on CIs that rely on it) and the business services it puts down or degrades")
    List<ProblemJson> problems() {
        return problems.current().stream().map(c -> json(c.cause(), c.incident())).toList();
    }

    static ProblemJson json(RootCause r, String incident) {
        return new ProblemJson(r.ci(), r.check(), r.state(), r.since(), incident,
            r.symptoms().stream().map(s -> new SymptomJson(s.ci(), s.check())).toList(),
            r.services().stream().map(s -> new ServiceJson(s.id(), s.name(), s.state())).toList());
    }
}
