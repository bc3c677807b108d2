package org.estate.change.internal;

/**
 * A change was created, edited or moved (published inside that transaction): after commit, the
 * scheduled changes its window overlaps are checked for collisions they gained.
 */
record ChangeWritten(long id) {
}
