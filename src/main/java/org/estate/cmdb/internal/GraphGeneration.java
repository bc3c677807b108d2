package org.estate.cmdb.internal;

import org.estate.cmdb.GraphChanged;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * The graph's generation counter in the database. A writer bumps it inside its own transaction
 * (the row lock also orders concurrent graph writers); a reader compares it with the generation of
 * its in-memory snapshot, on every node. Each bump publishes {@link GraphChanged} in the writer's
 * transaction (collision detection re-checks scheduled changes after commit).
 */
@Component
class GraphGeneration {

    private final JdbcClient jdbc;
    private final ApplicationEventPublisher events;

    GraphGeneration(JdbcClient jdbc, ApplicationEventPublisher events) {
        this.jdbc = jdbc;
        this.events = events;
    }

    @Transactional(propagation = Propagation.MANDATORY)
    void bump() {
        jdbc.sql("UPDATE cmdb_graph_state SET generation = generation + 1 WHERE id = 1").update();
        events.publishEvent(new GraphChanged(current()));
    }

    long current() {
        return jdbc.sql("SELECT generation FROM cmdb_graph_state WHERE id = 1").query(Long.class).single();
    }
}
