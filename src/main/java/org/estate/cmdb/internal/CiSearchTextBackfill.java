package org.estate.cmdb.internal;

import java.util.ArrayList;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Fills {@code ci.search_text} for CIs stored before the column existed (their attribute values are
 * JSON, which V30 cannot read in SQL), a thousand at a time. Idempotent: several nodes starting at
 * once write the same text.
 */
@Component
class CiSearchTextBackfill implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(CiSearchTextBackfill.class);

    private final JdbcTemplate jdbc;
    private final CiStore store;

    CiSearchTextBackfill(JdbcTemplate jdbc, CiStore store) {
        this.jdbc = jdbc;
        this.store = store;
    }

    @Override
    public void run(ApplicationArguments args) {
        long done = 0;
        long after = 0;
        while (true) {
            List<Object[]> rows = new ArrayList<>();
            long[] last = {after};
            jdbc.query("SELECT id, name, attributes FROM ci WHERE search_text IS NULL AND id > ? ORDER BY id LIMIT " + CiStore.CHUNK,
                rs -> {
                    last[0] = rs.getLong(1);
                    rows.add(new Object[] {CiSearchText.of(rs.getString(2), store.parseAttributes(rs.getString(3))), last[0]});
                }, after);
            if (rows.isEmpty()) {
                break;
            }
            jdbc.batchUpdate("UPDATE ci SET search_text = ? WHERE id = ? AND search_text IS NULL", rows);
            done += rows.size();
            after = last[0];
        }
        if (done > 0) {
            log.info("Made the search text of {} CIs stored before search", done);
        }
    }
}
