package org.estate.platform.audit;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.servlet.http.HttpServletResponse;

import org.estate.platform.AuditLog;
import org.estate.platform.BadRequestException;
import org.estate.platform.CsvOutput;
import org.estate.platform.ListView;
import org.estate.platform.Sort;
import org.estate.platform.ValidationException;
import org.estate.platform.PageResult;
import org.estate.platform.Paging;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The audit log page for managers: every change, newest first, filtered by who made it, the kind
 * of record and a date range (days in Europe/London); the filters stay in the URL.
 */
@Controller
class AuditPageController {

    static final ZoneId LONDON = ZoneId.of("Europe/London");
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("d MMM yyyy, HH:mm", java.util.Locale.UK);
    private static final DateTimeFormatter UK = DateTimeFormatter.ofPattern("d/M/uuuu").withResolverStyle(ResolverStyle.STRICT);

    private final AuditLog audit;

    AuditPageController(AuditLog audit) {
        this.audit = audit;
    }

    /** The filters as given, what they ask of the log, and the errors in them. */
    private record Asked(Map<String, String> values, AuditLog.Query query, Sort sort, Map<String, String> errors) {
    }

    private static Asked asked(String actor, String entity, String from, String to, String sort) {
        Map<String, String> errors = new LinkedHashMap<>();
        LocalDate fromDay = day(from, "from", "Enter the first day as a date, like 27/3/2026", errors);
        LocalDate toDay = day(to, "to", "Enter the last day as a date, like 31/3/2026", errors);
        if (fromDay != null && toDay != null && toDay.isBefore(fromDay)) {
            errors.put("to", "The last day must be the same as or after the first day");
            toDay = null;
        }
        String who = blank(actor);
        String kind = blank(entity);
        if (who != null && who.length() > 100) {
            errors.put("actor", "A username is 100 characters or fewer");
            who = null;
        }
        if (kind != null && kind.length() > 60) {
            kind = null;
        }
        Sort order;
        try {
            order = AuditLog.SORT.parse(sort);
        } catch (ValidationException e) {
            errors.put("sort", e.errors().getFirst().message());
            order = AuditLog.SORT.parse(null);
        }
        Instant fromAt = fromDay == null ? null : fromDay.atStartOfDay(LONDON).toInstant();
        Instant toAt = toDay == null ? null : toDay.plusDays(1).atStartOfDay(LONDON).toInstant();
        Map<String, String> values = new LinkedHashMap<>();
        values.put("actor", actor == null ? "" : actor.trim());
        values.put("entity", entity == null ? "" : entity.trim());
        values.put("from", from == null ? "" : from.trim());
        values.put("to", to == null ? "" : to.trim());
        return new Asked(values, new AuditLog.Query(who, kind, null, fromAt, toAt), order, errors);
    }

    @GetMapping("/admin/audit")
    @PreAuthorize("hasRole('MANAGER')")
    String auditLog(@RequestParam(required = false) String actor, @RequestParam(required = false) String entity,
                    @RequestParam(required = false) String from, @RequestParam(required = false) String to,
                    @RequestParam(required = false) String sort, @RequestParam(required = false) Integer page,
                    @RequestParam(required = false) Integer size, Model model) {
        Asked asked = asked(actor, entity, from, to, sort);
        PageResult<AuditLog.Entry> result = audit.search(asked.query(), asked.sort(), Paging.lenient(page, size));
        ListView list = new ListView("/admin/audit", ListView.filters(asked.values()), asked.sort(), result);
        model.addAttribute("values", asked.values());
        model.addAttribute("errors", asked.errors());
        model.addAttribute("entities", audit.entities());
        model.addAttribute("result", result);
        model.addAttribute("list", list);
        Map<Long, String> times = new LinkedHashMap<>();
        result.items().forEach(e -> times.put(e.id(), WHEN.format(e.at().atZone(LONDON))));
        model.addAttribute("times", times);
        model.addAttribute("pageBase", list.pageBase());
        model.addAttribute("exportUrl", list.at("/admin/audit/export.csv"));
        return "platform/audit";
    }

    /**
     * The entries the page lists for the same filters and order, every page of them, as CSV: one
     * row per entry, its field changes as {@code field: from → to} lines in one cell.
     */
    @GetMapping("/admin/audit/export.csv")
    @PreAuthorize("hasRole('MANAGER')")
    void auditExport(@RequestParam(required = false) String actor, @RequestParam(required = false) String entity,
                     @RequestParam(required = false) String from, @RequestParam(required = false) String to,
                     @RequestParam(required = false) String sort, @RequestParam(required = false) boolean excel,
                     HttpServletResponse response) {
        Asked asked = asked(actor, entity, from, to, sort);
        if (!asked.errors().isEmpty()) {
            Map.Entry<String, String> first = asked.errors().entrySet().iterator().next();
            throw new BadRequestException(first.getKey(), first.getValue());
        }
        CsvOutput csv = CsvOutput.attachment(response, "audit-log.csv", excel);
        csv.row("at", "actor", "via", "entity", "entity_id", "action", "summary", "changes");
        for (int p = 0; ; p++) {
            PageResult<AuditLog.Entry> result = audit.search(asked.query(), asked.sort(), new Paging(p, Paging.MAX_SIZE));
            for (AuditLog.Entry e : result.items()) {
                csv.row(e.at().toString(), e.actor(), e.via(), e.entity(), e.entityId(), e.action(), e.summary(), changes(e));
            }
            if ((long) (p + 1) * Paging.MAX_SIZE >= result.total()) {
                break;
            }
        }
        csv.flush();
    }

    private static String changes(AuditLog.Entry e) {
        if (e.changes() == null) {
            return "";
        }
        StringBuilder text = new StringBuilder();
        e.changes().forEach((field, c) -> text.append(text.isEmpty() ? "" : "\n").append(field).append(": ")
            .append(c.from() == null ? "(none)" : c.from()).append(" → ").append(c.to() == null ? "(none)" : c.to()));
        return text.toString();
    }

    /** A day typed as 27/3/2026 or 2026-03-27; an error on {@code field} when it is neither. */
    private static LocalDate day(String text, String field, String message, Map<String, String> errors) {
        String t = blank(text);
        if (t == null) {
            return null;
        }
        try {
            LocalDate d = t.contains("/") ? LocalDate.parse(t, UK) : LocalDate.parse(t);
            if (d.getYear() < 1 || d.getYear() > 9999) {
                throw new DateTimeParseException("year", t, 0);
            }
            return d;
        } catch (DateTimeParseException e) {
            errors.put(field, message);
            return null;
        }
    }

    private static String blank(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }
}
