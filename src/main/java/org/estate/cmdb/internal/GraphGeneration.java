package org.estate.cmdb.internal;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * The graph's generation counter in the database. A writer bumps it inside its own transaction
 * (the row lock also orders concurrent graph writers); a reader compares it with the generation of
 * its in-memory snapshot, on every node.
 */
@Component
class GraphGeneration {

    private final JdbcClient jdbc;

    GraphGeneration(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Transactional(propagation = Propagation.MANDATORY)
    void bump() {
        jdbc.sql("UPDATE cmdb_graph_state SET generation = generation + 1 WHERE id = 1").update();
    }

    long current() {
        return jdbc.sql("SELECT generation FROM cmdb_graph_state WHERE id = 1").query(Long.class).single();
    }
}
