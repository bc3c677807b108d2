package org.estate.cmdb;

import java.time.Instant;
import java.util.Map;

/**
 * One change to a CI: {@code action} is created, updated or deleted; {@code changes} maps field to
 * from/to; {@code via} names the API token the actor used, when they used one.
 */
public record HistoryEntry(Instant at, String actor, String action, Map<String, Change> changes, String via) {

    public record Change(Object from, Object to) {
    }
}
