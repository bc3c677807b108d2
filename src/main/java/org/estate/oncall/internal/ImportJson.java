package org.estate.oncall.internal;

import java.time.DateTimeException;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;

import org.estate.platform.ValidationException.FieldError;

import tools.jackson.databind.JsonNode;

/** Reading the fields PagerDuty and Opsgenie exports share the shape of (text, times, zones), and keys made from names. */
final class ImportJson {

    private ImportJson() {
    }

    static JsonNode unwrap(JsonNode n, String wrapper) {
        return n.has(wrapper) && n.path(wrapper).isObject() ? n.path(wrapper) : n;
    }

    static String text(JsonNode n, String field) {
        JsonNode v = n == null ? null : n.get(field);
        return v == null || v.isNull() || !v.isValueNode() ? null : v.asString();
    }

    static Integer hm(JsonNode r, String hour, String minute) {
        if (!r.path(hour).isNumber()) {
            return null;
        }
        int h = r.path(hour).asInt();
        int m = r.path(minute).asInt(0);
        return h < 0 || h > 24 || m < 0 || m > 59 || h == 24 && m > 0 ? null : h * 60 + m;
    }

    static Integer timeOfDay(String s) {
        if (s == null || s.length() > 8) {
            return null;
        }
        try {
            LocalTime t = LocalTime.parse(s.strip());
            if (t.getSecond() != 0) {
                return null;
            }
            return t.getHour() * 60 + t.getMinute();
        } catch (DateTimeException e) {
            return null;
        }
    }

    static ZoneId zone(String z, String field, List<FieldError> errors) {
        if (z == null || z.isBlank()) {
            errors.add(new FieldError(field, "Give the schedule's time zone"));
            return null;
        }
        try {
            if (z.length() <= 64 && (z.contains("/") || z.strip().equals("UTC"))) {
                return ZoneId.of(z.strip());
            }
        } catch (DateTimeException e) {
            // below
        }
        errors.add(new FieldError(field, "'" + RotaFields.clip(z) + "' is not an IANA time zone such as Europe/London"));
        return null;
    }

    /** An instant with an offset as the wall-clock time in the schedule's zone (a hand-off keeps its local time, as in both products). */
    static LocalDateTime local(String value, ZoneId zone, String field, List<FieldError> errors) {
        if (value == null || value.isBlank()) {
            errors.add(new FieldError(field, "Give the start as ISO-8601 with an offset"));
            return null;
        }
        try {
            OffsetDateTime t = OffsetDateTime.parse(value.strip());
            return zone == null ? null : t.atZoneSameInstant(zone).toLocalDateTime();
        } catch (DateTimeException e) {
            errors.add(new FieldError(field, "'" + RotaFields.clip(value) + "' is not ISO-8601 with an offset"));
            return null;
        }
    }

    static String slug(String name) {
        String s = name == null ? "" : name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-+|-+$", "");
        if (s.length() > 60) {
            s = s.substring(0, 60).replaceAll("-+$", "");
        }
        return s.isEmpty() ? "imported" : s;
    }

    static String clipKey(String base, String suffix) {
        String b = base.length() + 1 + suffix.length() > 60 ? base.substring(0, Math.max(1, 59 - suffix.length())) : base;
        String k = (b.replaceAll("-+$", "") + "-" + suffix);
        return k.length() > 60 ? k.substring(0, 60) : k;
    }
}
