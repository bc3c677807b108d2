package org.estate.monitoring.web;

import java.time.YearMonth;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

import org.estate.monitoring.internal.availability.AvailabilityService;
import org.estate.monitoring.internal.availability.MonthlyAvailability;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

import jakarta.servlet.http.HttpServletResponse;

/** The availability report page: each business service, last month and this month so far, against its target. */
@Controller
class AvailabilityPageController {

    private static final DateTimeFormatter MONTH = DateTimeFormatter.ofPattern("MMMM yyyy", Locale.UK);

    private final MonthlyAvailability monthly;

    /** One month's figures as shown: percent up, and met or not ("" without a target). */
    record Cell(String upPercent, String met, boolean missed, String down, String degraded, String maintenance) {
    }

    /** One business service's line. */
    record Row(long id, String name, String target, Cell last, Cell current) {
    }

    AvailabilityPageController(MonthlyAvailability monthly) {
        this.monthly = monthly;
    }

    @GetMapping("/monitoring/availability")
    @PreAuthorize("hasRole('VIEWER')")
    String page(Model model) {
        YearMonth now = monthly.thisMonth();
        MonthlyAvailability.Report report = monthly.report(now.minusMonths(1), now);
        model.addAttribute("rows", report.services().stream().map(AvailabilityPageController::row).toList());
        model.addAttribute("lastMonth", MONTH.format(now.minusMonths(1)));
        model.addAttribute("thisMonth", MONTH.format(now));
        model.addAttribute("csvUrl", "/monitoring/availability/monthly.csv?from=" + now.minusMonths(11) + "&to=" + now);
        model.addAttribute("licence", MonthlyAvailability.LICENCE);
        model.addAttribute("licenceUrl", MonthlyAvailability.LICENCE_URL);
        return "monitoring/availability";
    }

    private static Row row(MonthlyAvailability.ServiceMonths s) {
        return new Row(s.id(), s.name(), s.target() == null ? "None set" : s.target().toPlainString() + "%",
            cell(s.months().get(0).figures()), cell(s.months().get(1).figures()));
    }

    private static Cell cell(AvailabilityService.Figures f) {
        return new Cell(String.format(Locale.ROOT, "%.3f%%", f.upPercent()), f.met() == null ? "" : f.met() ? "Met" : "Missed",
            Boolean.FALSE.equals(f.met()), duration(f.downSeconds()), duration(f.degradedSeconds()), duration(f.maintenanceSeconds()));
    }

    /** Seconds as hours and minutes, like "2h 05m", or "0m". */
    static String duration(long seconds) {
        long minutes = (seconds + 30) / 60;
        return minutes >= 60 ? (minutes / 60) + "h " + String.format(Locale.ROOT, "%02dm", minutes % 60) : minutes + "m";
    }

    /** The monthly report as CSV for people signed in to the pages (the API's twin). */
    @GetMapping("/monitoring/availability/monthly.csv")
    @PreAuthorize("hasRole('VIEWER')")
    void csv(@RequestParam(required = false) String from, @RequestParam(required = false) String to,
             @RequestParam(required = false) boolean excel, HttpServletResponse response) {
        AvailabilityCsv.write(AvailabilityApiController.report(monthly, from, to), response, excel);
    }
}
