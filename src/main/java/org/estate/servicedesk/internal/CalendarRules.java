package org.estate.servicedesk.internal;

import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import org.estate.platform.AuditLog;
import org.estate.platform.AuditLog.Change;
import org.estate.platform.BadRequestException;
import org.estate.platform.ConflictException;
import org.estate.platform.NotFoundException;
import org.estate.platform.PreconditionFailedException;
import org.estate.platform.ValidationException;
import org.estate.platform.ValidationException.FieldError;
import org.estate.servicedesk.BusinessCalendar;
import org.estate.servicedesk.BusinessCalendar.Interval;
import org.estate.servicedesk.CalendarInput;
import org.estate.servicedesk.CalendarView;
import org.estate.servicedesk.CalendarView.Holiday;
import org.estate.servicedesk.CalendarView.Hours;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The rules a business calendar's input must meet (and so what every stored calendar can honour),
 * and how hours and holidays are written in a calendar revision's columns.
 */
final class CalendarRules {

    private CalendarRules() {
    }

    record Parsed(String key, String name, ZoneId zone, Map<DayOfWeek, List<Interval>> hours, List<Holiday> holidays) {
    }

    static Parsed validate(CalendarInput in, boolean checkKey) {
        List<FieldError> errors = new ArrayList<>();
        if (checkKey && (in.key() == null || !in.key().matches(CalendarService.KEY_PATTERN))) {
            errors.add(new FieldError("key", "Give a key of lower-case letters, digits and hyphens, up to 60 characters"));
        }
        if (in.name() == null || in.name().isBlank()) {
            errors.add(new FieldError("name", "Give the calendar a name"));
        } else if (in.name().length() > 200) {
            errors.add(new FieldError("name", "Name must be 200 characters or fewer"));
        }
        ZoneId zone = null;
        if (in.zone() == null || in.zone().isBlank()) {
            errors.add(new FieldError("zone", "Give a time zone, such as Europe/London"));
        } else {
            try {
                zone = ZoneId.of(in.zone());
            } catch (DateTimeException e) {
                errors.add(new FieldError("zone", "'" + in.zone() + "' is not a time zone: use a name such as Europe/London"));
            }
        }
        Map<DayOfWeek, List<Interval>> hours = new EnumMap<>(DayOfWeek.class);
        if (in.hours() == null || in.hours().isEmpty()) {
            errors.add(new FieldError("hours", "Give the opening hours of at least one weekday"));
        } else {
            in.hours().forEach((dayName, list) -> {
                DayOfWeek day;
                try {
                    day = DayOfWeek.valueOf(dayName.trim().toUpperCase(Locale.ROOT));
                } catch (IllegalArgumentException e) {
                    errors.add(new FieldError("hours." + dayName, "'" + dayName + "' is not a weekday: use MONDAY to SUNDAY"));
                    return;
                }
                List<Interval> intervals = new ArrayList<>();
                if (list != null && list.size() > CalendarService.MAX_INTERVALS_PER_DAY) {
                    errors.add(new FieldError("hours." + day, "At most " + CalendarService.MAX_INTERVALS_PER_DAY + " opening intervals a day"));
                    return;
                }
                for (int i = 0; list != null && i < list.size(); i++) {
                    Hours h = list.get(i);
                    try {
                        intervals.add(Interval.of(h == null ? null : h.from(), h == null ? null : h.to()));
                    } catch (IllegalArgumentException e) {
                        errors.add(new FieldError("hours." + day + "[" + i + "]", e.getMessage()));
                    }
                }
                hours.put(day, intervals);
            });
        }
        List<Holiday> holidays = new ArrayList<>();
        TreeMap<LocalDate, String> seen = new TreeMap<>();
        if (in.holidays() != null) {
            for (int i = 0; i < in.holidays().size(); i++) {
                String d = in.holidays().get(i);
                LocalDate date = holiday(d);
                if (date == null) {
                    errors.add(new FieldError("holidays[" + i + "]", "'" + abbreviate(d) + "' is not a date (yyyy-mm-dd) from "
                        + CalendarService.FIRST_HOLIDAY + " to " + BusinessCalendar.LAST_DATE));
                } else {
                    seen.put(date, "Holiday");
                }
                if (errors.size() >= 100) {
                    break;
                }
            }
            if (seen.size() > CalendarService.MAX_HOLIDAYS) {
                errors.add(new FieldError("holidays", "A calendar holds at most " + CalendarService.MAX_HOLIDAYS + " holidays (" + seen.size() + " given)"));
            }
        }
        seen.forEach((d, t) -> holidays.add(new Holiday(d, t)));
        if (errors.isEmpty()) {
            try {
                BusinessCalendar c = new BusinessCalendar(zone, hours, seen.keySet());
                if (c.weekMinutes() < CalendarService.MIN_WEEK_MINUTES) {
                    errors.add(new FieldError("hours", "A calendar must be open at least " + CalendarService.MIN_WEEK_MINUTES
                        + " minutes a week, or SLA targets on it could never fall due"));
                }
            } catch (IllegalArgumentException e) {
                errors.add(new FieldError("hours", e.getMessage()));
            }
        }
        if (!errors.isEmpty()) {
            throw new ValidationException(errors);
        }
        return new Parsed(in.key(), in.name().trim(), zone, hours, holidays);
    }

    /** A holiday date within the dates business time is counted over, or null. */
    static LocalDate holiday(String text) {
        String v = text == null ? "" : text.trim();
        if (v.length() != 10) {
            return null;
        }
        try {
            LocalDate d = LocalDate.parse(v);
            return d.isBefore(CalendarService.FIRST_HOLIDAY) || d.isAfter(BusinessCalendar.LAST_DATE) ? null : d;
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    static String title(String t) {
        String clean = t == null || t.isBlank() ? "Bank holiday" : t.trim();
        return clean.length() <= CalendarService.MAX_HOLIDAY_TITLE ? clean : clean.substring(0, CalendarService.MAX_HOLIDAY_TITLE - 1) + "…";
    }

    static String abbreviate(String s) {
        return s == null ? "" : s.length() <= 40 ? s : s.substring(0, 39) + "…";
    }

    static String encodeHours(Map<DayOfWeek, List<Interval>> hours) {
        StringBuilder s = new StringBuilder();
        for (DayOfWeek day : DayOfWeek.values()) {
            List<Interval> list = hours.getOrDefault(day, List.of());
            if (list.isEmpty()) {
                continue;
            }
            if (!s.isEmpty()) {
                s.append(';');
            }
            s.append(day.name()).append('=');
            for (int i = 0; i < list.size(); i++) {
                s.append(i == 0 ? "" : ",").append(list.get(i).fromText()).append('-').append(list.get(i).toText());
            }
        }
        return s.toString();
    }

    static Map<DayOfWeek, List<Interval>> decodeHours(String text) {
        Map<DayOfWeek, List<Interval>> hours = new EnumMap<>(DayOfWeek.class);
        for (String part : text.split(";")) {
            if (part.isBlank()) {
                continue;
            }
            String[] kv = part.split("=", 2);
            List<Interval> list = new ArrayList<>();
            for (String iv : kv[1].split(",")) {
                String[] ft = iv.split("-");
                list.add(Interval.of(ft[0], ft[1]));
            }
            hours.put(DayOfWeek.valueOf(kv[0]), list);
        }
        return hours;
    }

    static String encodeHolidays(List<Holiday> holidays) {
        StringBuilder s = new StringBuilder();
        for (Holiday h : holidays) {
            if (!s.isEmpty()) {
                s.append(';');
            }
            s.append(h.date()).append('|').append(h.title().replace(";", ",").replace("|", "/"));
        }
        return s.toString();
    }

    static List<Holiday> decodeHolidays(String text) {
        List<Holiday> list = new ArrayList<>();
        if (text == null || text.isBlank()) {
            return list;
        }
        for (String part : text.split(";")) {
            String[] dt = part.split("\\|", 2);
            list.add(new Holiday(LocalDate.parse(dt[0]), dt.length > 1 ? dt[1] : "Holiday"));
        }
        return list;
    }
}
