package org.estate.oncall.internal;

import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

import org.estate.identity.UserView;
import org.estate.identity.Users;
import org.estate.oncall.internal.EscalationPolicyService.Level;
import org.estate.oncall.internal.EscalationPolicyService.PolicyInput;
import org.estate.oncall.internal.EscalationPolicyService.Target;
import org.estate.oncall.internal.RotaFields.LayerInput;
import org.estate.oncall.internal.RotaFields.RestrictionInput;
import org.estate.oncall.internal.RotaFields.RotaInput;
import org.estate.platform.ConflictException;
import org.estate.platform.Paging;
import org.estate.platform.ValidationException;
import org.estate.platform.ValidationException.FieldError;
import org.estate.servicedesk.DeskDirectory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import tools.jackson.databind.JsonNode;

/**
 * Imports an on-call schedule (and optionally its escalation policy) as exported by PagerDuty
 * ({@code GET /schedules/{id}}, {@code GET /escalation_policies/{id}}) or Opsgenie
 * ({@code GET /v2/schedules/{id}?expand=rotation}, {@code GET /v2/escalations/{id}}). Rotas and the
 * policy are built through {@link RotaService} and {@link EscalationPolicyService}, so every check
 * they make applies; the whole import is one transaction: all or nothing.
 *
 * <p>Precedence, as each product documents it:
 * <ul>
 * <li><b>PagerDuty</b>: "In a schedule with multiple layers, the lowest layer always takes
 * precedence. If a user on Layer 1 and Layer 2 overlap, the user on Layer 2 will be the one
 * on-call" (support.pagerduty.com/docs/schedules, "Schedule Basics"; the community answer "the last
 * layer in a schedule always takes precedence" says the same). Layer N is the one drawn lowest in
 * their editor, so higher-numbered layers win — as a later layer wins in Estate. The REST API gives
 * each layer a {@code rendering_index}; the layers are ordered by it when every layer has one (the
 * higher index taken as the higher-numbered, winning layer), otherwise in array order with a
 * warning, since we could not confirm from their documentation in which order
 * {@code GET /schedules/{id}} lists the layers.</li>
 * <li><b>Opsgenie</b> has no precedence between rotations: "When an alert is escalated through the
 * schedule, all on-call users in all the different rotations are notified (cumulative)"
 * (support.atlassian.com/opsgenie/docs/manage-on-call-schedules-and-rotations/). An Estate rota has
 * one person on call at a time, so a schedule of several rotations becomes one rota per rotation,
 * and the escalation level that names the schedule names all of them: everyone Opsgenie would
 * notify is reached.</li>
 * </ul>
 * Escalation delays: PagerDuty's {@code escalation_delay_in_minutes} is the wait before the next rule,
 * as Estate's {@code delayMinutes}. Opsgenie's rule delays are counted from the alert's creation, so
 * rules of one delay become one level that waits until the next rule's delay (the last level waits
 * the repeat's {@code waitInterval}, at least a minute).
 */
@Service
public class RotaImportService {

    public record ImportInput(String format, JsonNode schedule, JsonNode escalation, String key, String policyKey) {
    }

    public record ImportResult(List<String> rotas, String escalationPolicy, List<String> warnings) {
    }

    /** A rota to create, before users are known to exist: members are source references until mapped. */
    private record Draft(String key, String name, String zone, List<LayerInput> layers, String sourceName) {
    }

    private final RotaService rotas;
    private final EscalationPolicyService policies;
    private final Users users;
    private final DeskDirectory desk;

    RotaImportService(RotaService rotas, EscalationPolicyService policies, Users users, DeskDirectory desk) {
        this.rotas = rotas;
        this.policies = policies;
        this.users = users;
        this.desk = desk;
    }

    /** Source user references (email, user name, PagerDuty id) resolved to Estate user names; unknown ones collected. */
    private final class People {
        final Map<String, String> pagerDutyEmails = new LinkedHashMap<>();
        final Set<String> unknown = new LinkedHashSet<>();
        private final Map<String, Optional<String>> cache = new LinkedHashMap<>();

        /** The Estate user name for an email or user name (case-insensitive), or null (noted as unknown). */
        String resolve(String ref) {
            if (ref == null || ref.isBlank()) {
                return null;
            }
            String r = ref.strip();
            Optional<String> found = cache.computeIfAbsent(r.toLowerCase(Locale.ROOT), k -> find(r));
            if (found.isEmpty()) {
                unknown.add(r);
                return null;
            }
            return found.get();
        }

        private Optional<String> find(String r) {
            if (r.length() > 320) {
                return Optional.empty();
            }
            Optional<UserView> exact = r.length() <= 100 ? users.find(r) : Optional.empty();
            if (exact.isPresent()) {
                return Optional.of(exact.get().username());
            }
            List<UserView> candidates = users.list(r, Paging.of(0, Paging.MAX_SIZE)).items();
            for (UserView u : candidates) {
                if (u.username().equalsIgnoreCase(r)) {
                    return Optional.of(u.username());
                }
            }
            for (UserView u : candidates) {
                if (u.email() != null && u.email().equalsIgnoreCase(r)) {
                    return Optional.of(u.username());
                }
            }
            return Optional.empty();
        }
    }

    @Transactional
    public ImportResult importSchedule(ImportInput in) {
        String format = in.format() == null ? "" : in.format().strip().toLowerCase(Locale.ROOT);
        if (!format.equals("pagerduty") && !format.equals("opsgenie")) {
            throw new ValidationException("format", "Format must be pagerduty or opsgenie");
        }
        if (in.schedule() == null || !in.schedule().isObject()) {
            throw new ValidationException("schedule", "Give the schedule as the product's API returns it (a JSON object)");
        }
        if (in.escalation() != null && !in.escalation().isNull() && !in.escalation().isObject()) {
            throw new ValidationException("escalation", "Give the escalation policy as the product's API returns it (a JSON object)");
        }
        if (in.key() != null && !in.key().matches("[a-z0-9][a-z0-9-]{0,59}")) {
            throw new ValidationException("key", "Give a key of lower-case letters, digits and hyphens, up to 60 characters");
        }
        if (in.policyKey() != null && !in.policyKey().matches("[a-z0-9][a-z0-9-]{0,59}")) {
            throw new ValidationException("policyKey", "Give a key of lower-case letters, digits and hyphens, up to 60 characters");
        }
        List<String> warnings = new ArrayList<>();
        List<FieldError> errors = new ArrayList<>();
        People people = new People();
        JsonNode escalation = in.escalation() == null || in.escalation().isNull() ? null : in.escalation();
        List<Draft> drafts;
        PolicyInput policy = null;
        if (format.equals("pagerduty")) {
            JsonNode s = unwrap(in.schedule(), "schedule");
            drafts = pagerDutySchedule(s, in.key(), people, warnings, errors);
            if (escalation != null && errors.isEmpty()) {
                policy = pagerDutyPolicy(unwrap(escalation, "escalation_policy"), text(s, "id"), drafts, in, people, warnings, errors);
            }
        } else {
            JsonNode s = unwrap(in.schedule(), "data");
            drafts = opsgenieSchedule(s, in.key(), people, warnings, errors);
            if (escalation != null && errors.isEmpty()) {
                policy = opsgeniePolicy(unwrap(escalation, "data"), text(s, "name"), text(s, "id"), drafts, in, people, warnings, errors);
            }
        }
        if (!people.unknown.isEmpty()) {
            for (String u : people.unknown) {
                errors.add(new FieldError("users", "No Estate user has the email or user name '" + RotaFields.clip(u) + "'"));
            }
        }
        if (errors.isEmpty() && drafts.isEmpty()) {
            errors.add(new FieldError("schedule", "Nothing in the schedule could be carried over"));
        }
        if (!errors.isEmpty()) {
            throw new ValidationException(errors);
        }
        for (Draft d : drafts) {
            if (rotas.find(d.key()).isPresent()) {
                throw new ConflictException("A rota with key '" + d.key() + "' already exists: give another key in \"key\"");
            }
        }
        if (policy != null && policies.find(policy.key()).isPresent()) {
            throw new ConflictException("An escalation policy with key '" + policy.key() + "' already exists: give another key in \"policyKey\"");
        }
        List<String> created = new ArrayList<>();
        for (Draft d : drafts) {
            try {
                created.add(rotas.create(new RotaInput(d.key(), d.name(), d.zone(), d.layers())).key());
            } catch (ValidationException e) {
                throw new ValidationException(e.errors().stream()
                    .map(f -> new FieldError("rota " + d.key() + " " + f.field(), f.message())).toList());
            }
        }
        String policyKey = null;
        if (policy != null) {
            try {
                policyKey = policies.create(policy).key();
            } catch (ValidationException e) {
                throw new ValidationException(e.errors().stream()
                    .map(f -> new FieldError("escalation policy " + f.field(), f.message())).toList());
            }
        }
        return new ImportResult(created, policyKey, warnings);
    }

    // ---- PagerDuty ---------------------------------------------------------------------------

    private List<Draft> pagerDutySchedule(JsonNode s, String keyOverride, People people, List<String> warnings, List<FieldError> errors) {
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
            out.add(new LayerInput(layerName, members, rotation, hours, handoff.toString(), restricted ? restrictions(windows) : null));
        }
        String key = keyOverride != null ? keyOverride : slug(name);
        return List.of(new Draft(key, name.strip(), zone == null ? null : zone.getId(), out, name));
    }

    private static int layersIndex(JsonNode array, JsonNode element) {
        for (int i = 0; i < array.size(); i++) {
            if (array.get(i) == element) {
                return i;
            }
        }
        return -1;
    }

    private PolicyInput pagerDutyPolicy(JsonNode e, String scheduleId, List<Draft> drafts, ImportInput in, People people,
                                        List<String> warnings, List<FieldError> errors) {
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
        return new PolicyInput(in.policyKey() != null ? in.policyKey() : slug(name), name.strip(), levels, Math.max(0, loops));
    }

    // ---- Opsgenie ----------------------------------------------------------------------------

    private static final List<String> OPSGENIE_DAYS = List.of("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday");

    private List<Draft> opsgenieSchedule(JsonNode s, String keyOverride, People people, List<String> warnings, List<FieldError> errors) {
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
        List<Draft> out = new ArrayList<>();
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
                restrictions = opsgenieRestrictions(tr, p + ".timeRestriction", errors);
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
            out.add(new Draft(key, rotaName.length() > 200 ? rotaName.substring(0, 200) : rotaName, zone == null ? null : zone.getId(), layers,
                rotationName));
        }
        return out;
    }

    private static List<RestrictionInput> opsgenieRestrictions(JsonNode tr, String p, List<FieldError> errors) {
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
        return restrictions(windows);
    }

    private PolicyInput opsgeniePolicy(JsonNode e, String scheduleName, String scheduleId, List<Draft> drafts, ImportInput in, People people,
                                       List<String> warnings, List<FieldError> errors) {
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
        return new PolicyInput(in.policyKey() != null ? in.policyKey() : slug(name), name.strip(), levels, Math.max(0, count));
    }

    // ---- shared --------------------------------------------------------------------------------

    private static JsonNode unwrap(JsonNode n, String wrapper) {
        return n.has(wrapper) && n.path(wrapper).isObject() ? n.path(wrapper) : n;
    }

    private static String text(JsonNode n, String field) {
        JsonNode v = n == null ? null : n.get(field);
        return v == null || v.isNull() || !v.isValueNode() ? null : v.asString();
    }

    private static Integer hm(JsonNode r, String hour, String minute) {
        if (!r.path(hour).isNumber()) {
            return null;
        }
        int h = r.path(hour).asInt();
        int m = r.path(minute).asInt(0);
        return h < 0 || h > 24 || m < 0 || m > 59 || h == 24 && m > 0 ? null : h * 60 + m;
    }

    private static Integer timeOfDay(String s) {
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

    private static ZoneId zone(String z, String field, List<FieldError> errors) {
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
    private static LocalDateTime local(String value, ZoneId zone, String field, List<FieldError> errors) {
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

    /**
     * Spans of the week (minutes from Monday 00:00, an end past the week's end wrapping round) as
     * Estate restrictions: each span cut at midnights, then the pieces of equal hours gathered into
     * one restriction over their days. A span covering the whole week gives no restriction (null).
     */
    static List<RestrictionInput> restrictions(List<int[]> spans) {
        boolean[] covered = new boolean[7 * 1440];
        for (int[] s : spans) {
            for (int m = s[0]; m < s[1] && m < s[0] + 7 * 1440; m++) {
                covered[Math.floorMod(m, 7 * 1440)] = true;
            }
        }
        // Per day, the covered stretches [from, to) of that day.
        Map<String, Set<DayOfWeek>> byHours = new LinkedHashMap<>();
        boolean all = true;
        for (int d = 0; d < 7; d++) {
            int m = 0;
            while (m < 1440) {
                if (!covered[d * 1440 + m]) {
                    all = false;
                    m++;
                    continue;
                }
                int from = m;
                while (m < 1440 && covered[d * 1440 + m]) {
                    m++;
                }
                byHours.computeIfAbsent(RotaFields.text(from) + "-" + RotaFields.text(m), k -> java.util.EnumSet.noneOf(DayOfWeek.class))
                    .add(DayOfWeek.of(d + 1));
            }
        }
        if (all) {
            return null;
        }
        List<RestrictionInput> out = new ArrayList<>();
        byHours.forEach((hours, days) -> {
            String[] ft = hours.split("-");
            out.add(new RestrictionInput(days.stream().map(DayOfWeek::name).toList(), ft[0], ft[1]));
        });
        return out;
    }

    static String slug(String name) {
        String s = name == null ? "" : name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-+|-+$", "");
        if (s.length() > 60) {
            s = s.substring(0, 60).replaceAll("-+$", "");
        }
        return s.isEmpty() ? "imported" : s;
    }

    private static String clipKey(String base, String suffix) {
        String b = base.length() + 1 + suffix.length() > 60 ? base.substring(0, Math.max(1, 59 - suffix.length())) : base;
        String k = (b.replaceAll("-+$", "") + "-" + suffix);
        return k.length() > 60 ? k.substring(0, 60) : k;
    }
}
