package org.estate.monitoring.internal.engine;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.estate.monitoring.internal.engine.CheckScheduler.Entry;
import org.estate.platform.BackgroundJob;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Shares the checks between the live nodes (README "The engine", several nodes). Every
 * {@code claim-interval} this node writes its heartbeat, declares nodes silent for longer than
 * {@code node-timeout} dead, and takes its fair share (enabled checks / live nodes, rounded up):
 * it claims free checks and dead nodes' checks by compare-and-set, or releases what it holds
 * beyond its share. A check stays with its node while the node is alive (the heartbeat is the
 * lease); every {@code reconcile-interval} the node re-reads what the database says it holds.
 *
 * <p>Why no check runs twice at once: a node starts a probe only while its last heartbeat is
 * younger than {@code node-timeout - node-heartbeat}; another node takes a check only after
 * declaring its holder dead (a compare-and-set on the holder's heartbeat row, which the holder sees
 * at its next heartbeat, so it cannot be alive and dead at once) or after the holder released it,
 * and then first runs it no sooner than one timeout later, when any probe the old holder had
 * started has finished.
 */
@Component
class LeasePass implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(LeasePass.class);

    private final Leases leases;
    private final CheckScheduler scheduler;
    private final Probes probes;
    private final EngineSettings settings;
    private final Clock clock;
    private final BackgroundJob job = new BackgroundJob("Sharing checks between nodes", LeasePass.class);
    private final Object passLock = new Object();
    private volatile Instant heartbeatOk = Instant.MIN;
    private Instant lastReconcile = Instant.MIN;
    private Instant lastVersionCheck;
    private boolean declaredDead;
    private volatile boolean running;
    private Thread thread;

    LeasePass(Leases leases, CheckScheduler scheduler, Probes probes, EngineSettings settings, Clock clock) {
        this.leases = leases;
        this.scheduler = scheduler;
        this.probes = probes;
        this.settings = settings;
        this.clock = clock;
        scheduler.leasePass(this);
    }

    String node() {
        return settings.nodeId;
    }

    /** Whether this node may start a probe of {@code e} now: it still holds it and its heartbeat is fresh. */
    boolean mayStart(Entry e, Instant now) {
        if (!now.isBefore(heartbeatOk.plus(settings.fence()))) {
            return false;
        }
        scheduler.lock.lock();
        try {
            return !e.dropped;
        } finally {
            scheduler.lock.unlock();
        }
    }

    /** One pass: heartbeat, dead nodes, what is held, fair share, edits made on other nodes. */
    void pass() {
        synchronized (passLock) {
            long started = System.nanoTime();
            Instant now = clock.instant();
            if (!leases.heartbeat(node(), now)) {
                if (!declaredDead) {
                    log.warn("Node {} was silent too long and another node took its checks over; it joins again", node());
                }
                declaredDead = true;
                dropAll();
            }
            if (declaredDead) {
                if (scheduler.anyRunning()) {
                    return; // rejoin once its last probes have finished
                }
                leases.rejoin(node(), now);
                declaredDead = false;
            }
            // The heartbeat just written is the proof: it succeeded only while no node had declared
            // this one dead, and none can before now + node-timeout, so probes may go on (or start
            // again after a stall) while the slower work below runs.
            heartbeatOk = now;
            leases.declareDead(now.minus(settings.nodeTimeout), now.minus(Duration.ofHours(1)));
            if (!now.isBefore(lastReconcile.plus(settings.reconcileInterval))) {
                reconcile(now);
            }
            share(now);
            edits(now);
            Duration took = Duration.ofNanos(System.nanoTime() - started);
            if (took.compareTo(settings.fence().dividedBy(2)) > 0) {
                log.warn("Sharing checks between nodes took {} ms (node {}): probes pause when it takes longer than {} ms",
                    took.toMillis(), node(), settings.fence().toMillis());
            }
        }
    }

    private void dropAll() {
        List<Long> ids;
        scheduler.lock.lock();
        try {
            ids = new ArrayList<>(scheduler.entries.keySet());
        } finally {
            scheduler.lock.unlock();
        }
        ids.forEach(scheduler::drop);
    }

    /** Makes the held set match the database's (a release or a takeover this node did not see). */
    private void reconcile(Instant now) {
        Set<Long> held = leases.held(node());
        lastReconcile = now;
        List<Long> missing = new ArrayList<>();
        scheduler.lock.lock();
        try {
            for (Entry e : new ArrayList<>(scheduler.entries.values())) {
                if (!held.contains(e.id)) {
                    scheduler.drop(e.id);
                }
            }
            for (Long id : held) {
                if (!scheduler.entries.containsKey(id)) {
                    missing.add(id);
                }
            }
        } finally {
            scheduler.lock.unlock();
        }
        take(missing, Map.of(), now);
    }

    private void share(Instant now) {
        int live = Math.max(1, leases.liveNodes(now.minus(settings.nodeTimeout)));
        int total = leases.enabledChecks();
        int fair = (total + live - 1) / live;
        int held = scheduler.held();
        if (held < fair) {
            List<Leases.Candidate> candidates = leases.claimable(Math.min(fair - held, 5000));
            List<Leases.Candidate> won = leases.claim(node(), candidates);
            Map<Long, String> previous = new HashMap<>();
            for (Leases.Candidate c : won) {
                previous.put(c.checkId(), c.previousOwner());
            }
            take(new ArrayList<>(previous.keySet()), previous, now);
        } else if (held > fair) {
            Map<Long, Instant> excess = new HashMap<>();
            scheduler.lock.lock();
            try {
                scheduler.entries.values().stream().filter(e -> !e.running && !e.dropped)
                    .sorted((a, b) -> b.due.compareTo(a.due)).limit(held - fair).forEach(e -> excess.put(e.id, e.due));
                excess.keySet().forEach(scheduler::drop);
            } finally {
                scheduler.lock.unlock();
            }
            leases.release(node(), excess);
        }
    }

    /** Loads checks now held; one taken from another node first runs a timeout later (see the class comment). */
    private void take(List<Long> ids, Map<Long, String> previousOwners, Instant now) {
        if (ids.isEmpty()) {
            return;
        }
        for (int from = 0; from < ids.size(); from += 1000) {
            List<Long> chunk = ids.subList(from, Math.min(ids.size(), from + 1000));
            Map<Long, Leases.Schedule> schedules = leases.schedules(chunk);
            for (Definition d : probes.load(chunk)) {
                long id = d.check().id();
                Leases.Schedule s = schedules.get(id);
                if (s == null) {
                    continue;
                }
                Instant due = s.nextRunAt();
                String previous = previousOwners.get(id);
                if (previous != null && !previous.equals(node())) {
                    Instant safe = now.plusMillis(d.check().timeoutMs());
                    if (due.isBefore(safe)) {
                        due = safe;
                    }
                }
                if (!d.check().enabled()) {
                    leases.release(node(), List.of(id));
                    continue;
                }
                scheduler.hold(d, due, s.failures());
            }
        }
    }

    /** Edits made through another node: reload those this node holds. */
    private void edits(Instant now) {
        Instant since = lastVersionCheck == null ? now.minusSeconds(10) : lastVersionCheck.minusSeconds(10);
        lastVersionCheck = now;
        Map<Long, Long> edited = leases.editedSince(since);
        for (Map.Entry<Long, Long> v : edited.entrySet()) {
            Long known = null;
            scheduler.lock.lock();
            try {
                Entry e = scheduler.entries.get(v.getKey());
                if (e != null && !e.dropped) {
                    known = e.def.check().version();
                }
            } finally {
                scheduler.lock.unlock();
            }
            if (known != null && known.longValue() != v.getValue()) {
                reload(v.getKey());
            }
        }
    }

    /** Takes up a check's new definition on this node: reschedules, or drops and releases it (paused, deleted). */
    void reload(long id) {
        var def = probes.load(id);
        if (def.isEmpty() || !def.get().check().enabled()) {
            scheduler.drop(id);
            leases.release(node(), List.of(id));
            return;
        }
        scheduler.redefine(def.get(), null);
    }

    @Override
    public void start() {
        if (!settings.schedulerEnabled) {
            return;
        }
        running = true;
        thread = Thread.ofPlatform().daemon().name("check-leases").start(() -> {
            while (running) {
                job.run(this::pass);
                try {
                    Thread.sleep(settings.claimInterval.toMillis());
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
    }

    @Override
    public void stop() {
        if (!running) {
            return;
        }
        running = false;
        thread.interrupt();
        // Let probes under way finish (their results are written), then hand everything back at once.
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (scheduler.anyRunning() && System.nanoTime() < deadline) {
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        Map<Long, Instant> due = new HashMap<>();
        scheduler.lock.lock();
        try {
            scheduler.entries.values().forEach(e -> due.put(e.id, e.due));
        } finally {
            scheduler.lock.unlock();
        }
        dropAll();
        job.run(() -> {
            leases.release(node(), due);
            leases.leave(node());
        });
    }

    /** For tests: stops as a killed node would, without handing anything back. */
    void halt() {
        running = false;
        if (thread != null) {
            thread.interrupt();
        }
        heartbeatOk = Instant.MIN;
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        // Stops after the dispatcher (a lower phase stops later), so nothing new starts meanwhile.
        return Integer.MAX_VALUE - 1500;
    }
}
