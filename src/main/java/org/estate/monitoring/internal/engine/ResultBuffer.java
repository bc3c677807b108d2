package org.estate.monitoring.internal.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import java.util.stream.Collectors;

import org.estate.monitoring.internal.engine.ResultWriter.Written;
import org.estate.monitoring.internal.probe.ResultHook;
import org.estate.platform.BackgroundJob;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Results on their way to the database: scheduled runs are buffered and written in batches
 * (every {@code estate.monitoring.results.flush-interval}, or at once when a batch is full or a
 * result may change its check's state), so 1,700 results a second cost a few statements, not
 * thousands. After each batch is committed, every {@link ResultHook} of the result's type is
 * called (outside the transaction) and the listeners (scheduler, metrics) hear of it.
 */
@Component
class ResultBuffer implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(ResultBuffer.class);

    private final ConcurrentLinkedQueue<Recorded> queue = new ConcurrentLinkedQueue<>();
    private final AtomicInteger size = new AtomicInteger();
    private final ReentrantLock flushing = new ReentrantLock();
    private final ReentrantLock signal = new ReentrantLock();
    private final Condition wake = signal.newCondition();
    private volatile boolean urgent;
    private final ResultWriter writer;
    private final EngineSettings settings;
    private final Map<String, List<ResultHook>> hooks;
    private final List<Consumer<List<Written>>> listeners = new CopyOnWriteArrayList<>();
    private final BackgroundJob job = new BackgroundJob("Recording check results", ResultBuffer.class);
    private volatile Thread thread;
    private volatile boolean running;

    private final io.micrometer.core.instrument.Counter resultsWritten;
    private final io.micrometer.core.instrument.Counter batchesWritten;

    ResultBuffer(ResultWriter writer, EngineSettings settings, List<ResultHook> hooks, io.micrometer.core.instrument.MeterRegistry meters) {
        this.resultsWritten = io.micrometer.core.instrument.Counter.builder("estate.check.results.written")
            .description("Check results written to the database").register(meters);
        this.batchesWritten = io.micrometer.core.instrument.Counter.builder("estate.check.result.batches")
            .description("Transactions that wrote check results (each one JDBC batch)").register(meters);
        this.writer = writer;
        this.settings = settings;
        this.hooks = hooks.stream().collect(Collectors.groupingBy(ResultHook::type));
    }

    void listen(Consumer<List<Written>> listener) {
        listeners.add(listener);
    }

    /** Buffers a result; {@code soon} asks for a write at once (the result may change the check's state). */
    void add(Recorded r, boolean soon) {
        queue.add(r);
        int n = size.incrementAndGet();
        if (n >= settings.flushRows * 20) {
            flush(); // the database is behind: the prober waits here rather than memory filling up
        } else if (soon || n >= settings.flushRows) {
            urgent = true;
            signal.lock();
            try {
                wake.signalAll();
            } finally {
                signal.unlock();
            }
        }
    }

    /** Writes everything buffered so far (in batches), then returns. */
    void flush() {
        flushing.lock();
        try {
            while (!queue.isEmpty()) {
                List<Recorded> batch = new ArrayList<>(Math.min(size.get(), settings.flushRows));
                Recorded r;
                while (batch.size() < settings.flushRows && (r = queue.poll()) != null) {
                    batch.add(r);
                    size.decrementAndGet();
                }
                List<Written> written;
                try {
                    written = writer.write(batch);
                } catch (RuntimeException e) {
                    written = retryAlone(batch, e);
                }
                after(written);
            }
        } finally {
            flushing.unlock();
        }
    }

    /**
     * A batch that failed: when the database is unreachable or busy, it goes back in front of what
     * came later for the next flush. Otherwise one result may be at fault (a value the database
     * refuses): each is written alone, and one that still fails while others go in is logged and
     * left out rather than holding every later result back for ever. When none goes in, the fault is
     * not the results': the batch goes back and waits.
     */
    private List<Written> retryAlone(List<Recorded> batch, RuntimeException failure) {
        if (batch.size() == 1 || waitable(failure)) {
            putBack(batch, 0);
            throw failure;
        }
        List<Written> written = new ArrayList<>();
        List<Recorded> refused = new ArrayList<>();
        RuntimeException last = failure;
        for (int i = 0; i < batch.size(); i++) {
            Recorded r = batch.get(i);
            try {
                written.addAll(writer.write(List.of(r)));
            } catch (RuntimeException e) {
                if (waitable(e)) {
                    after(written);
                    putBack(batch, i);
                    throw e;
                }
                refused.add(r);
                last = e;
            }
        }
        if (written.isEmpty()) {
            putBack(batch, 0);
            throw last;
        }
        for (Recorded r : refused) {
            log.error("A result of check {} at {} was refused by the database and is left out (the {} others of its batch were recorded): {}",
                r.checkId(), r.at(), written.size(), rootMessage(last));
        }
        return written;
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.toString();
    }

    private static boolean waitable(RuntimeException e) {
        return e instanceof TransientDataAccessException || org.estate.platform.DatabaseUnavailable.isCauseOf(e);
    }

    /** Puts {@code batch} from {@code from} back in front of what came later. */
    private void putBack(List<Recorded> batch, int from) {
        List<Recorded> rest = new ArrayList<>(batch.subList(from, batch.size()));
        Recorded q;
        while ((q = queue.poll()) != null) {
            rest.add(q);
        }
        queue.addAll(rest);
        size.set(queue.size());
    }

    /** Writes one result at once (on-demand runs and pushed results), after what is buffered. */
    Written writeNow(Recorded r) {
        flushing.lock();
        try {
            flush();
            List<Written> written = writer.write(List.of(r));
            after(written);
            return written.getFirst();
        } finally {
            flushing.unlock();
        }
    }

    private void after(List<Written> written) {
        resultsWritten.increment(written.size());
        batchesWritten.increment();
        for (Consumer<List<Written>> l : listeners) {
            try {
                l.accept(written);
            } catch (RuntimeException e) {
                log.warn("After recording results: {}", e.toString());
            }
        }
        for (Written w : written) {
            if (w.state() == null) {
                continue;
            }
            for (ResultHook hook : hooks.getOrDefault(w.recorded().type(), List.of())) {
                try {
                    hook.after(w.recorded().checkId(), w.recorded().ciId(), w.recorded().target(), w.recorded().result());
                } catch (RuntimeException e) {
                    log.warn("The {} result hook failed for check {}: {}", hook.type(), w.recorded().checkId(), e.toString());
                }
            }
        }
    }

    int pending() {
        return size.get();
    }

    private void loop() {
        while (running) {
            signal.lock();
            try {
                if (!urgent) {
                    wake.await(settings.flushInterval.toMillis(), TimeUnit.MILLISECONDS);
                }
                urgent = false;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } finally {
                signal.unlock();
            }
            job.run(this::flush);
        }
    }

    @Override
    public void start() {
        running = true;
        thread = Thread.ofPlatform().daemon().name("check-results").start(this::loop);
    }

    @Override
    public void stop() {
        running = false;
        Thread t = thread;
        if (t != null) {
            t.interrupt();
            try {
                t.join(5000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        job.run(this::flush);
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        // Stops after the scheduler (whose phase is higher), so the last results are written.
        return Integer.MAX_VALUE - 2000;
    }
}
