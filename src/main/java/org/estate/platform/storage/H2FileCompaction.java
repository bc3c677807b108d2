package org.estate.platform.storage;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;

import javax.sql.DataSource;

import org.estate.platform.BackgroundJob;
import org.h2.engine.SessionLocal;
import org.h2.jdbc.JdbcConnection;
import org.h2.mvstore.MVStore;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Keeps the embedded database's file from growing without end. H2 writes every change to new
 * space in its file and reclaims the old space by compacting in a background thread — but that
 * thread runs only with a write delay, and Estate sets {@code WRITE_DELAY=0} so that an
 * acknowledged write is on disk before the answer (it survives {@code kill -9}). Without this
 * job the file grew by half a gigabyte a minute under 100,000 checks a minute and never came
 * back. Every {@code estate.h2.compaction.interval} this rewrites the live rows of mostly-empty
 * chunks (at most {@code write-limit} bytes a pass) until the chunks are
 * {@code estate.h2.compaction.fill-rate} percent full; the space freed is reused by later writes.
 * Nothing on PostgreSQL, nor on an in-memory H2.
 */
@Component
class H2FileCompaction implements SmartLifecycle {

    private final BackgroundJob job = new BackgroundJob("Compacting the H2 file", H2FileCompaction.class);

    private final DataSource dataSource;
    private final String url;
    private final Duration interval;
    private final int fillRate;
    private final int writeLimit;
    private volatile boolean running;
    private Thread thread;

    H2FileCompaction(DataSource dataSource,
                     @Value("${spring.datasource.url:}") String url,
                     @Value("${estate.h2.compaction.interval:1s}") Duration interval,
                     @Value("${estate.h2.compaction.fill-rate:80}") int fillRate,
                     @Value("${estate.h2.compaction.write-limit:16777216}") int writeLimit) {
        this.dataSource = dataSource;
        this.url = url == null ? "" : url;
        this.interval = interval;
        this.fillRate = Math.clamp(fillRate, 10, 99);
        this.writeLimit = Math.max(1 << 20, writeLimit);
    }

    /** One pass: compacts when the database is an H2 file below the fill rate; true when it rewrote something. */
    boolean compactOnce() throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            MVStore store = store(c);
            if (store == null) {
                return false;
            }
            return store.compact(fillRate, writeLimit);
        }
    }

    /** The H2 file store behind a connection, or null (another database, or in memory). */
    static MVStore store(Connection c) throws SQLException {
        if (!c.isWrapperFor(JdbcConnection.class)) {
            return null;
        }
        if (!(c.unwrap(JdbcConnection.class).getSession() instanceof SessionLocal session)) {
            return null;
        }
        var db = session.getDatabase();
        if (db == null || !db.isPersistent() || db.getStore() == null) {
            return null;
        }
        MVStore store = db.getStore().getMvStore();
        return store == null || store.getFileStore() == null ? null : store;
    }

    @Override
    public void start() {
        if (!url.startsWith("jdbc:h2:file:")) {
            return;
        }
        running = true;
        thread = Thread.ofPlatform().daemon().name("h2-compaction").start(() -> {
            while (running) {
                try {
                    Thread.sleep(interval.toMillis());
                } catch (InterruptedException e) {
                    return;
                }
                job.run(() -> {
                    try {
                        compactOnce();
                    } catch (SQLException e) {
                        throw new IllegalStateException("Compacting the H2 file failed", e);
                    }
                });
            }
        });
    }

    @Override
    public void stop() {
        running = false;
        if (thread != null) {
            thread.interrupt();
            try {
                thread.join(5000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        // Stops before the datasource closes.
        return Integer.MAX_VALUE - 2000;
    }
}
