package org.estate.monitoring.web;

import java.math.BigDecimal;
import java.util.Locale;

import org.estate.monitoring.internal.availability.AvailabilityService;
import org.estate.monitoring.internal.availability.MonthlyAvailability;
import org.estate.platform.CsvOutput;

import jakarta.servlet.http.HttpServletResponse;

/**
 * The monthly availability report as CSV, for the API and the page alike: one row per service and
 * month. The licence it is published under is named in a {@code Link} header (rel "license") and
 * on the availability page; the file itself is plain rows, so any tool reads it.
 */
final class AvailabilityCsv {

    static final String HEADER_TEXT = "Monthly availability of the council's business services, published under the "
        + MonthlyAvailability.LICENCE;

    private AvailabilityCsv() {
    }

    static void write(MonthlyAvailability.Report report, HttpServletResponse response, boolean excel) {
        response.setHeader("Link", "<" + MonthlyAvailability.LICENCE_URL + ">; rel=\"license\"; title=\""
            + MonthlyAvailability.LICENCE + "\"");
        CsvOutput csv = CsvOutput.attachment(response, "availability-" + report.from() + "-to-" + report.to() + ".csv", excel);
        csv.row("service_id", "service", "month", "up_percent", "down_seconds", "degraded_seconds", "maintenance_seconds",
            "target_percent", "met");
        for (MonthlyAvailability.ServiceMonths s : report.services()) {
            for (MonthlyAvailability.Month m : s.months()) {
                AvailabilityService.Figures f = m.figures();
                csv.row(String.valueOf(s.id()), s.name(), m.month(), String.format(Locale.ROOT, "%.3f", f.upPercent()),
                    String.valueOf(f.downSeconds()), String.valueOf(f.degradedSeconds()), String.valueOf(f.maintenanceSeconds()),
                    plain(s.target()), f.met() == null ? "" : f.met().toString());
            }
        }
        csv.flush();
    }

    static String plain(BigDecimal b) {
        return b == null ? "" : b.toPlainString();
    }
}
