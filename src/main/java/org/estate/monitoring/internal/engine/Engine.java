package org.estate.monitoring.internal.engine;

import static org.estate.monitoring.internal.engine.ResultWriter.ts;

import java.time.Clock;
import java.time.Instant;
import java.util.List;

import org.estate.monitoring.internal.CheckEngine;
import org.estate.monitoring.internal.probe.ProbeResult;
import org.estate.platform.ConflictException;
import org.estate.platform.NotFoundException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The engine as the rest of the module calls it: on-demand runs and pushed results are recorded
 * at once (after what is buffered), through the same state machine as scheduled runs; an edited
 * check is taken up on this node at once and on the others at their next pass (a version check).
 */
@Component
class Engine implements CheckEngine {

    private final Probes probes;
    private final ResultBuffer buffer;
    private final ResultWriter writer;
    private final CheckScheduler scheduler;
    private final LeasePass leasePass;
    private final Leases leases;
    private final JdbcClient jdbc;
    private final Clock clock;
    private final Housekeeping housekeeping;
    private final org.estate.platform.BackgroundJob forgetting = new org.estate.platform.BackgroundJob("Deleting a check's results", Engine.class);

    Engine(Probes probes, ResultBuffer buffer, ResultWriter writer, CheckScheduler scheduler, LeasePass leasePass, Leases leases,
           JdbcClient jdbc, Clock clock, Housekeeping housekeeping) {
        this.housekeeping = housekeeping;
        this.probes = probes;
        this.buffer = buffer;
        this.writer = writer;
        this.scheduler = scheduler;
        this.leasePass = leasePass;
        this.leases = leases;
        this.jdbc = jdbc;
        this.clock = clock;
    }

    @Override
    public Run runNow(long checkId) {
        Definition def = probes.load(checkId).orElseThrow(() -> new NotFoundException("No check " + checkId));
        if (def.prober() == null) {
            throw new ConflictException("A " + def.check().type() + " check's results are sent to Estate; there is nothing to run");
        }
        Instant at = clock.instant();
        ProbeResult result = Probes.run(def.prober(), def.check().timeoutMs());
        ResultWriter.Written w = buffer.writeNow(Recorded.of(def, at, result, null));
        if (w.state() == null) {
            throw new NotFoundException("No check " + checkId);
        }
        return new Run(at, result, w.state());
    }

    @Override
    public void record(long checkId, ProbeResult result, Instant at) {
        Definition def = probes.load(checkId).orElseThrow(() -> new NotFoundException("No check " + checkId));
        buffer.writeNow(Recorded.of(def, at, result, null));
    }

    @Override
    public void definitionChanged(long checkId) {
        var loaded = probes.load(checkId);
        if (loaded.isEmpty()) {
            scheduler.drop(checkId);
            Thread.ofVirtual().start(() -> forgetting.run(() -> housekeeping.forget(checkId)));
            return;
        }
        Definition def = loaded.get();
        Instant now = clock.instant();
        ensureStatus(checkId, def.check().enabled(), now);
        if (!def.check().enabled()) {
            writer.forceState(checkId, def.check().ciId(), StateMachine.PAUSED, now, "Paused");
            leasePass.reload(checkId);
            return;
        }
        writer.forceState(checkId, def.check().ciId(), StateMachine.UNKNOWN, now, "Resumed", StateMachine.PAUSED);
        boolean heldHere;
        scheduler.lock.lock();
        try {
            var e = scheduler.entries.get(checkId);
            heldHere = e != null && !e.dropped;
        } finally {
            scheduler.lock.unlock();
        }
        if (heldHere) {
            scheduler.redefine(def, now);
            return;
        }
        // Free (a new check, or one just resumed): take it here, due when its status says (now, or
        // spread over its interval by an import); the shares even out at the next passes.
        Leases.Schedule stored = leases.schedules(List.of(checkId)).get(checkId);
        Instant due = stored != null && stored.nextRunAt().isAfter(now) ? stored.nextRunAt() : now;
        List<Leases.Candidate> won = leases.claim(leasePass.node(), List.of(new Leases.Candidate(checkId, null)));
        if (!won.isEmpty()) {
            scheduler.hold(def, due, 0);
        }
    }

    /** The check API writes the status row with the check; should it be missing, the engine adds it. */
    private void ensureStatus(long checkId, boolean enabled, Instant now) {
        jdbc.sql("""
            INSERT INTO mon_check_status (check_id, state, since, next_run_at)
            SELECT id, ?, ?, ? FROM mon_check WHERE id = ? AND NOT EXISTS (SELECT 1 FROM mon_check_status WHERE check_id = ?)""")
            .params(enabled ? StateMachine.UNKNOWN : StateMachine.PAUSED, ts(now), ts(now), checkId, checkId).update();
    }
}
