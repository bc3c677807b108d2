package org.estate.cmdb;

/** A relationship as a client sends it, not yet validated. */
public record RelationshipInput(Long source, String type, Long target, String redundancyGroup, Integer minimumUp) {
}
