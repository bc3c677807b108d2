package org.estate.oncall.internal;

import static org.estate.oncall.internal.ImportJson.local;
import static org.estate.oncall.internal.ImportJson.slug;
import static org.estate.oncall.internal.ImportJson.text;
import static org.estate.oncall.internal.ImportJson.timeOfDay;
import static org.estate.oncall.internal.ImportJson.zone;

import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.estate.oncall.internal.EscalationPolicyService.Level;
import org.estate.oncall.internal.EscalationPolicyService.PolicyInput;
import org.estate.oncall.internal.EscalationPolicyService.Target;
import org.estate.oncall.internal.RotaFields.LayerInput;
import org.estate.platform.ValidationException.FieldError;

import tools.jackson.databind.JsonNode;

/**
 * A PagerDuty schedule ({@code GET /schedules/{id}}) and escalation policy
 * ({@code GET /escalation_policies/{id}}) as Estate's inputs, for {@link RotaImportService}: one per
 * import, gathering its warnings and field errors as it reads.
 *
 * <p>Precedence: "In a schedule with multiple layers, the lowest layer always takes precedence. If a
 * user on Layer 1 and Layer 2 overlap, the user on Layer 2 will be the one on-call"
 * (support.pagerduty.com/docs/schedules, "Schedule Basics"; the community answer "the last layer in a
 * schedule always takes precedence" says the same). Layer N is the one drawn lowest in their editor,
 * so higher-numbered layers win — as a later layer wins in Estate. The REST API gives each layer a
 * {@code rendering_index}; the layers are ordered by it when every layer has one (the higher index
 * taken as the higher-numbered, winning layer), otherwise in array order with a warning, since we
 * could not confirm from their documentation in which order {@code GET /schedules/{id}} lists the
 * layers.
 *
 * <p>Escalation delays: PagerDuty's {@code escalation_delay_in_minutes} is the wait before the next
 * rule, as Estate's {@code delayMinutes}.
 */
final class PagerDutyImport {

    private final ImportPeople people;
    private final List<String> warnings;
    private final List<FieldError> errors;

    PagerDutyImport(ImportPeople people, List<String> warnings, List<FieldError> errors) {
        this.people = people;
        this.warnings = warnings;
        this.errors = errors;
    }

    List<RotaDraft> schedule(JsonNode s, String keyOverride) {
        String name = text(s, "name");
        if (name == null || name.isBlank()) {
            name = "Imported schedule";
        }
        ZoneId zone = zone(text(s, "time_zone"), "schedule.time_zone", errors);
        JsonNode layersNode = s.path("schedule_layers");
        if (!layersNode.isArray() || layersNode.isEmpty()) {
            errors.add(new FieldError("schedule.schedule_layers", "The schedule has no layers"));
            return List.of();
        }
        List<JsonNode> layers = new ArrayList<>();
        layersNode.forEach(layers::add);
        boolean indexed = layers.stream().allMatch(l -> l.path("rendering_index").isNumber());
        if (indexed) {
            layers.sort(Comparator.comparingInt(l -> l.path("rendering_index").asInt()));
        } else if (layers.size() > 1) {
            warnings.add("The layers have no rendering_index: they were taken in the order given, the last one winning where they overlap");
        }
        List<LayerInput> out = new ArrayList<>();
        Set<String> names = new LinkedHashSet<>();
        for (int i = 0; i < layers.size(); i++) {
            JsonNode l = layers.get(i);
            String p = "schedule.schedule_layers[" + layersIndex(layersNode, l) + "]";
            String layerName = text(l, "name");
            if (layerName == null || layerName.isBlank() || !names.add(layerName.strip())) {
                layerName = "Layer " + (i + 1);
                names.add(layerName);
            }
            List<String> members = new ArrayList<>();
            for (JsonNode u : l.path("users")) {
                JsonNode user = u.has("user") ? u.path("user") : u;
                String email = text(user, "email");
                String ref = email != null && !email.isBlank() ? email : text(user, "summary");
                String id = text(user, "id");
                if (id != null && ref != null) {
                    people.pagerDutyEmails.put(id, ref);
                }
                String mapped = people.resolve(ref != null ? ref : id);
                if (mapped != null) {
                    members.add(mapped);
                }
            }
            if (!l.path("users").isArray() || l.path("users").isEmpty()) {
                errors.add(new FieldError(p + ".users", "The layer has no users"));
                continue;
            }
            long turn = l.path("rotation_turn_length_seconds").asLong(-1);
            String rotation = null;
            Integer hours = null;
            if (turn == 86400) {
                rotation = "daily";
            } else if (turn == 604800) {
                rotation = "weekly";
            } else if (turn > 0 && turn % 3600 == 0 && turn / 3600 <= RotaFields.MAX_HOURS) {
                rotation = "hours";
                hours = (int) (turn / 3600);
            } else {
                errors.add(new FieldError(p + ".rotation_turn_length_seconds", "A turn must be whole hours, 1 to " + RotaFields.MAX_HOURS
                    + " (" + turn + " seconds given)"));
            }
            LocalDateTime handoff = local(text(l, "rotation_virtual_start"), zone, p + ".rotation_virtual_start", errors);
            if (text(l, "end") != null && !text(l, "end").isBlank()) {
                warnings.add("Layer '" + layerName + "' ends at " + text(l, "end") + " in PagerDuty; in Estate it does not end");
            }
            String start = text(l, "start");
            if (start != null && handoff != null && zone != null) {
                LocalDateTime st = local(start, zone, p + ".start", new ArrayList<>());
                if (st != null && st.isAfter(handoff)) {
                    warnings.add("Layer '" + layerName + "' starts at " + start + " in PagerDuty; in Estate it runs from its first hand-off, "
                        + handoff);
                }
            }
            List<int[]> windows = new ArrayList<>(); // minute-of-week spans [start, end)
            boolean restricted = false;
            int k = 0;
            for (JsonNode r : l.path("restrictions")) {
                String q = p + ".restrictions[" + k++ + "]";
                restricted = true;
                String type = text(r, "type");
                Integer from = timeOfDay(text(r, "start_time_of_day"));
                long duration = r.path("duration_seconds").asLong(-1);
                if (from == null) {
                    errors.add(new FieldError(q + ".start_time_of_day", "Give the start as HH:MM:SS"));
                    continue;
                }
                if ("daily_restriction".equals(type)) {
                    if (duration <= 0 || duration > 86400 || duration % 60 != 0) {
                        errors.add(new FieldError(q + ".duration_seconds", "A daily restriction lasts whole minutes, up to a day"));
                        continue;
                    }
                    for (int d = 0; d < 7; d++) {
                        windows.add(new int[] {d * 1440 + from, d * 1440 + from + (int) (duration / 60)});
                    }
                } else if ("weekly_restriction".equals(type)) {
                    int day = r.path("start_day_of_week").asInt(-1);
                    if (day < 1 || day > 7) {
                        errors.add(new FieldError(q + ".start_day_of_week", "Give the day as 1 (Monday) to 7 (Sunday)"));
                        continue;
                    }
                    if (duration <= 0 || duration > 604800 || duration % 60 != 0) {
                        errors.add(new FieldError(q + ".duration_seconds", "A weekly restriction lasts whole minutes, up to a week"));
                        continue;
                    }
                    windows.add(new int[] {(day - 1) * 1440 + from, (day - 1) * 1440 + from + (int) (duration / 60)});
                } else {
                    errors.add(new FieldError(q + ".type", "Type must be daily_restriction or weekly_restriction"));
                }
            }
            if (rotation == null || handoff == null) {
                continue;
            }
            out.add(new LayerInput(layerName, members, rotation, hours, handoff.toString(), restricted ? WeekSpans.restrictions(windows) : null));
        }
        String key = keyOverride != null ? keyOverride : slug(name);
        return List.of(new RotaDraft(key, name.strip(), zone == null ? null : zone.getId(), out, name));
    }

    private static int layersIndex(JsonNode array, JsonNode element) {
        for (int i = 0; i < array.size(); i++) {
            if (array.get(i) == element) {
                return i;
            }
        }
        return -1;
    }

    PolicyInput policy(JsonNode e, String scheduleId, List<RotaDraft> drafts, String policyKey) {
        String name = text(e, "name");
        if (name == null || name.isBlank()) {
            name = drafts.getFirst().name() + " escalation";
        }
        List<Level> levels = new ArrayList<>();
        int i = 0;
        for (JsonNode rule : e.path("escalation_rules")) {
            String p = "escalation.escalation_rules[" + i++ + "]";
            int delay = rule.path("escalation_delay_in_minutes").asInt(-1);
            if (delay < 1 || delay > EscalationPolicyService.MAX_DELAY_MINUTES) {
                errors.add(new FieldError(p + ".escalation_delay_in_minutes", "Give 1 to " + EscalationPolicyService.MAX_DELAY_MINUTES + " minutes"));
                continue;
            }
            List<Target> targets = new ArrayList<>();
            for (JsonNode t : rule.path("targets")) {
                String type = text(t, "type");
                String id = text(t, "id");
                if ("schedule_reference".equals(type) || "schedule".equals(type)) {
                    if (id != null && id.equals(scheduleId) || scheduleId == null && id == null) {
                        drafts.forEach(d -> targets.add(new Target(d.key(), null, null)));
                    } else {
                        warnings.add("Escalation level " + i + " names schedule " + id + ", which was not imported: left out");
                    }
                } else if ("user_reference".equals(type) || "user".equals(type)) {
                    String ref = text(t, "email") != null ? text(t, "email") : people.pagerDutyEmails.getOrDefault(id, text(t, "summary"));
                    if (ref == null) {
                        people.unknown.add(id == null ? "(a user without id)" : "PagerDuty user " + id
                            + " (not on the schedule, so their email is not known)");
                        continue;
                    }
                    String u = people.resolve(ref);
                    if (u != null) {
                        targets.add(new Target(null, u, null));
                    }
                } else {
                    warnings.add("Escalation level " + i + " names a " + type + ", which Estate cannot carry over: left out");
                }
            }
            if (targets.isEmpty()) {
                warnings.add("Escalation level " + i + " reaches nobody Estate knows: left out");
                continue;
            }
            levels.add(new Level(targets, delay));
        }
        if (levels.isEmpty() && errors.isEmpty() && people.unknown.isEmpty()) {
            errors.add(new FieldError("escalation.escalation_rules", "No escalation rule could be carried over"));
            return null;
        }
        int loops = e.path("num_loops").asInt(0);
        if (loops > EscalationPolicyService.MAX_REPEAT) {
            warnings.add("The policy repeats " + loops + " times in PagerDuty; Estate repeats at most " + EscalationPolicyService.MAX_REPEAT);
            loops = EscalationPolicyService.MAX_REPEAT;
        }
        return new PolicyInput(policyKey != null ? policyKey : slug(name), name.strip(), levels, Math.max(0, loops));
    }
}
