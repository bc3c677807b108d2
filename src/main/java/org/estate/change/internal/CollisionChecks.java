package org.estate.change.internal;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.estate.change.ChangeView;
import org.estate.change.CollisionCheck;
import org.estate.platform.ValidationException;
import org.estate.platform.ValidationException.FieldError;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** The collisions, impact and risk a proposed change would have ({@code POST /api/v1/changes/collisions}); writes nothing. */
@Service
public class CollisionChecks {

    private static final Set<String> FIELDS = Set.of("plannedStart", "plannedEnd", "affectedCis", "exclude");

    private final ChangeFields fields;
    private final ChangeStore store;
    private final CollisionDetector detector;
    private final RiskModel risk;
    private final Clock clock;

    CollisionChecks(ChangeFields fields, ChangeStore store, CollisionDetector detector, RiskModel risk, Clock clock) {
        this.fields = fields;
        this.store = store;
        this.detector = detector;
        this.risk = risk;
        this.clock = clock;
    }

    /** 422 naming each field: missing, unknown, an unknown CI ({@code affectedCis[i]}), the end not after the start, an unknown {@code exclude}. */
    @Transactional(readOnly = true)
    public CollisionCheck check(Map<String, Object> body, ChangeActor actor) {
        List<FieldError> errors = new ArrayList<>();
        for (String k : body.keySet()) {
            if (!FIELDS.contains(k)) {
                errors.add(new FieldError(k, "'" + ChangeStore.abbreviate(k) + "' is not asked for: give plannedStart, plannedEnd, "
                    + "affectedCis and optionally exclude"));
            }
        }
        for (String required : List.of("plannedStart", "plannedEnd", "affectedCis")) {
            if (body.get(required) == null) {
                errors.add(new FieldError(required, "Give the " + required));
            }
        }
        Long exclude = null;
        Object ref = body.get("exclude");
        if (ref != null) {
            long id = ref instanceof String s ? ChangeRow.idOf(s) : -1;
            if (id < 0 || store.rows(List.of(id)).isEmpty()) {
                errors.add(new FieldError("exclude", "No change '" + ChangeStore.abbreviate(String.valueOf(ref)) + "'"));
            } else {
                exclude = id;
            }
        }
        Instant now = clock.instant();
        ChangeRow proposed = new ChangeRow(exclude, "normal", "draft", null, "proposed", null, null, null, null, null, null, null, false,
            null, null, null, false, null, actor.username(), null, null, null, null, null, null, now, now, 0, List.of(), List.of());
        Map<String, Object> given = new HashMap<>();
        for (String k : List.of("plannedStart", "plannedEnd", "affectedCis")) {
            if (body.get(k) != null) {
                given.put(k, body.get(k));
            }
        }
        ChangeRow c = fields.apply(proposed, given, errors);
        if (c.cis().isEmpty() && body.get("affectedCis") != null && errors.stream().noneMatch(e -> e.field().startsWith("affectedCis"))) {
            errors.add(new FieldError("affectedCis", "Name the CIs the change would affect"));
        }
        fields.resolve(c.cis(), errors);
        if (!errors.isEmpty()) {
            throw new ValidationException(errors);
        }
        List<ChangeView.Collision> found = detector.find(exclude, c.plannedStart(), c.plannedEnd(), c.cis()).stream()
            .map(CollisionFinder.Found::collision).toList();
        // The risk model reads the change's id only to leave it out of "failed changes on the same CIs".
        RiskModel.Assessment a = risk.assess(c, found);
        return new CollisionCheck(found, a.impact(), a.risk());
    }
}
