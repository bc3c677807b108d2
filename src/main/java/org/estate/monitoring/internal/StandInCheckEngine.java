package org.estate.monitoring.internal;

import java.time.Instant;

import org.estate.monitoring.internal.probe.ProbeResult;
import org.springframework.stereotype.Component;

/** STAND-IN until the engine lands: runs nothing. Replaced by the engine work. */
@Component
class StandInCheckEngine implements CheckEngine {

    @Override
    public Run runNow(long checkId) {
        throw new UnsupportedOperationException("The check engine is not built yet");
    }

    @Override
    public void record(long checkId, ProbeResult result, Instant at) {
    }

    @Override
    public void definitionChanged(long checkId) {
    }
}
