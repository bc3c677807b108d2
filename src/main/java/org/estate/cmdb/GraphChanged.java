package org.estate.cmdb;

/**
 * The dependency graph changed: a relationship created or deleted (one at a time, by import, or
 * with a deleted CI). Published inside the writing transaction, so a listener through the event
 * publication registry hears it after commit, or again after a crash. {@code generation} is the
 * graph's generation that write made: a listener that has already looked at the graph of a later
 * generation may skip an earlier one.
 */
public record GraphChanged(long generation) {
}
