package org.estate.change.internal;

import java.util.List;
import java.util.concurrent.locks.ReentrantLock;

import org.estate.change.internal.ScheduleRows.FreezeRow;
import org.estate.change.internal.ScheduleRows.WindowRow;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * This node's copy of every freeze and maintenance window (a council has tens or hundreds), so
 * that collision checks and the maintenance question read them from memory.
 *
 * <p>Right with several nodes: every write bumps a generation counter in the database inside its
 * own transaction ({@link ScheduleStore#bump}); before answering, a reader reads the counter (one
 * row) and reloads when it differs. The counter and the rows are read together in their own
 * repeatable-read transaction, so a copy is never labelled newer than what it holds. Inside a
 * transaction that has written freezes or windows (a listener of {@link CollisionInputsChanged}
 * asking before the commit), the rows are read in that transaction instead, and not kept.
 */
@Component
class ScheduleCache {

    record Snapshot(long generation, List<FreezeRow> freezes, List<WindowRow> windows) {
    }

    private static final String WROTE = ScheduleCache.class.getName() + ".wrote";

    private final ScheduleStore store;
    private final TransactionTemplate snapshotRead;
    private final ReentrantLock loading = new ReentrantLock();
    private volatile Snapshot snapshot;

    ScheduleCache(ScheduleStore store, PlatformTransactionManager transactions) {
        this.store = store;
        this.snapshotRead = new TransactionTemplate(transactions);
        this.snapshotRead.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.snapshotRead.setIsolationLevel(TransactionDefinition.ISOLATION_REPEATABLE_READ);
        this.snapshotRead.setReadOnly(true);
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
        if (s != null && s.generation() == now) {
            return s;
        }
        loading.lock();
        try {
            s = snapshot;
            if (s != null && s.generation() >= now) {
                return s;
            }
            s = snapshotRead.execute(status -> new Snapshot(store.generation(), store.freezes(), store.windows()));
            snapshot = s;
            return s;
        } finally {
            loading.unlock();
        }
    }
}
