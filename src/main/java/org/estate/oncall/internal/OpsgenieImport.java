package org.estate.oncall.internal;

import static org.estate.oncall.internal.ImportJson.clipKey;
import static org.estate.oncall.internal.ImportJson.hm;
import static org.estate.oncall.internal.ImportJson.local;
import static org.estate.oncall.internal.ImportJson.slug;
import static org.estate.oncall.internal.ImportJson.text;
import static org.estate.oncall.internal.ImportJson.zone;

import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeMap;

import org.estate.oncall.internal.EscalationPolicyService.Level;
import org.estate.oncall.internal.EscalationPolicyService.PolicyInput;
import org.estate.oncall.internal.EscalationPolicyService.Target;
import org.estate.oncall.internal.RotaFields.LayerInput;
import org.estate.oncall.internal.RotaFields.RestrictionInput;
import org.estate.platform.ValidationException.FieldError;
import org.estate.servicedesk.DeskDirectory;

import tools.jackson.databind.JsonNode;

/**
 * An Opsgenie schedule ({@code GET /v2/schedules/{id}?expand=rotation}) and escalation
 * ({@code GET /v2/escalations/{id}}) as Estate's inputs, for {@link RotaImportService}: one per
 * import, gathering its warnings and field errors as it reads.
 *
 * <p>Opsgenie has no precedence between rotations: "When an alert is escalated through the schedule,
 * all on-call users in all the different rotations are notified (cumulative)"
 * (support.atlassian.com/opsgenie/docs/manage-on-call-schedules-and-rotations/). An Estate rota has
 * one person on call at a time, so a schedule of several rotations becomes one rota per rotation, and
 * the escalation level that names the schedule names all of them: everyone Opsgenie would notify is
 * reached.
 *
 * <p>Escalation delays: Opsgenie's rule delays are counted from the alert's creation, so rules of one
 * delay become one level that waits until the next rule's delay (the last level waits the repeat's
 * {@code waitInterval}, at least a minute).
 */
final class OpsgenieImport {

    private static final List<String> OPSGENIE_DAYS = List.of("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday");

    private final ImportPeople people;
    private final DeskDirectory desk;
    private final List<String> warnings;
    private final List<FieldError> errors;

    OpsgenieImport(ImportPeople people, DeskDirectory desk, List<String> warnings, List<FieldError> errors) {
        this.people = people;
        this.desk = desk;
        this.warnings = warnings;
        this.errors = errors;
    }

    List<RotaDraft> schedule(JsonNode s, String keyOverride) {
        String name = text(s, "name");
        if (name == null || name.isBlank()) {
            name = "Imported schedule";
        }
        ZoneId zone = zone(text(s, "timezone"), "schedule.timezone", errors);
        JsonNode rotationsNode = s.path("rotations");
        if (!rotationsNode.isArray() || rotationsNode.isEmpty()) {
            errors.add(new FieldError("schedule.rotations", "The schedule has no rotations (export it with ?expand=rotation)"));
            return List.of();
        }
        if (rotationsNode.size() > 1) {
            warnings.add("Opsgenie notifies everyone on call in every rotation of a schedule; an Estate rota has one person at a time, "
                + "so each of the " + rotationsNode.size() + " rotations became a rota of its own");
        }
        String base = keyOverride != null ? keyOverride : slug(name);
        List<RotaDraft> out = new ArrayList<>();
        Set<String> keys = new LinkedHashSet<>();
        for (int i = 0; i < rotationsNode.size(); i++) {
            JsonNode r = rotationsNode.get(i);
            String p = "schedule.rotations[" + i + "]";
            String rotationName = text(r, "name");
            if (rotationName == null || rotationName.isBlank()) {
                rotationName = "Rotation " + (i + 1);
            }
            List<String> members = new ArrayList<>();
            for (JsonNode part : r.path("participants")) {
                String type = text(part, "type");
                if ("user".equals(type)) {
                    String ref = text(part, "username") != null ? text(part, "username") : text(part, "name");
                    String u = people.resolve(ref);
                    if (u != null) {
                        members.add(u);
                    }
                } else {
                    warnings.add("Rotation '" + rotationName + "' has a participant of type " + type + ", which Estate cannot carry over: left out");
                }
            }
            String type = text(r, "type");
            int length = r.path("length").asInt(1);
            String rotation = null;
            Integer hours = null;
            if (length < 1) {
                errors.add(new FieldError(p + ".length", "The length must be at least 1"));
            } else if ("daily".equals(type) && length == 1) {
                rotation = "daily";
            } else if ("weekly".equals(type) && length == 1) {
                rotation = "weekly";
            } else {
                long h = "hourly".equals(type) ? length : "daily".equals(type) ? 24L * length : "weekly".equals(type) ? 168L * length : -1;
                if (h < 0) {
                    errors.add(new FieldError(p + ".type", "Type must be hourly, daily or weekly"));
                } else if (h > RotaFields.MAX_HOURS) {
                    errors.add(new FieldError(p + ".length", "A turn lasts at most " + RotaFields.MAX_HOURS + " hours in Estate"));
                } else {
                    rotation = "hours";
                    hours = (int) h;
                }
            }
            LocalDateTime handoff = local(text(r, "startDate"), zone, p + ".startDate", errors);
            if (text(r, "endDate") != null && !text(r, "endDate").isBlank()) {
                warnings.add("Rotation '" + rotationName + "' ends at " + text(r, "endDate") + " in Opsgenie; in Estate it does not end");
            }
            List<RestrictionInput> restrictions = null;
            JsonNode tr = r.path("timeRestriction");
            if (tr.isObject()) {
                restrictions = restrictions(tr, p + ".timeRestriction", errors);
            }
            if (members.isEmpty()) {
                if (people.unknown.isEmpty()) {
                    errors.add(new FieldError(p + ".participants", "The rotation has no user participants"));
                }
                continue;
            }
            if (rotation == null || handoff == null) {
                continue;
            }
            String key = rotationsNode.size() == 1 ? base : clipKey(base, slug(rotationName));
            if (!keys.add(key)) {
                key = clipKey(base, String.valueOf(i + 1));
                keys.add(key);
            }
            String rotaName = rotationsNode.size() == 1 ? name.strip() : (name.strip() + " – " + rotationName.strip());
            List<LayerInput> layers = List.of(new LayerInput(rotationName.strip(), members, rotation, hours, handoff.toString(), restrictions));
            out.add(new RotaDraft(key, rotaName.length() > 200 ? rotaName.substring(0, 200) : rotaName, zone == null ? null : zone.getId(), layers,
                rotationName));
        }
        return out;
    }

    private static List<RestrictionInput> restrictions(JsonNode tr, String p, List<FieldError> errors) {
        String type = text(tr, "type");
        List<int[]> windows = new ArrayList<>();
        if ("time-of-day".equals(type)) {
            JsonNode r = tr.has("restriction") ? tr.path("restriction") : tr.path("restrictions").path(0);
            Integer from = hm(r, "startHour", "startMin");
            Integer to = hm(r, "endHour", "endMin");
            if (from == null || to == null) {
                errors.add(new FieldError(p + ".restriction", "Give startHour, startMin, endHour and endMin"));
                return null;
            }
            int length = to > from ? to - from : to + 1440 - from;
            for (int d = 0; d < 7; d++) {
                windows.add(new int[] {d * 1440 + from, d * 1440 + from + length});
            }
        } else if ("weekday-and-time-of-day".equals(type)) {
            JsonNode list = tr.has("restrictions") ? tr.path("restrictions") : tr.path("restriction");
            int k = 0;
            for (JsonNode r : list.isArray() ? list : List.of(list)) {
                String q = p + ".restrictions[" + k++ + "]";
                int sd = OPSGENIE_DAYS.indexOf(String.valueOf(text(r, "startDay")).toLowerCase(Locale.ROOT));
                int ed = OPSGENIE_DAYS.indexOf(String.valueOf(text(r, "endDay")).toLowerCase(Locale.ROOT));
                Integer from = hm(r, "startHour", "startMin");
                Integer to = hm(r, "endHour", "endMin");
                if (sd < 0 || ed < 0 || from == null || to == null) {
                    errors.add(new FieldError(q, "Give startDay, startHour, startMin, endDay, endHour and endMin"));
                    continue;
                }
                int s = sd * 1440 + from;
                int e = ed * 1440 + to;
                if (e <= s) {
                    e += 7 * 1440;
                }
                windows.add(new int[] {s, e});
            }
        } else {
            errors.add(new FieldError(p + ".type", "Type must be time-of-day or weekday-and-time-of-day"));
            return null;
        }
        return WeekSpans.restrictions(windows);
    }

    PolicyInput policy(JsonNode e, String scheduleName, String scheduleId, List<RotaDraft> drafts, String policyKey) {
        String name = text(e, "name");
        if (name == null || name.isBlank()) {
            name = (scheduleName == null ? "Imported" : scheduleName) + " escalation";
        }
        // Opsgenie's delays count from the alert's creation: rules of one delay are one level.
        TreeMap<Integer, List<Target>> byDelay = new TreeMap<>();
        int i = 0;
        for (JsonNode rule : e.path("rules")) {
            String p = "escalation.rules[" + i++ + "]";
            JsonNode delay = rule.path("delay");
            long amount = delay.path("timeAmount").asLong(0);
            String unit = text(delay, "timeUnit") == null ? "minutes" : text(delay, "timeUnit").toLowerCase(Locale.ROOT);
            long minutes = switch (unit) {
                case "minutes" -> amount;
                case "hours" -> amount * 60;
                case "days" -> amount * 1440;
                default -> -1;
            };
            if (minutes < 0 || minutes > 7 * 1440) {
                errors.add(new FieldError(p + ".delay", "Give the delay in minutes, hours or days, at most a week"));
                continue;
            }
            if ("if-not-closed".equals(text(rule, "condition"))) {
                warnings.add("Rule " + i + " escalates if the alert is not closed; Estate escalates until a page is acknowledged");
            }
            String notify = text(rule, "notifyType");
            if (notify != null && !notify.equals("default")) {
                warnings.add("Rule " + i + " notifies '" + notify + "'; Estate notifies who is on call (or the user, or the team) as usual");
            }
            JsonNode rec = rule.path("recipient");
            String type = text(rec, "type");
            String ref = text(rec, "username") != null ? text(rec, "username") : text(rec, "name");
            List<Target> targets = byDelay.computeIfAbsent((int) minutes, m -> new ArrayList<>());
            if ("schedule".equals(type)) {
                boolean ours = ref != null && ref.equals(scheduleName) || text(rec, "id") != null && text(rec, "id").equals(scheduleId);
                if (ours) {
                    drafts.forEach(d -> targets.add(new Target(d.key(), null, null)));
                } else {
                    warnings.add("Rule " + i + " names schedule '" + ref + "', which was not imported: left out");
                }
            } else if ("user".equals(type)) {
                String u = people.resolve(ref);
                if (u != null) {
                    targets.add(new Target(null, u, null));
                }
            } else if ("team".equals(type)) {
                String team = ref == null ? null : slug(ref);
                if (team != null && desk.team(team).isPresent()) {
                    targets.add(new Target(null, null, team));
                } else {
                    warnings.add("Rule " + i + " names team '" + ref + "', which Estate has no team for: left out");
                }
            } else {
                warnings.add("Rule " + i + " names a recipient of type " + type + ", which Estate cannot carry over: left out");
            }
        }
        byDelay.values().removeIf(List::isEmpty);
        if (byDelay.isEmpty()) {
            if (errors.isEmpty() && people.unknown.isEmpty()) {
                errors.add(new FieldError("escalation.rules", "No escalation rule could be carried over"));
            }
            return null;
        }
        JsonNode repeat = e.path("repeat");
        int wait = Math.max(1, Math.min(EscalationPolicyService.MAX_DELAY_MINUTES, repeat.path("waitInterval").asInt(1)));
        int count = repeat.path("count").asInt(0);
        if (count > EscalationPolicyService.MAX_REPEAT) {
            warnings.add("The policy repeats " + count + " times in Opsgenie; Estate repeats at most " + EscalationPolicyService.MAX_REPEAT);
            count = EscalationPolicyService.MAX_REPEAT;
        }
        List<Integer> delays = new ArrayList<>(byDelay.keySet());
        List<Level> levels = new ArrayList<>();
        for (int j = 0; j < delays.size(); j++) {
            int next = j + 1 < delays.size() ? delays.get(j + 1) - delays.get(j) : wait;
            levels.add(new Level(byDelay.get(delays.get(j)), Math.min(EscalationPolicyService.MAX_DELAY_MINUTES, Math.max(1, next))));
        }
        if (delays.getFirst() > 0) {
            warnings.add("The first rule waits " + delays.getFirst() + " minutes in Opsgenie; in Estate the first level is paged at once");
        }
        return new PolicyInput(policyKey != null ? policyKey : slug(name), name.strip(), levels, Math.max(0, count));
    }
}
