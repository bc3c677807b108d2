package org.estate.cmdb.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;

import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.migration.JavaMigration;
import org.flywaydb.core.api.migration.Context;
import org.springframework.stereotype.Component;

/**
 * V35: two columns the CI list reads, kept by {@link CiStore} on every write: {@code name_key},
 * the name's {@link org.estate.platform.NaturalOrder} key (the list's sort by name, the same on
 * both databases), and {@code attribute_text}, the attribute values one per line (the list's
 * text filter matches them). Java, because the keys are computed in Java; existing CIs are filled
 * in here, a thousand at a time.
 */
@Component
class CiSortKeysMigration implements JavaMigration {

    @Override
    public MigrationVersion getVersion() {
        return MigrationVersion.fromVersion("35");
    }

    @Override
    public String getDescription() {
        return "cmdb ci sort keys";
    }

    @Override
    public Integer getChecksum() {
        return null;
    }

    @Override
    public boolean canExecuteInTransaction() {
        return true;
    }

    @Override
    public void migrate(Context context) throws Exception {
        Connection c = context.getConnection();
        try (Statement s = c.createStatement()) {
            s.execute("ALTER TABLE ci ADD COLUMN name_key VARCHAR(1000)");
            s.execute("ALTER TABLE ci ADD COLUMN attribute_text VARCHAR(100000)");
        }
        long after = 0;
        while (true) {
            int n = 0;
            try (PreparedStatement read = c.prepareStatement("SELECT id, name, attributes FROM ci WHERE id > ? ORDER BY id LIMIT 1000");
                 PreparedStatement write = c.prepareStatement("UPDATE ci SET name_key = ?, attribute_text = ? WHERE id = ?")) {
                read.setLong(1, after);
                try (ResultSet rs = read.executeQuery()) {
                    while (rs.next()) {
                        after = rs.getLong(1);
                        write.setString(1, org.estate.platform.NaturalOrder.key(rs.getString(2)));
                        write.setString(2, CiStore.attributeText(CiStore.parseStoredAttributes(rs.getString(3))));
                        write.setLong(3, after);
                        write.addBatch();
                        n++;
                    }
                }
                if (n > 0) {
                    write.executeBatch();
                }
            }
            if (n < 1000) {
                break;
            }
        }
    }
}
