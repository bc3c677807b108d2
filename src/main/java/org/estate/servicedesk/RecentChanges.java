package org.estate.servicedesk;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * "What changed?" — the first question in a major incident, declared here so that the incident can
 * ask it and the change module (which sits above the service desk) can answer it without the desk
 * depending on changes. Without an answerer (the desk on its own) there are no changes.
 */
public interface RecentChanges {

    /** How far around an incident the desk looks: changes in the 72 hours before it opened, and up to 72 hours ahead. */
    Duration AROUND = Duration.ofHours(72);

    /** The most changes one answer holds. */
    int MAX = 100;

    /**
     * Changes (not cancelled or rejected) whose planned window overlaps {@code [from, to)} and that
     * touch one of {@code cis} or something one of them relies on (transitively, along
     * impact-carrying relationships); each once, reached the closest way, latest start first.
     * Unknown CIs are passed over.
     */
    List<Change> around(Collection<Long> cis, Instant from, Instant to);

    /**
     * A change as the question needs it. {@code touches} is the CI the change names; when
     * {@code direct} it is one of the CIs asked about, otherwise {@code via} is the CI asked about
     * that relies on it, {@code distance} steps away. {@code url} is the change's page.
     */
    record Change(String ref, String title, String type, String status, Instant plannedStart, Instant plannedEnd,
                  String team, String url, CiRef touches, boolean direct, CiRef via, int distance) {
    }

    record CiRef(long id, @JsonProperty("class") String ciClass, String name) {
    }
}
