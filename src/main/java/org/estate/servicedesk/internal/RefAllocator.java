package org.estate.servicedesk.internal;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Ticket numbers (INC-000123, REQ-…, PRB-…) from a counter row per prefix, taken in a short
 * transaction of their own so that a long import does not hold the counter locked; a failed
 * write leaves a gap, as a sequence would.
 */
@Component
class RefAllocator {

    private final JdbcClient jdbc;

    RefAllocator(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Reserves {@code count} numbers and returns the first. */
    @Transactional(propagation = Propagation.REQUIRES_NEW)
    public long reserve(String prefix, int count) {
        int n = jdbc.sql("UPDATE sd_counter SET next_value = next_value + ? WHERE name = ?").params(count, prefix).update();
        if (n == 0) {
            throw new IllegalStateException("No counter " + prefix);
        }
        long last = jdbc.sql("SELECT next_value FROM sd_counter WHERE name = ?").param(prefix).query(Long.class).single();
        return last - count + 1;
    }

    static String format(String prefix, long number) {
        return String.format("%s-%06d", prefix, number);
    }
}
