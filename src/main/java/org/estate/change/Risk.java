package org.estate.change;

import java.util.List;

/**
 * A change's risk: {@code score} is the sum of the factors' points and {@code level} follows from
 * it (under 20 low, 20–39 medium, 40–59 high, 60 and over very-high) unless a manager has
 * overridden it, when {@code level} is the override's.
 */
public record Risk(String level, int score, List<Factor> factors, Override override) {

    public record Factor(String factor, int points, String detail) {
    }

    public record Override(String level, String reason, String by) {
    }
}
