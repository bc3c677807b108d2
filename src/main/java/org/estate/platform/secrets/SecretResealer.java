package org.estate.platform.secrets;

import java.util.List;

import org.estate.platform.SealedColumn;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Key rotation's second half: at start, every value of every {@link SealedColumn} that an older key
 * sealed is opened and sealed again with the current key, a row at a time with a compare-and-set
 * (so an edit made meanwhile, or another node doing the same, is never overwritten). A value no
 * held key opens is left as it is and counted in the log, never lost.
 */
@Component
class SecretResealer {

    private static final Logger log = LoggerFactory.getLogger(SecretResealer.class);
    private static final int BATCH = 500;

    private final AesGcmSecrets secrets;
    private final JdbcClient jdbc;
    private final List<SealedColumn> columns;

    SecretResealer(AesGcmSecrets secrets, JdbcClient jdbc, List<SealedColumn> columns) {
        this.secrets = secrets;
        this.jdbc = jdbc;
        this.columns = columns;
    }

    @EventListener(ApplicationReadyEvent.class)
    void atStart() {
        for (SealedColumn c : columns) {
            try {
                reseal(c);
            } catch (RuntimeException e) {
                log.warn("Could not re-seal the secrets of {}.{}: {}", c.table(), c.column(), e.toString());
            }
        }
    }

    /** Re-seals one column's values sealed with an older key; answers how many were re-sealed. */
    int reseal(SealedColumn c) {
        String prefix = AesGcmSecrets.VERSION + ":" + secrets.currentKeyId() + ":";
        long after = Long.MIN_VALUE;
        int resealed = 0;
        int unopenable = 0;
        while (true) {
            record Row(long id, String sealed) {
            }
            List<Row> rows = jdbc.sql("SELECT " + c.idColumn() + ", " + c.column() + " FROM " + c.table() + " WHERE "
                    + c.column() + " IS NOT NULL AND " + c.column() + " NOT LIKE :prefix AND " + c.idColumn() + " > :after ORDER BY "
                    + c.idColumn() + " LIMIT " + BATCH)
                .param("prefix", prefix + "%").param("after", after)
                .query((rs, n) -> new Row(rs.getLong(1), rs.getString(2))).list();
            for (Row r : rows) {
                after = r.id();
                if (r.sealed().isEmpty()) {
                    continue;
                }
                String plain;
                try {
                    plain = secrets.open(r.sealed());
                } catch (IllegalStateException e) {
                    unopenable++;
                    continue;
                }
                resealed += jdbc.sql("UPDATE " + c.table() + " SET " + c.column() + " = :now WHERE " + c.idColumn() + " = :id AND "
                        + c.column() + " = :was")
                    .param("now", secrets.seal(plain)).param("id", r.id()).param("was", r.sealed()).update();
            }
            if (rows.size() < BATCH) {
                break;
            }
        }
        if (resealed > 0) {
            log.info("Re-sealed {} secret(s) of {}.{} with the current key {}", resealed, c.table(), c.column(), secrets.currentKeyId());
        }
        if (unopenable > 0) {
            log.warn("{} secret(s) of {}.{} were sealed with a key Estate does not hold: they were left as they are "
                + "(set ESTATE_SECRET_KEY_PREVIOUS to that key and restart)", unopenable, c.table(), c.column());
        }
        return resealed;
    }
}
