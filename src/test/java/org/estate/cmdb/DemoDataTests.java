package org.estate.cmdb;

import static org.assertj.core.api.Assertions.assertThat;

import org.estate.test.ApiClient;
import org.estate.test.EstateTest;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;

import tools.jackson.databind.JsonNode;

/** ESTATE_DEMO=true loads the Borough of Eastmoor's estate into an empty CMDB, and it is a sensible one. */
@EstateTest
@TestPropertySource(properties = {"estate.demo=true", "estate.test.own-database=true"})
class DemoDataTests {

    @LocalServerPort
    int port;

    @Test
    void demoEstateIsLoadedWithServicesOnTopOfTheGraph() {
        ApiClient api = ApiClient.as(port, "demo.viewer", "viewer");
        JsonNode all = api.get("/api/v1/cis?size=1").json();
        assertThat(all.get("total").asInt()).isGreaterThanOrEqualTo(240);
        assertThat(api.get("/api/v1/cis?class=business-service").json().get("items").findValuesAsString("name"))
            .contains("Council Tax payments", "Waste collection booking", "Libraries catalogue and public PCs",
                "Adult social care case management");

        long cluster = api.get("/api/v1/cis?class=host-cluster&q=DC1-PROD").json().get("items").get(0).get("id").asLong();
        JsonNode impact = api.get("/api/v1/cis/" + cluster + "/impact").json();
        assertThat(impact.get("impacted").get(0).get("class").asString()).isEqualTo("business-service");
        assertThat(impact.get("impacted").findValuesAsString("name")).contains("Council Tax payments");

        // The demo files are themselves a valid, exact round trip.
        ApiClient engineer = ApiClient.as(port, "demo.engineer", "engineer");
        JsonNode again = engineer.post("/api/v1/cis/import", api.get("/api/v1/cis/export").body(), "text/csv").json();
        assertThat(again.get("created").asInt()).isZero();
        assertThat(again.get("updated").asInt()).isZero();
        JsonNode rels = engineer.post("/api/v1/relationships/import", api.get("/api/v1/relationships/export").body(), "text/csv").json();
        assertThat(rels.get("unchanged").asInt()).isGreaterThanOrEqualTo(400);
        assertThat(rels.get("created").asInt()).isZero();
    }

    @Test
    void theDeskHasHistoryOpenIncidentsAndAKnownError() {
        ApiClient api = ApiClient.as(port, "demo.viewer", "viewer");
        assertThat(api.get("/api/v1/incidents?size=1").json().get("total").asInt()).isGreaterThanOrEqualTo(243);
        JsonNode open = api.get("/api/v1/incidents?active=true&q=Council+Tax+payments+page").json().get("items");
        assertThat(open).hasSize(1);
        JsonNode p1 = api.get("/api/v1/incidents/" + open.get(0).get("ref").asString()).json();
        assertThat(p1.get("priority").asString()).isEqualTo("P1");
        assertThat(p1.get("impactedServices").findValuesAsString("name")).contains("Council Tax payments");
        assertThat(p1.get("knownErrors").findValuesAsString("title")).contains("Revenues database blocks under month-end load");
        assertThat(api.get("/api/v1/incidents?size=1&breachedAfter=2000-01-01T00:00:00Z").json().get("total").asInt()).isPositive();
        assertThat(api.get("/api/v1/teams/service-desk").json().get("members").toString()).contains("admin");
    }
}
