package org.estate.change.web;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.estate.cmdb.CiSuggestion;
import org.estate.cmdb.Cmdb;
import org.estate.platform.ValidationException;
import org.springframework.stereotype.Component;

/**
 * What the freeze and window pages share: CIs typed one per line ("Name" or "Name (Class)"), times
 * typed and shown in Europe/London, and the service's field errors mapped onto the form's fields.
 */
@Component("schedulePages")
class SchedulePages {

    static final ZoneId LONDON = ZoneId.of("Europe/London");
    private static final DateTimeFormatter FORM_TIME = DateTimeFormatter.ofPattern("dd/MM/yyyy HH:mm").withZone(LONDON);
    static final int MAX_LINES = 200;

    private final Cmdb cmdb;

    SchedulePages(Cmdb cmdb) {
        this.cmdb = cmdb;
    }

    /** The ids of the CIs named one per line; problems go to {@code errors} under {@code field}. */
    List<Long> cis(String text, String field, Map<String, String> errors) {
        List<Long> ids = new ArrayList<>();
        String[] lines = text == null ? new String[0] : text.split("\\R");
        if (lines.length > MAX_LINES) {
            errors.putIfAbsent(field, "Name at most " + MAX_LINES + " CIs");
            return ids;
        }
        for (String line : lines) {
            String name = line.strip();
            if (name.isEmpty()) {
                continue;
            }
            List<CiSuggestion> found = name.length() > 300 ? List.of() : cmdb.named(name);
            if (found.size() == 1) {
                ids.add(found.getFirst().id());
            } else {
                String shown = name.length() > 40 ? name.substring(0, 39) + "…" : name;
                errors.putIfAbsent(field, found.isEmpty() ? "There is no CI named '" + shown + "'"
                    : "More than one CI is named '" + shown + "': add its class, like " + found.getFirst().label());
            }
        }
        if (ids.isEmpty() && !errors.containsKey(field)) {
            errors.put(field, "Name at least one CI, one per line");
        }
        return ids;
    }

    /** The CIs as the form shows them, one "Name (Class)" per line. */
    String lines(List<Long> ids) {
        List<String> out = new ArrayList<>();
        for (Long id : ids) {
            try {
                var ci = cmdb.get(id);
                out.add(ci.name() + " (" + cmdb.ciClass(ci.ciClass()).map(c -> c.label()).orElse(ci.ciClass()) + ")");
            } catch (org.estate.platform.NotFoundException e) {
                // a CI deleted since: left out
            }
        }
        return String.join("\n", out);
    }

    /** The names of these CIs, for lists (one query). */
    Map<Long, String> names(List<Long> ids) {
        return cmdb.names(ids);
    }

    /** A time typed on a form (31/03/2027 14:05 in London, or ISO-8601), as the API's ISO text; problems to {@code errors}. */
    static String time(String value, String field, String label, Map<String, String> errors) {
        return org.estate.platform.Instants.formTime(value, field, label, errors);
    }

    static String formTime(Instant i) {
        return i == null ? "" : FORM_TIME.format(i);
    }

    /** The service's field errors on the form's fields: {@code scope.cis[3]} and {@code cis[0]} on {@code cis}. */
    static Map<String, String> errors(ValidationException e, Map<String, String> into) {
        e.errors().forEach(fe -> {
            String f = fe.field();
            String field = f.startsWith("scope.cis") || f.startsWith("cis") ? "cis" : f;
            into.putIfAbsent(field, fe.message());
        });
        return into;
    }

    static Map<String, String> values(Map<String, String> params) {
        Map<String, String> values = new LinkedHashMap<>(params);
        values.remove("_csrf");
        return values;
    }
}
