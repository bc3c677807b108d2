package org.estate.monitoring.internal.correlation;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

import org.estate.monitoring.CheckStatesChanged;
import org.estate.monitoring.internal.MaintenanceFilter;
import org.estate.platform.BackgroundJob;
import org.estate.servicedesk.SystemIncidents;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Makes the open monitoring incidents match the root causes of the current check states: one
 * incident per root cause, opened at once, updated when its symptoms or impact grow, a symptom's
 * earlier incident resolved as its duplicate, resolved ({@code monitoring-recovered}) when every
 * check of its root is up again — or only updated when an engineer has taken it — and held open
 * while a check of it flaps or is in maintenance.
 *
 * <p>Idempotent, so it runs after every {@link CheckStatesChanged} (through the event publication
 * registry, so a crash loses no pass) and on a periodic safety pass. Each pass holds a row lock on
 * {@code mon_correlation_lock} for its whole transaction: passes on all nodes run one at a time, so
 * two nodes never open two incidents for one root cause. A pass triggered by an event is skipped
 * when another pass on this node began after the event and has committed (it saw the change).
 */
@Component
public class Correlator {

    /** What a pass did: the incidents it opened, updated, resolved as recovered and resolved as duplicates. */
    public record Pass(boolean skipped, List<String> opened, List<String> updated, List<String> recovered, List<String> duplicates) {

        static Pass skip() {
            return new Pass(true, List.of(), List.of(), List.of(), List.of());
        }
    }

    static final String ACTOR = "monitoring";

    private final ProblemStore store;
    private final RootCauseAnalysis analysis;
    private final MaintenanceFilter maintenance;
    private final SystemIncidents incidents;
    private final Clock clock;
    private final TransactionTemplate transaction;
    private final boolean timer;
    private final BackgroundJob job = new BackgroundJob("Root-cause correlation", Correlator.class);
    private final AtomicLong started = new AtomicLong();
    private final AtomicLong committed = new AtomicLong();
    /**
     * One pass at a time on this node: a burst of state changes queues its listeners here, holding
     * no database connection, and each then finds a later pass already done and skips. (Waiting on
     * the database lock instead would hold a connection each and drain the pool.)
     */
    private final java.util.concurrent.locks.ReentrantLock local = new java.util.concurrent.locks.ReentrantLock(true);

    Correlator(ProblemStore store, RootCauseAnalysis analysis, MaintenanceFilter maintenance, SystemIncidents incidents, Clock clock,
               PlatformTransactionManager transactions,
               @Value("${estate.monitoring.correlation.timer:true}") boolean timer) {
        this.store = store;
        this.analysis = analysis;
        this.maintenance = maintenance;
        this.incidents = incidents;
        this.clock = clock;
        this.transaction = new TransactionTemplate(transactions);
        this.transaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.timer = timer;
    }

    /** Checks changed state: bring the incidents up to date (unless a later pass here already has). */
    @ApplicationModuleListener(propagation = Propagation.NOT_SUPPORTED)
    void on(CheckStatesChanged event) {
        long mark = started.get();
        run(mark);
    }

    @Scheduled(fixedDelayString = "${estate.monitoring.correlation.interval:60s}",
        initialDelayString = "${estate.monitoring.correlation.interval:60s}")
    void scheduled() {
        if (timer) {
            job.run(this::reconcile);
        }
    }

    /** One full pass, now. */
    public Pass reconcile() {
        return run(-1);
    }

    private Pass run(long mark) {
        local.lock();
        try {
            return runLocked(mark);
        } finally {
            local.unlock();
        }
    }

    private Pass runLocked(long mark) {
        if (mark >= 0 && committed.get() > mark) {
            return Pass.skip();
        }
        Instant deadline = Instant.now().plus(Duration.ofMinutes(2));
        while (true) {
            try {
                return transaction.execute(status -> pass(mark));
            } catch (TransientDataAccessException e) {
                // The lock wait timed out behind a long pass elsewhere (H2 waits 1 s by default): wait again.
                if (Instant.now().isAfter(deadline)) {
                    throw e;
                }
            }
        }
    }

    private Pass pass(long mark) {
        Instant now = clock.instant();
        store.lock(now);
        if (mark >= 0 && committed.get() > mark) {
            return Pass.skip();
        }
        long number = started.incrementAndGet();
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                committed.accumulateAndGet(number, Math::max);
            }
        });
        List<CheckState> notUp = store.notUp();
        Map<Long, String> checkNames = new HashMap<>();
        notUp.forEach(c -> checkNames.put(c.check(), c.name()));
        List<CheckState> failing = notUp.stream()
            .filter(c -> c.failing() && (c.ci() == null || !maintenance.inMaintenance(c.ci(), now))).toList();
        List<RootCause> roots = analysis.analyse(failing);
        Map<String, ProblemStore.Problem> open = store.open();
        Map<String, ProblemStore.Problem> current = new LinkedHashMap<>();
        List<String> opened = new ArrayList<>();
        List<String> updated = new ArrayList<>();
        List<String> recovered = new ArrayList<>();
        List<String> duplicates = new ArrayList<>();
        for (RootCause r : roots) {
            ProblemStore.Problem existing = open.get(r.key());
            if (existing == null) {
                ProblemStore.Problem p = open(r, checkNames, now);
                current.put(r.key(), p);
                opened.add(p.incidentRef());
            } else {
                current.put(r.key(), existing);
                if (update(existing, r, now)) {
                    updated.add(existing.incidentRef());
                }
            }
        }
        Set<String> handled = new HashSet<>(current.keySet());
        for (RootCause r : roots) {
            ProblemStore.Problem root = current.get(r.key());
            for (RootCause.Symptom s : r.symptoms()) {
                String key = RootCause.ciKey(s.ci());
                ProblemStore.Problem own = open.get(key);
                if (own != null && handled.add(key)) {
                    if (own.incidentRef() != null && root.incidentRef() != null
                        && incidents.resolveAsDuplicate(own.incidentRef(), root.incidentRef(), s.ciName() + " is a symptom of " + r.name()
                            + ", which is " + r.state(), ACTOR)) {
                        duplicates.add(own.incidentRef());
                    }
                    store.close(own.id(), "duplicate", root.id(), now);
                }
            }
        }
        for (ProblemStore.Problem p : open.values()) {
            if (!handled.contains(p.rootKey()) && recover(p, current, now) && p.incidentRef() != null) {
                recovered.add(p.incidentRef());
            }
        }
        return new Pass(false, opened, updated, recovered, duplicates);
    }

    private ProblemStore.Problem open(RootCause r, Map<Long, String> checkNames, Instant now) {
        String services = services(r.services());
        long id = store.insert(r, services, now);
        for (Long c : r.checks()) {
            store.addMember(id, c, r.ci(), "root", now);
        }
        for (RootCause.Symptom s : r.symptoms()) {
            store.addMember(id, s.check(), s.ci(), "symptom", now);
        }
        String ref = incidents.open(new SystemIncidents.Opening(IncidentText.title(r), IncidentText.description(r, checkNames),
            r.priority(), "Monitoring: " + r.reason(), r.affectedCis(), ACTOR));
        store.incident(id, ref);
        return new ProblemStore.Problem(id, r.key(), r.ci(), r.check(), r.kind(), r.priority(), services, ref, now);
    }

    /** New symptoms, more or worse services, another kind: the incident hears of it (and its priority rises). */
    private boolean update(ProblemStore.Problem p, RootCause r, Instant now) {
        Set<Long> members = store.members(p.id());
        List<RootCause.Symptom> newSymptoms = new ArrayList<>();
        for (Long c : r.checks()) {
            if (members.add(c)) {
                store.addMember(p.id(), c, r.ci(), "root", now);
            }
        }
        for (RootCause.Symptom s : r.symptoms()) {
            if (members.add(s.check())) {
                store.addMember(p.id(), s.check(), s.ci(), "symptom", now);
                newSymptoms.add(s);
            }
        }
        String services = services(r.services());
        boolean grew = grew(p.services(), services);
        boolean kindChanged = !p.kind().equals(r.kind());
        boolean higher = r.priority().compareTo(p.priority()) < 0;
        if (newSymptoms.isEmpty() && !grew && !kindChanged) {
            return false;
        }
        store.update(p.id(), r.kind(), higher ? r.priority() : p.priority(), services, now);
        if (p.incidentRef() == null || incidents.state(p.incidentRef()).map(s -> !s.open()).orElse(true)) {
            return false;
        }
        StringBuilder note = new StringBuilder("Monitoring: ");
        if (kindChanged) {
            note.append(IncidentText.title(r)).append(" (was ").append(p.kind()).append("). ");
        }
        if (!newSymptoms.isEmpty()) {
            note.append("New ").append(IncidentText.symptoms(newSymptoms)).append(' ');
            incidents.addAffectedCis(p.incidentRef(), newSymptoms.stream().map(RootCause.Symptom::ci).filter(r.affectedCis()::contains)
                .distinct().toList(), ACTOR);
        }
        if (grew) {
            note.append("Impact grew. ").append(IncidentText.services(r.services()));
        }
        incidents.addUpdate(p.incidentRef(), note.toString().trim(), ACTOR);
        if (higher) {
            incidents.changePriority(p.incidentRef(), r.priority(), "Monitoring: " + r.reason(), ACTOR);
        }
        return true;
    }

    /**
     * A problem that is no longer a root cause: resolved when every check of its root is up again
     * (paused, not yet run or deleted counting as not failing); held while one flaps, fails or is in
     * maintenance. Returns whether it was closed as recovered.
     */
    private boolean recover(ProblemStore.Problem p, Map<String, ProblemStore.Problem> current, Instant now) {
        List<CheckState> checks = store.checksOf(p.rootCi() == null ? List.of() : List.of(p.rootCi()),
            p.rootCi() == null ? List.of(p.rootCheck()) : List.of());
        boolean hold = checks.stream().anyMatch(c -> c.flapping() || c.failing() || "maintenance".equals(c.state()))
            || (p.rootCi() != null && maintenance.inMaintenance(p.rootCi(), now));
        if (hold) {
            return false;
        }
        store.close(p.id(), "recovered", null, now);
        if (p.incidentRef() == null) {
            return false;
        }
        var state = incidents.state(p.incidentRef());
        if (state.isEmpty() || !state.get().open()) {
            return false;
        }
        StringBuilder note = new StringBuilder("Every check of the root cause is up again (" + IncidentText.time(now) + ").");
        List<String> still = stillDown(p, current);
        if (!still.isEmpty()) {
            note.append(" Still down, each now an incident of its own: ").append(String.join(", ", still)).append('.');
        }
        if (state.get().taken()) {
            incidents.addUpdate(p.incidentRef(), "Monitoring: " + note + " Left open: an engineer has taken this incident.", ACTOR);
            return false;
        }
        return incidents.resolve(p.incidentRef(), SystemIncidents.RECOVERED, "Monitoring: " + note, ACTOR);
    }

    /** The problem's former symptoms that are root causes of their own now, with their incidents. */
    private List<String> stillDown(ProblemStore.Problem p, Map<String, ProblemStore.Problem> current) {
        return store.symptomCis(p.id()).stream().map(ci -> current.get(RootCause.ciKey(ci))).filter(x -> x != null && x.incidentRef() != null)
            .map(x -> "CI " + x.rootCi() + " (" + x.incidentRef() + ")").distinct().toList();
    }

    static String services(List<RootCause.Service> services) {
        return services.stream().sorted(java.util.Comparator.comparingLong(RootCause.Service::id))
            .map(s -> s.id() + ":" + s.state()).collect(Collectors.joining(","));
    }

    static boolean grew(String before, String after) {
        Map<String, String> old = parse(before);
        for (var e : parse(after).entrySet()) {
            String was = old.get(e.getKey());
            if (was == null || ("degraded".equals(was) && "down".equals(e.getValue()))) {
                return true;
            }
        }
        return false;
    }

    private static Map<String, String> parse(String services) {
        Map<String, String> out = new HashMap<>();
        if (services != null && !services.isBlank()) {
            for (String s : services.split(",")) {
                String[] kv = s.split(":");
                out.put(kv[0], kv.length > 1 ? kv[1] : "");
            }
        }
        return out;
    }
}
