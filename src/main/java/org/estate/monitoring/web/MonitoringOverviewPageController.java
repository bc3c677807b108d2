package org.estate.monitoring.web;

import org.estate.monitoring.internal.correlation.Problems;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/** The monitoring overview: what is down now by root cause, what is degraded, in maintenance or flapping. */
@Controller
class MonitoringOverviewPageController {

    private final Problems problems;

    MonitoringOverviewPageController(Problems problems) {
        this.problems = problems;
    }

    @GetMapping("/monitoring")
    @PreAuthorize("hasRole('VIEWER')")
    String overview(Model model) {
        model.addAttribute("overview", problems.overview());
        return "monitoring/overview";
    }
}
