package org.estate.change.internal;

import java.time.Instant;
import java.util.Collection;
import java.util.List;

import org.estate.change.FreezeView;
import org.springframework.stereotype.Component;

/** Stands in until freezes and maintenance windows are built: none exist. */
@Component
class NoFreezesOrWindows implements FreezeLookup, WindowLookup {

    @Override
    public List<FreezeHit> covering(Instant start, Instant end, Collection<Long> cis) {
        return List.of();
    }

    @Override
    public List<FreezeView> overlapping(Instant from, Instant to) {
        return List.of();
    }

    @Override
    public List<Long> outsideWindows(Collection<Long> cis, Instant start, Instant end) {
        return List.of();
    }

    @Override
    public List<Occurrence> occurrences(Instant from, Instant to) {
        return List.of();
    }
}
