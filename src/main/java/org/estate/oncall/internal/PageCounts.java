package org.estate.oncall.internal;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * How many pages each person received over a span, for the on-call load: the distinct pages that
 * notified them (on any channel, at any level) within it.
 */
@org.springframework.stereotype.Component
class PageCounts {

    private final JdbcClient jdbc;

    PageCounts(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Map<String, Long> pagesPerUser(String rotaKey, Instant from, Instant to) {
        Map<String, Long> counts = new HashMap<>();
        jdbc.sql("""
                SELECT username, COUNT(DISTINCT page_id) FROM oncall_page_notification
                WHERE created_at >= ? AND created_at < ? GROUP BY username""")
            .params(Timestamp.from(from), Timestamp.from(to))
            .query(rs -> {
                counts.put(rs.getString(1), rs.getLong(2));
            });
        return counts;
    }
}
