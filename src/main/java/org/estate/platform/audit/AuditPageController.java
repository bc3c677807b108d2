package org.estate.platform.audit;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.LinkedHashMap;
import java.util.Map;

import org.estate.platform.AuditLog;
import org.estate.platform.PageResult;
import org.estate.platform.Paging;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.util.UriComponentsBuilder;

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

    @GetMapping("/admin/audit")
    @PreAuthorize("hasRole('MANAGER')")
    String auditLog(@RequestParam(required = false) String actor, @RequestParam(required = false) String entity,
                    @RequestParam(required = false) String from, @RequestParam(required = false) String to,
                    @RequestParam(required = false) Integer page, Model model) {
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
        Instant fromAt = fromDay == null ? null : fromDay.atStartOfDay(LONDON).toInstant();
        Instant toAt = toDay == null ? null : toDay.plusDays(1).atStartOfDay(LONDON).toInstant();
        PageResult<AuditLog.Entry> result = audit.search(new AuditLog.Query(who, kind, null, fromAt, toAt),
            Paging.of(page == null ? 0 : Math.max(0, page), 50));
        UriComponentsBuilder base = UriComponentsBuilder.fromPath("/admin/audit");
        Map<String, String> values = new LinkedHashMap<>();
        values.put("actor", actor == null ? "" : actor);
        values.put("entity", entity == null ? "" : entity);
        values.put("from", from == null ? "" : from);
        values.put("to", to == null ? "" : to);
        values.forEach((k, v) -> {
            if (!v.isBlank()) {
                base.queryParam(k, v);
            }
        });
        String query = base.build().encode().toUriString();
        model.addAttribute("values", values);
        model.addAttribute("errors", errors);
        model.addAttribute("entities", audit.entities());
        model.addAttribute("result", result);
        Map<Long, String> times = new LinkedHashMap<>();
        result.items().forEach(e -> times.put(e.id(), WHEN.format(e.at().atZone(LONDON))));
        model.addAttribute("times", times);
        model.addAttribute("pageBase", query + (query.contains("?") ? "&" : "?"));
        return "platform/audit";
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
