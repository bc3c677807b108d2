package org.estate.monitoring;

import java.time.Instant;

/**
 * A check's state changed ({@code up}, {@code degraded}, {@code down}, {@code unknown},
 * {@code paused}, {@code maintenance}); {@code ci} is the CI the check watches, or null. Published
 * inside {@link CheckStatesChanged}, with the other changes its transaction recorded.
 */
public record CheckStateChanged(long check, Long ci, String from, String to, Instant at) {
}
