package org.estate.monitoring;

import java.time.Instant;

/**
 * A check's state changed ({@code up}, {@code degraded}, {@code down}, {@code unknown},
 * {@code paused}, {@code maintenance}). Published in the transaction that recorded it, through the
 * event publication registry, so the reaction (root-cause grouping, incidents) survives a crash.
 * {@code ci} is the CI the check watches, or null.
 */
public record CheckStateChanged(long check, Long ci, String from, String to, Instant at) {
}
