package org.estate.change.internal;

import java.util.List;

import org.estate.change.internal.ScheduleRows.FreezeRow;
import org.estate.change.internal.ScheduleRows.WindowRow;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * This node's copy of every freeze and maintenance window (a council has tens or hundreds), so
 * that collision checks and the maintenance question read them from memory.
 *
 * <p>Right with several nodes: every write bumps a generation counter in the database inside its
 * own transaction ({@link ScheduleStore#bump}); before answering, a reader reads the counter (one
 * row) and reloads when it differs. A reload reads the counter first and the rows after it, so a
 * copy is never labelled newer than what it holds (a write committed in between makes it newer,
 * and the next reader reloads again); it runs in the caller's transaction, never a second
 * connection, so a busy pool cannot deadlock on it. Inside a transaction that has written freezes
 * or windows (a listener of {@link CollisionInputsChanged} asking before the commit), the rows are
 * read in that transaction and not kept.
 */
@Component
class ScheduleCache {

    record Snapshot(long generation, List<FreezeRow> freezes, List<WindowRow> windows) {
    }

    private static final String WROTE = ScheduleCache.class.getName() + ".wrote";

    private final ScheduleStore store;
    private volatile Snapshot snapshot;

    ScheduleCache(ScheduleStore store) {
        this.store = store;
    }

    /** Called by every write, inside its transaction: bumps the counter and marks the transaction. */
    void wrote() {
        store.bump();
        if (TransactionSynchronizationManager.isSynchronizationActive() && !TransactionSynchronizationManager.hasResource(WROTE)) {
            TransactionSynchronizationManager.bindResource(WROTE, Boolean.TRUE);
            TransactionSynchronizationManager.registerSynchronization(new org.springframework.transaction.support.TransactionSynchronization() {
                @Override
                public void afterCompletion(int status) {
                    TransactionSynchronizationManager.unbindResourceIfPossible(WROTE);
                }
            });
        }
    }

    Snapshot current() {
        if (TransactionSynchronizationManager.hasResource(WROTE)) {
            return new Snapshot(-1, store.freezes(), store.windows());
        }
        long now = store.generation();
        Snapshot s = snapshot;
        if (s != null && s.generation() >= now) {
            return s;
        }
        // No lock: a reload is a few hundred rows, and a reader waiting on a lock while it holds a
        // pooled connection could starve the loader of one.
        Snapshot loaded = new Snapshot(store.generation(), store.freezes(), store.windows());
        synchronized (this) {
            if (snapshot == null || snapshot.generation() < loaded.generation()) {
                snapshot = loaded;
            }
        }
        return loaded;
    }
}
