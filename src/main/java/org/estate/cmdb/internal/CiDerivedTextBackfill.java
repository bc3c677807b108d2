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
 * Fills the text columns derived from a CI ({@code search_text}, {@code name_key}) for CIs stored
 * before the columns existed or whose text a migration cleared for a new shape (V54 folded the
 * owner and description in): their attribute values are JSON, which a SQL migration cannot read,
 * and the keys are computed in Java. A thousand at a time; idempotent: several nodes starting at
 * once write the same text.
 */
@Component
public class CiDerivedTextBackfill implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(CiDerivedTextBackfill.class);

    private final JdbcTemplate jdbc;
    private final CiStore store;

    CiDerivedTextBackfill(JdbcTemplate jdbc, CiStore store) {
        this.jdbc = jdbc;
        this.store = store;
    }

    @Override
    public void run(ApplicationArguments args) {
        fillMissing();
    }

    /** Fills the derived text of every CI that lacks it; answers how many were filled. */
    public long fillMissing() {
        long done = 0;
        long after = 0;
        while (true) {
            List<Object[]> rows = new ArrayList<>();
            long[] last = {after};
            jdbc.query("SELECT id, name, owner, description, attributes FROM ci WHERE (search_text IS NULL OR name_key IS NULL) "
                    + "AND id > ? ORDER BY id LIMIT " + CiStore.CHUNK,
                rs -> {
                    last[0] = rs.getLong(1);
                    var attributes = store.parseAttributes(rs.getString(5));
                    rows.add(new Object[] {CiSearchText.of(rs.getString(2), rs.getString(3), rs.getString(4), attributes),
                        org.estate.platform.NaturalOrder.key(rs.getString(2)), last[0]});
                }, after);
            if (rows.isEmpty()) {
                break;
            }
            jdbc.batchUpdate("UPDATE ci SET search_text = ?, name_key = ? WHERE id = ?", rows);
            done += rows.size();
            after = last[0];
        }
        if (done > 0) {
            log.info("Made the search and sort text of {} CIs stored before those columns", done);
        }
        return done;
    }
}
