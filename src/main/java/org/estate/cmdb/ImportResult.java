package org.estate.cmdb;

/** The outcome of a CSV import that was written. */
public record ImportResult(int created, int updated, int unchanged) {
}
