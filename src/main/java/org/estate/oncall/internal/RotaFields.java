package org.estate.oncall.internal;

import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Predicate;

import org.estate.oncall.internal.RotaSchedule.Layer;
import org.estate.oncall.internal.RotaSchedule.Restriction;
import org.estate.oncall.internal.RotaSchedule.Rotation;
import org.estate.platform.ValidationException;
import org.estate.platform.ValidationException.FieldError;

/**
 * A rota as the API and the form give it, and the rules it must meet: every field's range, and 422
 * naming each field that is out of it.
 */
public final class RotaFields {

    public static final int MAX_LAYERS = 10;
    public static final int MAX_MEMBERS = 100;
    public static final int MAX_RESTRICTIONS = 14;
    public static final int MAX_HOURS = 24 * 28;
    public static final int MIN_YEAR = 2000;
    public static final int MAX_YEAR = 2100;

    // What a GET gave back may be PUT as it is: its read-only fields are ignored.
    @com.fasterxml.jackson.annotation.JsonIgnoreProperties({"version"})
    public record RotaInput(String key, String name, String zone, List<LayerInput> layers) {
    }

    public record LayerInput(String name, List<String> members, String rotation, Integer hours, String handoff,
                             List<RestrictionInput> restrictions) {
    }

    public record RestrictionInput(List<String> days, String from, String to) {
    }

    /** A rota checked: its zone and layers ready for {@link RotaSchedule}, and the input normalised for storing. */
    public record Checked(ZoneId zone, List<Layer> layers, List<LayerInput> normalised) {
    }

    private RotaFields() {
    }

    static Checked check(RotaInput in, boolean checkKey, Predicate<String> userExists) {
        List<FieldError> errors = new ArrayList<>();
        if (checkKey && (in.key() == null || !in.key().matches("[a-z0-9][a-z0-9-]{0,59}"))) {
            errors.add(new FieldError("key", "Give a key of lower-case letters, digits and hyphens, up to 60 characters"));
        }
        if (in.name() == null || in.name().isBlank()) {
            errors.add(new FieldError("name", "Give the rota a name"));
        } else if (in.name().strip().length() > 200) {
            errors.add(new FieldError("name", "Name must be 200 characters or fewer"));
        }
        ZoneId zone = null;
        if (in.zone() == null || in.zone().isBlank()) {
            errors.add(new FieldError("zone", "Give the rota's time zone, e.g. Europe/London"));
        } else {
            try {
                zone = in.zone().length() > 64 ? null : ZoneId.of(in.zone().strip());
            } catch (DateTimeException e) {
                zone = null;
            }
            if (zone == null || !in.zone().contains("/") && !in.zone().strip().equals("UTC")) {
                errors.add(new FieldError("zone", "'" + clip(in.zone()) + "' is not a time zone such as Europe/London"));
                zone = null;
            }
        }
        List<LayerInput> given = in.layers() == null ? List.of() : in.layers();
        if (given.isEmpty()) {
            errors.add(new FieldError("layers", "Give the rota at least one layer"));
        } else if (given.size() > MAX_LAYERS) {
            errors.add(new FieldError("layers", "A rota has at most " + MAX_LAYERS + " layers (" + given.size() + " given)"));
            given = List.of();
        }
        List<Layer> layers = new ArrayList<>();
        List<LayerInput> normalised = new ArrayList<>();
        Set<String> names = new LinkedHashSet<>();
        for (int i = 0; i < given.size(); i++) {
            LayerInput l = given.get(i);
            String p = "layers[" + i + "]";
            if (l == null) {
                errors.add(new FieldError(p, "A layer cannot be null"));
                continue;
            }
            int before = errors.size();
            String name = l.name() == null || l.name().isBlank() ? "Layer " + (i + 1) : l.name().strip();
            if (name.length() > 100) {
                errors.add(new FieldError(p + ".name", "A layer's name must be 100 characters or fewer"));
            } else if (!names.add(name)) {
                errors.add(new FieldError(p + ".name", "Two layers are called '" + clip(name) + "'"));
            }
            List<String> members = members(l.members(), p, userExists, errors);
            Rotation rotation = null;
            int hours = 0;
            String r = l.rotation() == null ? "" : l.rotation().strip().toLowerCase(Locale.ROOT);
            switch (r) {
                case "daily" -> rotation = Rotation.DAILY;
                case "weekly" -> rotation = Rotation.WEEKLY;
                case "hours" -> {
                    rotation = Rotation.HOURS;
                    if (l.hours() == null || l.hours() < 1 || l.hours() > MAX_HOURS) {
                        errors.add(new FieldError(p + ".hours", "Give the hours between hand-offs, 1 to " + MAX_HOURS));
                    } else {
                        hours = l.hours();
                    }
                }
                default -> errors.add(new FieldError(p + ".rotation", "Rotation must be daily, weekly or hours"));
            }
            if (rotation != Rotation.HOURS && l.hours() != null) {
                errors.add(new FieldError(p + ".hours", "Hours apply only to the 'hours' rotation"));
            }
            LocalDateTime handoff = null;
            if (l.handoff() == null || l.handoff().isBlank()) {
                errors.add(new FieldError(p + ".handoff", "Give the first hand-off as a local date-time, e.g. 2027-01-04T09:00"));
            } else {
                try {
                    handoff = l.handoff().length() > 40 ? null : LocalDateTime.parse(l.handoff().strip());
                } catch (DateTimeException e) {
                    handoff = null;
                }
                if (handoff == null) {
                    errors.add(new FieldError(p + ".handoff", "'" + clip(l.handoff()) + "' is not a local date-time such as 2027-01-04T09:00"));
                } else if (handoff.getYear() < MIN_YEAR || handoff.getYear() > MAX_YEAR) {
                    errors.add(new FieldError(p + ".handoff", "The hand-off must be between " + MIN_YEAR + " and " + MAX_YEAR));
                    handoff = null;
                }
            }
            List<Restriction> restrictions = new ArrayList<>();
            List<RestrictionInput> restrictionsOut = new ArrayList<>();
            restrictions(l.restrictions(), p, errors, restrictions, restrictionsOut);
            if (errors.size() == before) {
                layers.add(new Layer(name, members, rotation, hours, handoff, restrictions));
                normalised.add(new LayerInput(name, members, r, rotation == Rotation.HOURS ? hours : null, handoff.toString(), restrictionsOut));
            }
        }
        if (!errors.isEmpty()) {
            throw new ValidationException(errors);
        }
        return new Checked(zone, layers, normalised);
    }

    private static List<String> members(List<String> given, String p, Predicate<String> userExists, List<FieldError> errors) {
        List<String> members = new ArrayList<>();
        if (given == null || given.isEmpty()) {
            errors.add(new FieldError(p + ".members", "Give the layer at least one member"));
            return members;
        }
        if (given.size() > MAX_MEMBERS) {
            errors.add(new FieldError(p + ".members", "A layer has at most " + MAX_MEMBERS + " members (" + given.size() + " given)"));
            return members;
        }
        for (int j = 0; j < given.size(); j++) {
            String u = given.get(j);
            if (u == null || u.isBlank() || u.strip().length() > 100 || !userExists.test(u.strip())) {
                errors.add(new FieldError(p + ".members[" + j + "]", "No user '" + clip(u) + "'"));
            } else {
                // A member may appear twice (two turns in one round), so order and repeats are kept.
                members.add(u.strip());
            }
        }
        return members;
    }

    private static void restrictions(List<RestrictionInput> given, String p, List<FieldError> errors, List<Restriction> out,
                                     List<RestrictionInput> normalised) {
        if (given == null) {
            return;
        }
        if (given.size() > MAX_RESTRICTIONS) {
            errors.add(new FieldError(p + ".restrictions", "A layer has at most " + MAX_RESTRICTIONS + " restrictions"));
            return;
        }
        for (int k = 0; k < given.size(); k++) {
            RestrictionInput ri = given.get(k);
            String q = p + ".restrictions[" + k + "]";
            if (ri == null) {
                errors.add(new FieldError(q, "A restriction cannot be null"));
                continue;
            }
            EnumSet<DayOfWeek> days = EnumSet.noneOf(DayOfWeek.class);
            if (ri.days() == null || ri.days().isEmpty() || ri.days().size() > 7) {
                errors.add(new FieldError(q + ".days", "Give the days, e.g. [\"MONDAY\", \"TUESDAY\"]"));
            } else {
                for (String d : ri.days()) {
                    try {
                        days.add(DayOfWeek.valueOf(d == null || d.length() > 10 ? "" : d.strip().toUpperCase(Locale.ROOT)));
                    } catch (IllegalArgumentException e) {
                        errors.add(new FieldError(q + ".days", "'" + clip(d) + "' is not a day such as MONDAY"));
                    }
                }
            }
            Integer from = minute(ri.from(), false);
            Integer to = minute(ri.to(), true);
            if (from == null) {
                errors.add(new FieldError(q + ".from", "Give from as a time of day, 00:00 to 23:59"));
            }
            if (to == null) {
                errors.add(new FieldError(q + ".to", "Give to as a time of day, 00:01 to 24:00"));
            }
            // 00:00 as the end is midnight at the day's end, as 24:00 is: 00:00–24:00 is the whole day.
            Integer end = to == null ? null : to == 0 ? 1440 : to;
            if (from != null && end != null && from.equals(end)) {
                errors.add(new FieldError(q + ".to", "From and to are the same time: give 00:00 to 24:00 for the whole day"));
            }
            if (from != null && end != null && !days.isEmpty() && !from.equals(end)) {
                out.add(new Restriction(days, from, end));
                normalised.add(new RestrictionInput(days.stream().map(DayOfWeek::name).toList(), text(from), text(end)));
            }
        }
    }

    /** Minutes from midnight of "HH:mm"; "24:00" only where {@code endOfDay}. */
    private static Integer minute(String s, boolean endOfDay) {
        if (s == null || s.length() > 5) {
            return null;
        }
        String v = s.strip();
        if (endOfDay && v.equals("24:00")) {
            return 1440;
        }
        if (!v.matches("\\d{2}:\\d{2}")) {
            return null;
        }
        try {
            LocalTime t = LocalTime.parse(v);
            return t.getHour() * 60 + t.getMinute();
        } catch (DateTimeException e) {
            return null;
        }
    }

    static String text(int minute) {
        return minute == 1440 ? "24:00" : String.format("%02d:%02d", minute / 60, minute % 60);
    }

    static String clip(String s) {
        return s == null ? null : s.length() <= 40 ? s : s.substring(0, 39) + "…";
    }
}
