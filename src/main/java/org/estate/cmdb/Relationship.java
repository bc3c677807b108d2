package org.estate.cmdb;

/** A relationship "source TYPE target", optionally in a redundancy group needing {@code minimumUp} targets. */
public record Relationship(long id, long source, String type, long target, String redundancyGroup, Integer minimumUp) {
}
