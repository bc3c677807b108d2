package org.estate.monitoring.internal.engine;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

import org.estate.monitoring.internal.engine.ResultWriter.Written;
import org.estate.monitoring.internal.probe.ProbeResult;
import org.estate.platform.BackgroundJob;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * Runs the checks this node holds a lease on (README "The engine"). The leases are shared out by
 * {@link LeasePass}; here each held check waits in a priority queue by its due time, and a
 * dispatcher starts the due ones on virtual threads, at most {@code concurrency} at once. When
 * more is due than the machine can run, the most overdue goes first and a check that ran goes to
 * the back (its next run is one interval on, or now if that has passed), so none is starved.
 * A failed run is retried after {@code min(retry-max, interval / 3)} while its failures in a row
 * are below the failure threshold.
 */
@Component
public class CheckScheduler implements SmartLifecycle {

    /** A held check. Fields guarded by the scheduler's lock. */
    static final class Entry {
        final long id;
        Definition def;
        Instant due;
        long seq;
        boolean running;
        boolean dropped;
        int failures;
        String lastState;

        Entry(long id, Definition def) {
            this.id = id;
            this.def = def;
        }
    }

    private record Slot(Instant due, long seq, Entry entry) {
    }

    final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    final Map<Long, Entry> entries = new HashMap<>();
    private final PriorityQueue<Slot> queue = new PriorityQueue<>((a, b) -> {
        int c = a.due().compareTo(b.due());
        return c != 0 ? c : Long.compare(a.entry().id, b.entry().id);
    });
    private final Semaphore permits;
    private final EngineSettings settings;
    private final Clock clock;
    private final ResultBuffer buffer;
    private final Timer lag;
    private final BackgroundJob job = new BackgroundJob("The check scheduler", CheckScheduler.class);
    private LeasePass leasePass;
    private volatile boolean running;
    private Thread dispatcher;

    CheckScheduler(EngineSettings settings, Clock clock, ResultBuffer buffer, MeterRegistry meters) {
        this.settings = settings;
        this.clock = clock;
        this.buffer = buffer;
        this.permits = new Semaphore(settings.concurrency);
        this.lag = Timer.builder("estate.check.schedule.lag").description("How late a scheduled check started")
            .publishPercentiles(0.5, 0.99).register(meters);
        Gauge.builder("estate.check.schedule.overdue", this, CheckScheduler::oldestOverdueSeconds).baseUnit("seconds")
            .description("How long the most overdue check held here has been waiting to start (bounded when none is starved)")
            .register(meters);
        buffer.listen(this::recorded);
    }

    /** Seconds the most overdue waiting check is past its due time, 0 when none is overdue. */
    double oldestOverdueSeconds() {
        lock.lock();
        try {
            Slot top = queue.peek();
            while (top != null && (top.entry().seq != top.seq() || top.entry().dropped || top.entry().running)) {
                queue.poll();
                top = queue.peek();
            }
            if (top == null) {
                return 0;
            }
            long ms = Duration.between(top.due(), clock.instant()).toMillis();
            return ms <= 0 ? 0 : ms / 1000.0;
        } finally {
            lock.unlock();
        }
    }

    void leasePass(LeasePass pass) {
        this.leasePass = pass;
    }

    /**
     * For tests and benchmarks: one lease pass, then every due check held here (of {@code only},
     * when given) is run and its result written before this returns. Returns how many ran.
     */
    public int runDue(long... only) {
        leasePass.pass();
        Set<Long> wanted = new HashSet<>();
        for (long id : only) {
            wanted.add(id);
        }
        Instant now = clock.instant();
        List<Entry> due = new ArrayList<>();
        Map<Long, Instant> times = new HashMap<>();
        lock.lock();
        try {
            for (Entry e : entries.values()) {
                if (!e.running && !e.dropped && e.def.prober() != null && !e.due.isAfter(now) && (wanted.isEmpty() || wanted.contains(e.id))) {
                    e.running = true;
                    e.seq++;
                    due.add(e);
                    times.put(e.id, e.due);
                }
            }
        } finally {
            lock.unlock();
        }
        List<Thread> threads = new ArrayList<>();
        for (Entry e : due) {
            permits.acquireUninterruptibly();
            Instant scheduled = times.get(e.id);
            threads.add(Thread.ofVirtual().start(() -> run(e, scheduled)));
        }
        for (Thread t : threads) {
            try {
                t.join();
            } catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
            }
        }
        buffer.flush();
        return due.size();
    }

    /** For tests: this node stops as a frozen or killed one would (no heartbeat, no probe), handing nothing back. */
    public void haltForTests() {
        leasePass.halt();
    }

    /** Checks held by this node now. */
    public int held() {
        lock.lock();
        try {
            return (int) entries.values().stream().filter(e -> !e.dropped).count();
        } finally {
            lock.unlock();
        }
    }

    /** Adds a newly held check, due at {@code due}. */
    void hold(Definition def, Instant due, int failures) {
        lock.lock();
        try {
            Entry e = entries.get(def.check().id());
            if (e != null && !e.dropped) {
                e.def = def;
                return;
            }
            e = new Entry(def.check().id(), def);
            e.failures = failures;
            entries.put(e.id, e);
            schedule(e, due);
        } finally {
            lock.unlock();
        }
    }

    /** A new definition for a held check; {@code due} (if not null) moves its next run. */
    void redefine(Definition def, Instant due) {
        lock.lock();
        try {
            Entry e = entries.get(def.check().id());
            if (e == null || e.dropped) {
                return;
            }
            e.def = def;
            if (due != null && !e.running) {
                schedule(e, due);
            }
        } finally {
            lock.unlock();
        }
    }

    /** Stops holding a check (its lease is released by the caller once it is not running). */
    void drop(long id) {
        lock.lock();
        try {
            Entry e = entries.get(id);
            if (e != null) {
                e.dropped = true;
                e.seq++;
                if (!e.running) {
                    entries.remove(id);
                }
            }
        } finally {
            lock.unlock();
        }
    }

    boolean anyRunning() {
        lock.lock();
        try {
            return entries.values().stream().anyMatch(e -> e.running);
        } finally {
            lock.unlock();
        }
    }

    private void schedule(Entry e, Instant due) {
        e.due = due;
        e.seq++;
        if (e.def.prober() != null) {
            queue.add(new Slot(due, e.seq, e));
        }
        changed.signalAll();
    }

    private void dispatch() {
        while (running) {
            Entry next = null;
            Instant scheduled = null;
            lock.lock();
            try {
                Slot top = queue.peek();
                while (top != null && (top.entry().seq != top.seq() || top.entry().dropped || top.entry().running)) {
                    queue.poll();
                    top = queue.peek();
                }
                Instant now = clock.instant();
                if (top == null || top.due().isAfter(now)) {
                    long wait = top == null ? 1000 : Math.min(1000, Math.max(1, Duration.between(now, top.due()).toMillis()));
                    changed.await(wait, TimeUnit.MILLISECONDS);
                    continue;
                }
                if (!permits.tryAcquire()) {
                    changed.await(20, TimeUnit.MILLISECONDS);
                    continue;
                }
                queue.poll();
                next = top.entry();
                scheduled = top.due();
                next.running = true;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } finally {
                lock.unlock();
            }
            Entry e = next;
            Instant s = scheduled;
            Thread.ofVirtual().name("check-", e.id).start(() -> run(e, s));
        }
    }

    /** Runs one held check (a permit taken) and puts it back in the queue. */
    private void run(Entry e, Instant scheduled) {
        Instant next = null;
        try {
            Definition def = e.def;
            Instant at = clock.instant();
            int timeoutMs = def.check().timeoutMs();
            if (!leasePass.mayStart(e, at)) {
                next = at.plusSeconds(1);
                return;
            }
            lag.record(Duration.between(scheduled, at).isNegative() ? Duration.ZERO : Duration.between(scheduled, at));
            ProbeResult result = Probes.run(def.prober(), timeoutMs);
            Instant done = clock.instant();
            Duration interval = Duration.ofSeconds(def.check().intervalSeconds());
            e.failures = result.ok() ? 0 : e.failures + 1;
            if (!result.ok() && e.failures < def.check().failureThreshold()) {
                Duration retry = interval.dividedBy(3);
                next = done.plus(retry.compareTo(settings.retryMax) < 0 ? retry : settings.retryMax);
            } else {
                next = scheduled.plus(interval);
                if (next.isBefore(done)) {
                    next = done;
                }
            }
            boolean soon = !result.state().equals(e.lastState);
            e.lastState = result.state();
            buffer.add(Recorded.of(def, at, result, next), soon);
        } finally {
            permits.release();
            lock.lock();
            try {
                e.running = false;
                if (e.dropped) {
                    entries.remove(e.id, e);
                } else if (next != null) {
                    schedule(e, next);
                } else {
                    schedule(e, clock.instant().plusSeconds(1));
                }
                changed.signalAll();
            } finally {
                lock.unlock();
            }
        }
    }

    /** A result recorded (here or for another reason): deleted checks are dropped. */
    private void recorded(List<Written> written) {
        for (Written w : written) {
            if (w.state() == null) {
                drop(w.recorded().checkId());
            }
        }
    }

    @Override
    public void start() {
        if (!settings.schedulerEnabled) {
            return;
        }
        running = true;
        dispatcher = Thread.ofPlatform().daemon().name("check-scheduler").start(() -> {
            while (running) {
                job.run(this::dispatch);
            }
        });
    }

    @Override
    public void stop() {
        running = false;
        if (dispatcher != null) {
            dispatcher.interrupt();
            try {
                dispatcher.join(5000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        return Integer.MAX_VALUE - 1000;
    }
}
