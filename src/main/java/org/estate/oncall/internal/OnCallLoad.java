package org.estate.oncall.internal;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.estate.oncall.internal.RotaFields.LayerInput;
import org.estate.oncall.internal.RotaSchedule.Shift;
import org.estate.platform.NotFoundException;
import org.estate.platform.ValidationException;
import org.estate.servicedesk.BusinessCalendar;
import org.estate.servicedesk.DeskDirectory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Each person's on-call load over a calendar month (in the rota's zone), what standby allowances
 * and time off in lieu are paid on: hours on call, the part of them outside office hours (the
 * service desk's {@code office-hours} calendar, bank holidays included), and pages received.
 */
@Component
public class OnCallLoad {

    static final String OFFICE_HOURS = "office-hours";

    /** Hours to two decimal places (exact: a shift's minutes divided by 60, rounded half up). */
    public record Row(String user, BigDecimal hoursOnCall, BigDecimal hoursOutOfOfficeHours, long pages) {
    }

    private final RotaService rotas;
    private final DeskDirectory desk;
    private final PageCounts pages;

    OnCallLoad(RotaService rotas, DeskDirectory desk, PageCounts pages) {
        this.rotas = rotas;
        this.desk = desk;
        this.pages = pages;
    }

    @Transactional(readOnly = true)
    public List<Row> month(String key, String month) {
        YearMonth ym;
        try {
            ym = month == null || month.length() > 7 ? null : YearMonth.parse(month.strip());
        } catch (DateTimeException e) {
            ym = null;
        }
        if (ym == null) {
            throw new ValidationException("month", "Give month as YYYY-MM, e.g. 2027-01");
        }
        if (ym.getYear() < RotaFields.MIN_YEAR || ym.getYear() > RotaFields.MAX_YEAR) {
            throw new ValidationException("month", "month must be between " + RotaFields.MIN_YEAR + " and " + RotaFields.MAX_YEAR);
        }
        RotaService.Loaded r = rotas.load(key);
        var zone = java.time.ZoneId.of(r.view().zone());
        Instant from = ym.atDay(1).atStartOfDay(zone).toInstant();
        Instant to = ym.plusMonths(1).atDay(1).atStartOfDay(zone).toInstant();
        BusinessCalendar office;
        try {
            office = desk.calendar(OFFICE_HOURS);
        } catch (NotFoundException e) {
            office = null; // no office-hours calendar: every on-call hour is out of office hours
        }
        Map<String, long[]> minutes = new LinkedHashMap<>();
        for (LayerInput l : r.view().layers()) {
            for (String m : l.members()) {
                minutes.putIfAbsent(m, new long[2]);
            }
        }
        for (Shift s : r.schedule().shifts(from, to, rotas.overrides(r.id(), from, to))) {
            long[] m = minutes.computeIfAbsent(s.user(), u -> new long[2]);
            long all = Duration.between(s.start(), s.end()).toSeconds();
            long inOffice = office == null ? 0 : office.elapsed(s.start(), s.end()).toSeconds();
            m[0] += all;
            m[1] += all - inOffice;
        }
        Map<String, Long> paged = pages.pagesPerUser(key, from, to);
        List<Row> rows = new ArrayList<>();
        minutes.forEach((user, m) -> rows.add(new Row(user, hours(m[0]), hours(m[1]), paged.getOrDefault(user, 0L))));
        rows.sort(java.util.Comparator.comparing(Row::user));
        return rows;
    }

    private static BigDecimal hours(long seconds) {
        return BigDecimal.valueOf(seconds).divide(BigDecimal.valueOf(3600), 2, RoundingMode.HALF_UP);
    }
}
