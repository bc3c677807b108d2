package org.estate.cmdb.internal;

import java.util.concurrent.locks.ReentrantLock;

import javax.sql.DataSource;

import org.estate.cmdb.RelationshipType;
import org.estate.cmdb.internal.graph.DependencyGraph;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * This node's in-memory copy of the dependency graph, for impact analysis in milliseconds.
 *
 * <p>Correct with several nodes writing: every graph write bumps a generation counter in the
 * database in its own transaction. Before answering, a reader reads the counter (one indexed
 * row) and, when it differs from its snapshot's, reloads; the counter and the edges are read in
 * one repeatable-read transaction, so a snapshot is never labelled newer than what it holds.
 */
@Component
class GraphCache {

    private static final Logger log = LoggerFactory.getLogger(GraphCache.class);

    private final JdbcTemplate jdbc;
    private final GraphGeneration generation;
    private final TransactionTemplate snapshotRead;
    private final ReentrantLock loading = new ReentrantLock();
    private volatile DependencyGraph snapshot;

    GraphCache(DataSource dataSource, GraphGeneration generation, PlatformTransactionManager transactions) {
        // Its own template: streaming 300,000 rows needs a fetch size the shared one must not have.
        this.jdbc = new JdbcTemplate(dataSource);
        this.jdbc.setFetchSize(10_000);
        this.generation = generation;
        this.snapshotRead = new TransactionTemplate(transactions);
        this.snapshotRead.setIsolationLevel(TransactionDefinition.ISOLATION_REPEATABLE_READ);
        this.snapshotRead.setReadOnly(true);
    }

    /** The graph as of now, reloaded first if any node changed it since this node last loaded it. */
    DependencyGraph current() {
        long now = generation.current();
        DependencyGraph s = snapshot;
        if (s != null && s.generation() == now) {
            return s;
        }
        loading.lock();
        try {
            s = snapshot;
            if (s != null && s.generation() >= now) {
                return s;
            }
            s = load();
            snapshot = s;
            return s;
        } finally {
            loading.unlock();
        }
    }

    private DependencyGraph load() {
        long started = System.nanoTime();
        DependencyGraph graph = snapshotRead.execute(status -> {
            long gen = generation.current();
            DependencyGraph.Builder builder = DependencyGraph.builder(gen);
            jdbc.query("SELECT id, source_id, rel_type, target_id, redundancy_group, minimum_up FROM ci_relationship", rs -> {
                String group = rs.getString(5);
                int minimumUp = rs.getInt(6);
                boolean impacting = RelationshipType.fromKey(rs.getString(3)).map(RelationshipType::impacting).orElse(false);
                builder.add(rs.getLong(1), rs.getLong(2), rs.getLong(4), impacting, group, minimumUp < 1 ? 1 : minimumUp);
            });
            return builder.build();
        });
        log.info("Loaded the dependency graph (generation {}, {} relationships) in {} ms", graph.generation(),
            graph.edgeCount(), (System.nanoTime() - started) / 1_000_000);
        return graph;
    }
}
