package org.estate.cmdb;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import org.estate.EstateApplication;
import org.estate.test.ApiClient;
import org.estate.test.EstateTest;
import org.estate.test.TestDatabaseInitializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Two Estate nodes on one database: each keeps its own in-memory graph, and each must answer
 * impact questions from the committed graph whichever node changed it.
 */
@EstateTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TwoNodeImpactTests {

    @LocalServerPort
    int port;
    ConfigurableApplicationContext second;
    int secondPort;

    @BeforeAll
    void startSecondNode() {
        Map<String, Object> props = new HashMap<>(TestDatabaseInitializer.properties());
        props.put("server.port", "0");
        props.put("estate.security.admin-password", ApiClient.ADMIN_PASSWORD);
        props.put("spring.flyway.enabled", "false");
        props.put("estate.servicedesk.clock-job", "false");
        props.put("estate.smtp.dispatcher", "false");
        // As arguments: default properties would lose to application.yml's embedded database.
        String[] args = props.entrySet().stream().map(e -> "--" + e.getKey() + "=" + e.getValue()).toArray(String[]::new);
        second = new SpringApplicationBuilder(EstateApplication.class).run(args);
        secondPort = ((WebServerApplicationContext) second).getWebServer().getPort();
    }

    @AfterAll
    void stopSecondNode() {
        if (second != null) {
            second.close();
        }
    }

    @Test
    void aRelationshipAddedOnOneNodeChangesImpactOnTheOther() {
        String s = UUID.randomUUID().toString().substring(0, 8);
        ApiClient nodeA = ApiClient.as(port, "two.nodes", "engineer");
        long app = nodeA.post("/api/v1/cis", "{\"class\":\"application\",\"name\":\"app-" + s + "\"}").json().get("id").asLong();
        long db = nodeA.post("/api/v1/cis", "{\"class\":\"database\",\"name\":\"db-" + s + "\"}").json().get("id").asLong();
        // The same token works on node B: all state is in the database.
        String token = nodeA.post("/api/v1/tokens", "{\"name\":\"node b\"}").json().get("token").asString();
        ApiClient nodeB = ApiClient.bearer(secondPort, token);

        // Both nodes load their graph before the change.
        assertThat(nodeA.get("/api/v1/cis/" + db + "/impact").json().get("impacted").size()).isZero();
        assertThat(nodeB.get("/api/v1/cis/" + db + "/impact").json().get("impacted").size()).isZero();

        long rel = nodeA.post("/api/v1/relationships", "{\"source\":" + app + ",\"type\":\"depends-on\",\"target\":" + db + "}")
            .json().get("id").asLong();
        assertThat(nodeB.get("/api/v1/cis/" + db + "/impact").json().get("impacted").findValuesAsString("name"))
            .containsExactly("app-" + s);

        assertThat(nodeB.delete("/api/v1/relationships/" + rel).status()).isEqualTo(204);
        assertThat(nodeA.get("/api/v1/cis/" + db + "/impact").json().get("impacted").size()).isZero();
    }
}
