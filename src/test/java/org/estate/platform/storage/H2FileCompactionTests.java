package org.estate.platform.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.time.Duration;

import org.h2.jdbcx.JdbcDataSource;
import org.h2.mvstore.MVStore;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The H2 file under churn with {@code WRITE_DELAY=0} (as Estate opens it): H2's own compaction
 * never runs, the chunks fill with dead rows; a pass of {@link H2FileCompaction} finds the file's
 * store and rewrites the live rows of the sparse chunks. In memory, there is nothing to compact.
 * (What it does to the file's size under monitoring's load is measured in bench/README.md.)
 */
@Tag("unit")
class H2FileCompactionTests {

    @TempDir
    Path dir;

    @Test
    void aPassRewritesMostlyDeadChunksOfAnH2FileWrittenWithoutWriteDelay() throws Exception {
        JdbcDataSource ds = new JdbcDataSource();
        ds.setURL("jdbc:h2:file:" + dir.resolve("churn") + ";WRITE_DELAY=0;RETENTION_TIME=0"); // no 45 s wait before dead chunks may go
        try (Connection keepOpen = ds.getConnection()) {
            try (Statement s = keepOpen.createStatement()) {
                s.execute("CREATE TABLE status (id INT PRIMARY KEY, n INT, message VARCHAR(200))");
                s.execute("INSERT INTO status SELECT x, 0, REPEAT('x', 150) FROM SYSTEM_RANGE(1, 5000)");
            }
            try (PreparedStatement u = keepOpen.prepareStatement("UPDATE status SET n = n + 1 WHERE id = ?")) {
                for (int i = 0; i < 20_000; i++) {
                    u.setInt(1, 1 + (i * 7919) % 5000);
                    u.executeUpdate(); // autocommit: one write to the file each, as every result batch is
                }
            }
            MVStore store = H2FileCompaction.store(keepOpen);
            assertThat(store).as("an H2 file").isNotNull();
            assertThat(store.getFileStore().getChunksFillRate()).as("dead rows fill the chunks: nothing compacted them").isLessThan(50);
            H2FileCompaction compaction = new H2FileCompaction(ds, "jdbc:h2:file:test", Duration.ofSeconds(1), 80, 16 << 20);
            assertThat(compaction.compactOnce()).as("a pass found the file's store and rewrote its sparse chunks").isTrue();
        }
    }

    @Test
    void anInMemoryDatabaseHasNothingToCompact() throws Exception {
        JdbcDataSource ds = new JdbcDataSource();
        ds.setURL("jdbc:h2:mem:compaction-" + System.nanoTime());
        try (Connection c = ds.getConnection()) {
            assertThat(H2FileCompaction.store(c)).isNull();
            assertThat(new H2FileCompaction(ds, "jdbc:h2:file:test", Duration.ofSeconds(1), 80, 16 << 20).compactOnce()).isFalse();
        }
    }
}
