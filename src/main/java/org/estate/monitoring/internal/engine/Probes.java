package org.estate.monitoring.internal.engine;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.estate.monitoring.internal.CheckDefinition;
import org.estate.monitoring.internal.CheckDefinitions;
import org.estate.monitoring.internal.probe.CheckType;
import org.estate.monitoring.internal.probe.CheckTypes;
import org.estate.monitoring.internal.probe.ProbeResult;
import org.estate.monitoring.internal.probe.Prober;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/** Loads check definitions with their probers, and runs a probe so that it never throws. */
@Component
class Probes {

    private static final Logger log = LoggerFactory.getLogger(Probes.class);

    private final CheckDefinitions definitions;
    private final CheckTypes types;

    Probes(CheckDefinitions definitions, CheckTypes types) {
        this.definitions = definitions;
        this.types = types;
    }

    Optional<Definition> load(long id) {
        return definitions.find(id).map(this::prepare);
    }

    List<Definition> load(Collection<Long> ids) {
        List<Definition> out = new ArrayList<>();
        for (CheckDefinition d : definitions.load(ids)) {
            out.add(prepare(d));
        }
        return out;
    }

    Definition prepare(CheckDefinition d) {
        Optional<CheckType> type = types.find(d.type());
        if (type.isEmpty()) {
            return new Definition(d, timeout -> ProbeResult.down(0, "Estate has no check type '" + d.type() + "'", Map.of()));
        }
        try {
            return new Definition(d, type.get().prepare(d.id(), d.target()));
        } catch (RuntimeException e) {
            log.warn("Cannot prepare check {} ({}): {}", d.id(), d.type(), e.getClass().getSimpleName());
            String why = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            return new Definition(d, timeout -> ProbeResult.down(0, "The check cannot run: " + why, Map.of()));
        }
    }

    /** Runs the probe; a prober that throws gives a {@code down} result saying so. */
    static ProbeResult run(Prober prober, int timeoutMs) {
        long start = System.nanoTime();
        try {
            ProbeResult r = prober.probe(Duration.ofMillis(timeoutMs));
            if (r == null) {
                return ProbeResult.down((System.nanoTime() - start) / 1_000_000, "The probe gave no result", Map.of());
            }
            return r;
        } catch (RuntimeException e) {
            String why = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            return ProbeResult.down((System.nanoTime() - start) / 1_000_000, "The probe failed: " + why, Map.of());
        }
    }
}
