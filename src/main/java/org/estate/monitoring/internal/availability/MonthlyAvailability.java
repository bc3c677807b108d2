package org.estate.monitoring.internal.availability;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

import org.estate.cmdb.Ci;
import org.estate.cmdb.CiFilter;
import org.estate.cmdb.Cmdb;
import org.estate.platform.PageResult;
import org.estate.platform.Paging;
import org.estate.platform.ValidationException;
import org.springframework.stereotype.Service;

/**
 * Monthly availability of every business service against its target: what a council publishes
 * (under the Open Government Licence). Months are calendar months in Europe/London; the current
 * month counts up to now.
 */
@Service
public class MonthlyAvailability {

    public static final ZoneId ZONE = ZoneId.of("Europe/London");
    public static final int MAX_MONTHS = 36;
    public static final String LICENCE = "Open Government Licence v3.0";
    public static final String LICENCE_URL = "https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/";

    /** One month of one service. */
    public record Month(String month, AvailabilityService.Figures figures) {
    }

    /** One business service and its months, oldest first. */
    public record ServiceMonths(long id, String name, BigDecimal target, List<Month> months) {
    }

    /** The report: the months asked for and every business service, by name. */
    public record Report(String from, String to, String licence, String licenceUrl, List<ServiceMonths> services) {
    }

    private final Cmdb cmdb;
    private final AvailabilityService availability;
    private final Clock clock;

    MonthlyAvailability(Cmdb cmdb, AvailabilityService availability, Clock clock) {
        this.cmdb = cmdb;
        this.availability = availability;
        this.clock = clock;
    }

    /** Reads a {@code yyyy-MM} parameter; null or blank gives {@code fallback}. */
    public static YearMonth month(String field, String value, YearMonth fallback) {
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            YearMonth m = YearMonth.parse(value.strip());
            if (m.getYear() >= 2000 && m.getYear() <= 2100) {
                return m;
            }
        } catch (DateTimeParseException e) {
            // answered below
        }
        throw new ValidationException(field, field + " must be a month like 2026-01, from 2000 to 2100");
    }

    public YearMonth thisMonth() {
        return YearMonth.from(clock.instant().atZone(ZONE));
    }

    /** Every business service's months from {@code from} to {@code to}, both included. */
    public Report report(YearMonth from, YearMonth to) {
        if (to.isBefore(from)) {
            throw new ValidationException("to", "to must not be before from");
        }
        if (from.plusMonths(MAX_MONTHS - 1).isBefore(to)) {
            throw new ValidationException("to", "At most " + MAX_MONTHS + " months at once");
        }
        List<Instant> cuts = new ArrayList<>();
        List<String> labels = new ArrayList<>();
        for (YearMonth m = from; !m.isAfter(to); m = m.plusMonths(1)) {
            cuts.add(m.atDay(1).atStartOfDay(ZONE).toInstant());
            labels.add(m.toString());
        }
        cuts.add(to.plusMonths(1).atDay(1).atStartOfDay(ZONE).toInstant());
        List<ServiceMonths> services = new ArrayList<>();
        for (Ci ci : businessServices()) {
            List<AvailabilityService.Figures> figures = availability.over(ci, cuts);
            List<Month> months = new ArrayList<>(labels.size());
            for (int i = 0; i < labels.size(); i++) {
                months.add(new Month(labels.get(i), figures.get(i)));
            }
            services.add(new ServiceMonths(ci.id(), ci.name(), AvailabilityService.target(ci), months));
        }
        return new Report(from.toString(), to.toString(), LICENCE, LICENCE_URL, services);
    }

    private List<Ci> businessServices() {
        List<Ci> out = new ArrayList<>();
        CiFilter filter = new CiFilter(AvailabilityService.BUSINESS_SERVICE, null, null, null, null);
        for (int page = 0; ; page++) {
            PageResult<Ci> result = cmdb.search(filter, new Paging(page, Paging.MAX_SIZE));
            out.addAll(result.items());
            if (result.items().size() < Paging.MAX_SIZE) {
                return out;
            }
        }
    }
}
