package org.estate.change.internal;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import org.estate.change.ChangeView;
import org.estate.cmdb.GraphChanged;
import org.estate.platform.AuditLog;
import org.estate.platform.AuditLog.Change;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

/**
 * Flags a scheduled change that gains a collision, and emails its team once per new collision.
 *
 * <p>When a change becomes scheduled, or a scheduled change is edited, the collisions it has then
 * are its baseline (the approvers or the editor saw them): recorded as seen, not news. Later, when
 * any change is written ({@link ChangeWritten}), a freeze or window is saved
 * ({@link CollisionInputsChanged}) or the graph changes ({@link GraphChanged}), the scheduled
 * changes that could be affected are checked again after commit (through the event publication
 * registry, so a crash loses no check); a collision whose signature was never seen is recorded as
 * gained, audited, and emailed. The flag itself is computed when the change is read: the gained
 * collisions still present, so it clears on its own when they go away.
 */
@Component
class CollisionFlags {

    private final JdbcClient jdbc;
    private final ChangeStore store;
    private final CollisionFinder finder;
    private final CollisionMail mail;
    private final AuditLog audit;
    private final ApplicationEventPublisher events;
    private final Clock clock;
    /** The latest graph generation this node has checked every scheduled change against. */
    private final AtomicLong graphChecked = new AtomicLong(-1);

    CollisionFlags(JdbcClient jdbc, ChangeStore store, CollisionFinder finder, CollisionMail mail, AuditLog audit,
                   ApplicationEventPublisher events, Clock clock) {
        this.jdbc = jdbc;
        this.store = store;
        this.finder = finder;
        this.mail = mail;
        this.audit = audit;
        this.events = events;
        this.clock = clock;
    }

    /**
     * After a change is written, in the writing transaction. A change that is (still) scheduled
     * takes its present collisions as its baseline when it has just been scheduled or was
     * {@code edited}; one no longer scheduled stops being watched. The other scheduled changes are
     * checked after commit.
     */
    void written(ChangeRow before, ChangeRow after, boolean edited) {
        if (!"scheduled".equals(after.status())) {
            forget(after.id());
        } else if (before == null || !"scheduled".equals(before.status()) || edited) {
            baseline(after);
        }
        events.publishEvent(new ChangeWritten(after.id()));
    }

    /** The flag as the change is read: the gained collisions among those it has now. */
    ChangeView.CollisionFlag flag(ChangeRow c, List<CollisionFinder.Found> found) {
        if (!"scheduled".equals(c.status()) || found.isEmpty()) {
            return null;
        }
        Map<String, Instant> gained = new HashMap<>();
        jdbc.sql("SELECT signature, first_seen FROM chg_collision_seen WHERE change_id = ? AND gained = TRUE").param(c.id())
            .query(rs -> { gained.put(rs.getString(1), rs.getTimestamp(2).toInstant()); });
        List<ChangeView.Collision> present = new ArrayList<>();
        Instant since = null;
        for (CollisionFinder.Found f : found) {
            Instant at = gained.get(f.signature());
            if (at != null) {
                present.add(f.collision());
                since = since == null || at.isBefore(since) ? at : since;
            }
        }
        return present.isEmpty() ? null : new ChangeView.CollisionFlag(since, present.size(), List.copyOf(present));
    }

    @ApplicationModuleListener
    void on(ChangeWritten event) {
        ChangeRow c = store.rows(List.of(event.id())).stream().findFirst().orElse(null);
        if (c == null) {
            return;
        }
        if (!CollisionDetector.CANDIDATE_STATUSES.contains(c.status())) {
            return; // a draft, or a change that has left: the others lose collisions, never gain them
        }
        check(jdbc.sql("SELECT id FROM chg_change WHERE status = 'scheduled' AND planned_start < ? AND planned_end > ? ORDER BY id")
            .params(Timestamp.from(c.plannedEnd()), Timestamp.from(c.plannedStart())).query(Long.class).list());
    }

    @ApplicationModuleListener
    void on(GraphChanged event) {
        if (event.generation() <= graphChecked.get()) {
            return; // a later graph has been checked already (a burst of relationship edits)
        }
        checkAllScheduled();
        graphChecked.accumulateAndGet(event.generation(), Math::max);
    }

    @ApplicationModuleListener
    void on(CollisionInputsChanged event) {
        checkAllScheduled();
    }

    private void checkAllScheduled() {
        check(jdbc.sql("SELECT id FROM chg_change WHERE status = 'scheduled' AND planned_end > ? ORDER BY id")
            .param(Timestamp.from(clock.instant())).query(Long.class).list());
    }

    /** Checks these changes (those scheduled) for collisions gained since their baseline. */
    void check(List<Long> ids) {
        for (ChangeRow c : store.rows(ids)) {
            if (!"scheduled".equals(c.status())) {
                continue;
            }
            boolean watched = jdbc.sql("SELECT COUNT(*) FROM chg_collision_watch WHERE change_id = ?").param(c.id())
                .query(Long.class).single() > 0;
            if (!watched) {
                baseline(c);
                continue;
            }
            List<ChangeView.Collision> gained = new ArrayList<>();
            for (CollisionFinder.Found f : finder.find(c)) {
                // The primary key makes each collision news once, even when two checks race or an event is replayed.
                if (record(c.id(), f, true) > 0) {
                    gained.add(f.collision());
                }
            }
            if (!gained.isEmpty()) {
                audit.record(ChangeService.ENTITY, c.ref(), "collision-flagged", c.ref() + " gained " + gained.size()
                    + " collision(s): " + String.join("; ", gained.stream().map(g -> g.kind()
                        + (g.change() == null ? "" : " with " + g.change())).toList()),
                    Map.of("collisions", new Change(null, gained.size())));
                mail.gained(c, gained);
            }
        }
    }

    private void baseline(ChangeRow c) {
        forget(c.id());
        jdbc.sql("INSERT INTO chg_collision_watch (change_id, watched_since) VALUES (?, ?) ON CONFLICT DO NOTHING")
            .params(c.id(), Timestamp.from(clock.instant())).update();
        for (CollisionFinder.Found f : finder.find(c)) {
            record(c.id(), f, false);
        }
    }

    private void forget(long id) {
        jdbc.sql("DELETE FROM chg_collision_seen WHERE change_id = ?").param(id).update();
        jdbc.sql("DELETE FROM chg_collision_watch WHERE change_id = ?").param(id).update();
    }

    private int record(long changeId, CollisionFinder.Found f, boolean gained) {
        return jdbc.sql("""
                INSERT INTO chg_collision_seen (change_id, signature, kind, other, gained, first_seen) VALUES (?, ?, ?, ?, ?, ?)
                ON CONFLICT DO NOTHING""")
            .params(changeId, f.signature(), f.collision().kind(), f.collision().change(), gained, Timestamp.from(clock.instant()))
            .update();
    }
}
