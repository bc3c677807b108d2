package org.estate.change.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import org.estate.change.ChangeTemplateView;
import org.estate.change.ChangeView;
import org.estate.cmdb.Ci;
import org.estate.platform.AuditLog;
import org.estate.platform.AuditLog.Change;
import org.estate.platform.ConflictException;
import org.estate.platform.PreconditionFailedException;
import org.estate.platform.ValidationException;
import org.estate.platform.ValidationException.FieldError;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Changes: creating (a standard change from its template is scheduled at once), reading with impact
 * and risk, and merge-patching; {@link ChangeWorkflow} submits, moves and decides them. Every write
 * records its history in the audit log in the same transaction.
 */
@Service
public class ChangeService {

    static final String ENTITY = "change";
    public static final List<String> TYPES = List.of("standard", "normal", "emergency");
    public static final List<String> STATUSES = List.of("draft", "assessment", "scheduled", "implementing", "review", "closed",
        "rejected", "cancelled");
    static final int INCIDENT_DAYS = 7;

    private final ChangeStore store;
    private final ChangeFields fields;
    private final ChangeTemplates templates;
    private final RiskModel risk;
    private final CollisionFinder collisions;
    private final CollisionFlags flags;
    private final ChangeMail mail;
    private final AuditLog audit;
    private final Clock clock;
    private FreezeGuard freezeGuard;

    @org.springframework.beans.factory.annotation.Autowired
    void setFreezeGuard(FreezeGuard freezeGuard) {
        this.freezeGuard = freezeGuard;
    }

    ChangeService(ChangeStore store, ChangeFields fields, ChangeTemplates templates, RiskModel risk, CollisionFinder collisions,
                  CollisionFlags flags, ChangeMail mail, AuditLog audit, Clock clock) {
        this.flags = flags;
        this.store = store;
        this.fields = fields;
        this.templates = templates;
        this.risk = risk;
        this.collisions = collisions;
        this.mail = mail;
        this.audit = audit;
        this.clock = clock;
    }


    @Transactional
    public ChangeView create(Map<String, Object> body, ChangeActor actor) {
        List<FieldError> errors = new ArrayList<>();
        for (String k : body.keySet()) {
            if (!ChangeFields.EDITABLE.contains(k) && !"type".equals(k) && !"template".equals(k) && !"freezeReason".equals(k)) {
                errors.add(new FieldError(k, "'" + ChangeStore.abbreviate(k) + "' is not a field of a change"));
            }
        }
        Object typeValue = body.get("type");
        String type = typeValue instanceof String s && TYPES.contains(s) ? s : null;
        if (type == null) {
            errors.add(new FieldError("type", "Give the type: standard, normal or emergency"));
        }
        for (String required : List.of("title", "plannedStart", "plannedEnd")) {
            if (!body.containsKey(required)) {
                errors.add(new FieldError(required, "Give the " + required));
            }
        }
        ChangeTemplateView template = null;
        Map<String, Object> given = new HashMap<>(body);
        given.remove("type");
        Object templateKey = given.remove("template");
        Object freezeReason = given.remove("freezeReason");
        if ("standard".equals(type)) {
            template = templateKey instanceof String k ? templates.find(k).orElse(null) : null;
            if (template == null) {
                errors.add(new FieldError("template", templateKey == null ? "A standard change is made from a template: name it"
                    : "No change template '" + ChangeStore.abbreviate(String.valueOf(templateKey)) + "'"));
            } else if (template.suspended()) {
                errors.add(new FieldError("template", "The template '" + template.key() + "' is suspended ("
                    + template.suspendedReason() + "); a manager may reinstate it"));
            } else {
                given.putIfAbsent("implementationPlan", template.implementationPlan());
                given.putIfAbsent("backoutPlan", template.backoutPlan());
                given.putIfAbsent("testPlan", template.testPlan());
            }
        } else if (templateKey != null) {
            errors.add(new FieldError("template", "Only a standard change is made from a template"));
        }
        Instant now = clock.instant();
        ChangeRow empty = new ChangeRow(null, type, "standard".equals(type) ? "scheduled" : "draft", template == null ? null : template.key(),
            null, null, null, null, null, null, null, null, false, null, null, null, false, null, actor.username(), null, null,
            null, null, null, "standard".equals(type) ? now : null, now, now, 0, List.of(), List.of());
        ChangeRow c = fields.apply(empty, given, errors);
        if (c.cis().isEmpty() && !errors.stream().anyMatch(e -> e.field().startsWith("affectedCis"))) {
            errors.add(new FieldError("affectedCis", "Name the CIs the change affects"));
        }
        if (template != null) {
            checkTemplate(template, c, errors);
        }
        if (!errors.isEmpty()) {
            throw new ValidationException(errors);
        }
        // A standard change is scheduled at once: freezes are checked now (422 naming plannedStart).
        FreezeGuard.Confirmation confirmed = "standard".equals(type) ? freezeGuard.check(c,
            freezeReason instanceof String r ? r : null, actor, FreezeGuard.Refusal.FIELD) : null;
        long id = store.insert(c, now);
        String ref = ChangeRow.PREFIX + id;
        Map<String, Change> changes = new LinkedHashMap<>();
        changes.put("type", new Change(null, type));
        changes.put("status", new Change(null, c.status()));
        changes.put("title", new Change(null, c.title()));
        changes.put("plannedStart", new Change(null, c.plannedStart()));
        changes.put("plannedEnd", new Change(null, c.plannedEnd()));
        changes.put("affectedCis", new Change(null, c.cis().toString()));
        audit.record(ENTITY, ref, "created", ref + " created (" + type + ")" + (template == null ? ""
            : " from template " + template.key() + " and scheduled"), changes);
        freezeGuard.record(ref, confirmed);
        ChangeRow stored = store.get(ref);
        flags.written(null, stored, false);
        return view(stored);
    }

    /** A standard change keeps to its template: its CIs of the template's classes, its window no longer than the maximum. */
    private void checkTemplate(ChangeTemplateView t, ChangeRow c, List<FieldError> errors) {
        List<Ci> cis = fields.resolve(c.cis(), new ArrayList<>());
        for (int i = 0; i < cis.size(); i++) {
            if (!t.ciClasses().contains(cis.get(i).ciClass())) {
                errors.add(new FieldError("affectedCis[" + c.cis().indexOf(cis.get(i).id()) + "]", "The template '" + t.key()
                    + "' applies to " + String.join(", ", t.ciClasses()) + ", not to " + cis.get(i).ciClass() + " " + cis.get(i).name()));
            }
        }
        if (c.plannedStart() != null && c.plannedEnd() != null
            && Duration.between(c.plannedStart(), c.plannedEnd()).toMinutes() > t.maxDurationMinutes()) {
            errors.add(new FieldError("plannedEnd", "The template '" + t.key() + "' allows a window of at most "
                + t.maxDurationMinutes() + " minutes"));
        }
    }

    @Transactional(readOnly = true)
    public ChangeView get(String ref) {
        return view(store.get(ref));
    }

    @Transactional(readOnly = true)
    public List<AuditLog.Entry> history(String ref) {
        ChangeRow c = store.get(ref);
        return audit.history(ENTITY, c.ref());
    }

    ChangeView view(ChangeRow c) {
        List<CollisionFinder.Found> hits = collisions.find(c);
        List<ChangeView.Collision> found = hits.stream().map(CollisionFinder.Found::collision).toList();
        RiskModel.Assessment a = risk.assess(c, found);
        return new ChangeView(c.ref(), c.type(), c.status(), c.template(), c.title(), c.description(), c.reason(), c.cis(),
            c.plannedStart(), c.plannedEnd(), c.implementationPlan(), c.backoutPlan(), c.testPlan(), c.backoutTested(), c.team(),
            c.implementer(), c.supplier(), links(c, "INC-"), links(c, "PRB-"), links(c, "REQ-"), c.isPublic(), c.publicNote(),
            c.requester(), c.outcome(), c.review(), a.risk(), a.impact(), found, store.approvals(c.id()), c.submittedAt(),
            c.createdAt(), c.updatedAt(), c.version(), flags.flag(c, hits));
    }

    private static List<String> links(ChangeRow c, String prefix) {
        return c.links().stream().filter(l -> l.startsWith(prefix)).toList();
    }

    /**
     * Applies a merge patch at {@code expectedVersion}. The requester, the implementer or a manager
     * may edit; a closed, rejected or cancelled change cannot change (409); nor can the window, CIs
     * or plans of one being implemented or reviewed. Changing those of a scheduled normal or
     * emergency change sends it back to assessment and drops its approvals; a scheduled standard
     * change is checked against its template again. {@code riskOverride} is a manager's.
     */
    @Transactional
    public ChangeView patch(String ref, long expectedVersion, Map<String, Object> patch, ChangeActor actor) {
        ChangeRow cur = store.get(ref);
        mayAct(cur, actor, "edit");
        if (cur.version() != expectedVersion) {
            throw new PreconditionFailedException(cur.ref() + " has changed since you read it (current ETag \"" + cur.version() + "\")");
        }
        if (Set.of("closed", "rejected", "cancelled").contains(cur.status())) {
            throw new ConflictException(cur.ref() + " is " + cur.status() + ": it can no longer change");
        }
        List<FieldError> errors = new ArrayList<>();
        for (String k : patch.keySet()) {
            if ("status".equals(k)) {
                errors.add(new FieldError("status", "Move a change with POST /api/v1/changes/" + cur.ref() + "/status"));
            } else if (!ChangeFields.EDITABLE.contains(k) && !"riskOverride".equals(k) && !"freezeReason".equals(k)) {
                errors.add(new FieldError(k, "'" + ChangeStore.abbreviate(k) + "' cannot be changed (or is not a field)"));
            }
        }
        Map<String, Object> editable = new HashMap<>(patch);
        Object override = editable.remove("riskOverride");
        Object freezeReason = editable.remove("freezeReason");
        ChangeRow next = fields.apply(cur, editable, errors);
        if (next.cis().isEmpty() && patch.containsKey("affectedCis")) {
            errors.add(new FieldError("affectedCis", "Name the CIs the change affects"));
        }
        boolean replanned = !Objects.equals(cur.plannedStart(), next.plannedStart()) || !Objects.equals(cur.plannedEnd(), next.plannedEnd())
            || !cur.cis().equals(next.cis()) || !Objects.equals(cur.implementationPlan(), next.implementationPlan())
            || !Objects.equals(cur.backoutPlan(), next.backoutPlan()) || !Objects.equals(cur.testPlan(), next.testPlan());
        if (replanned && Set.of("implementing", "review").contains(cur.status())) {
            throw new ConflictException(cur.ref() + " is " + cur.status() + ": its window, CIs and plans can no longer change");
        }
        if (patch.containsKey("riskOverride")) {
            next = riskOverride(next, override, actor, errors);
        }
        if (replanned && "standard".equals(cur.type()) && cur.template() != null) {
            ChangeTemplateView t = templates.get(cur.template());
            checkTemplate(t, next, errors);
        }
        if (!errors.isEmpty()) {
            throw new ValidationException(errors);
        }
        boolean backToAssessment = replanned && "scheduled".equals(cur.status()) && !"standard".equals(cur.type());
        // A scheduled standard change moved in time or onto other CIs meets the freezes again.
        FreezeGuard.Confirmation confirmed = replanned && "scheduled".equals(cur.status()) && "standard".equals(cur.type())
            ? freezeGuard.check(next, freezeReason instanceof String r ? r : null, actor, FreezeGuard.Refusal.FIELD) : null;
        if (backToAssessment) {
            next = next.withStatus("assessment");
        }
        Instant now = clock.instant();
        store.update(next, expectedVersion, now);
        Map<String, Change> changes = diff(cur, next);
        audit.record(ENTITY, cur.ref(), "updated", cur.ref() + " changed", changes);
        freezeGuard.record(cur.ref(), confirmed);
        suspendForIncident(cur, next, now);
        if (replanned && "assessment".equals(cur.status()) && store.dropApprovals(cur.id()) > 0) {
            // A CAB approval given to the old plan does not carry over to the new one.
            audit.record(ENTITY, cur.ref(), "approvals-dropped", cur.ref() + ": its window, CIs or plans changed, so earlier approvals were dropped",
                Map.of());
        }
        flags.written(cur, store.get(cur.ref()), true);
        if (backToAssessment) {
            int dropped = store.dropApprovals(cur.id());
            audit.record(ENTITY, cur.ref(), "status", cur.ref() + " went back to assessment: its window, CIs or plans changed ("
                + dropped + " approval(s) dropped)", Map.of("status", new Change("scheduled", "assessment")));
            ChangeView v = view(store.get(cur.ref()));
            mail.awaitingApproval(store.get(cur.ref()), ChangeApprovals.needsCab(v), v.risk().level());
            return v;
        }
        return view(store.get(cur.ref()));
    }

    /**
     * A template earns its standing: an incident linked to a change from it once the change has
     * started, up to {@value #INCIDENT_DAYS} days after its planned end, suspends the template.
     * (Incidents linked before the change starts are what it sets out to fix.)
     */
    private void suspendForIncident(ChangeRow cur, ChangeRow next, Instant now) {
        if (cur.template() == null || now.isBefore(cur.plannedStart())
            || now.isAfter(next.plannedEnd().plus(Duration.ofDays(INCIDENT_DAYS)))) {
            return;
        }
        next.links().stream().filter(l -> l.startsWith("INC-") && !cur.links().contains(l)).findFirst()
            .ifPresent(inc -> templates.suspend(cur.template(), inc + " was linked to " + cur.ref() + " from it within "
                + INCIDENT_DAYS + " days"));
    }

    private static ChangeRow riskOverride(ChangeRow c, Object value, ChangeActor actor, List<FieldError> errors) {
        if (!actor.manager()) {
            throw new AccessDeniedException("Only a manager may override a change's risk level");
        }
        String level = null;
        String reason = null;
        if (value instanceof Map<?, ?> m) {
            level = m.get("level") instanceof String s ? s : null;
            reason = m.get("reason") instanceof String s ? s.strip() : null;
            if (level == null || !RiskModel.LEVELS.contains(level)) {
                errors.add(new FieldError("riskOverride.level", "Give the level: " + String.join(", ", RiskModel.LEVELS)));
            }
            String problem = org.estate.platform.ValueLimits.textProblem(reason, ChangeFields.MAX_NOTE, true);
            if (reason == null || reason.isBlank()) {
                errors.add(new FieldError("riskOverride.reason", "Give the reason for overriding the risk level"));
            } else if (problem != null) {
                errors.add(new FieldError("riskOverride.reason", problem));
            }
        } else if (value != null) {
            errors.add(new FieldError("riskOverride", "riskOverride is {\"level\",\"reason\"}, or null to clear it"));
        }
        return new ChangeRow(c.id(), c.type(), c.status(), c.template(), c.title(), c.description(), c.reason(), c.plannedStart(),
            c.plannedEnd(), c.implementationPlan(), c.backoutPlan(), c.testPlan(), c.backoutTested(), c.team(), c.implementer(),
            c.supplier(), c.isPublic(), c.publicNote(), c.requester(), c.outcome(), c.review(), level, value == null ? null : reason,
            value == null ? null : actor.username(), c.submittedAt(), c.createdAt(), c.updatedAt(), c.version(), c.cis(), c.links());
    }

    /** The requester, the implementer or a manager may edit, submit and move a change; others 403. */
    static void mayAct(ChangeRow c, ChangeActor actor, String what) {
        if (!actor.manager() && !actor.username().equals(c.requester()) && !actor.username().equals(c.implementer())) {
            throw new AccessDeniedException("Only the change's requester, its implementer or a manager may " + what + " " + c.ref());
        }
    }

    private static Map<String, Change> diff(ChangeRow a, ChangeRow b) {
        Map<String, Change> d = new LinkedHashMap<>();
        put(d, "title", a.title(), b.title());
        put(d, "description", a.description(), b.description());
        put(d, "reason", a.reason(), b.reason());
        put(d, "affectedCis", a.cis().toString(), b.cis().toString());
        put(d, "plannedStart", a.plannedStart(), b.plannedStart());
        put(d, "plannedEnd", a.plannedEnd(), b.plannedEnd());
        put(d, "implementationPlan", a.implementationPlan(), b.implementationPlan());
        put(d, "backoutPlan", a.backoutPlan(), b.backoutPlan());
        put(d, "testPlan", a.testPlan(), b.testPlan());
        put(d, "backoutTested", a.backoutTested(), b.backoutTested());
        put(d, "team", a.team(), b.team());
        put(d, "implementer", a.implementer(), b.implementer());
        put(d, "supplier", a.supplier(), b.supplier());
        put(d, "links", String.join(", ", a.links()), String.join(", ", b.links()));
        put(d, "public", a.isPublic(), b.isPublic());
        put(d, "publicNote", a.publicNote(), b.publicNote());
        put(d, "riskOverride", a.riskOverride(), b.riskOverride());
        put(d, "riskOverrideReason", a.riskOverrideReason(), b.riskOverrideReason());
        put(d, "status", a.status(), b.status());
        return d;
    }

    private static void put(Map<String, Change> d, String field, Object from, Object to) {
        if (!Objects.equals(from, to)) {
            d.put(field, new Change(from, to));
        }
    }
}
