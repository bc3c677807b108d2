package org.estate.servicedesk;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.estate.test.ApiClient;
import org.estate.test.ApiClient.Response;
import org.estate.test.EstateTest;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import tools.jackson.databind.JsonNode;

/** A requester sees only what the portal shows them: no CMDB through incidents, no oracle in the errors; CI lists are capped. */
@EstateTest
class RequesterSeesNoCmdbApiTests {

    @LocalServerPort
    int port;

    private final String s = UUID.randomUUID().toString().substring(0, 6);

    private static String incident(String title, String cis) {
        return """
            {"title":"%s","impact":"low","urgency":"low","affectedCis":%s,"reporter":{"name":"Sam","email":"sam@eastmoor.example"}}"""
            .formatted(title, cis);
    }

    @Test
    void aRequesterCannotNameCisAndTheErrorSaysNothingAboutWhichExist() {
        ApiClient engineer = ApiClient.as(port, "rc.eng", "engineer");
        long ci = engineer.post("/api/v1/cis", "{\"class\":\"database\",\"name\":\"secretdb-" + s + "\"}").json().get("id").asLong();
        ApiClient alice = ApiClient.as(port, "rc.alice", "requester");
        Response existing = alice.post("/api/v1/incidents", incident("Slow " + s, "[" + ci + "]"));
        Response missing = alice.post("/api/v1/incidents", incident("Slow " + s, "[987654321]"));
        assertThat(existing.status()).isEqualTo(422);
        assertThat(existing.body()).contains("affectedCis").doesNotContain("secretdb");
        // The errors carry no id at all (on a fresh database the CI's id may be a digit of "422").
        assertThat(existing.json().get("errors").toString()).doesNotContain(String.valueOf(ci));
        assertThat(missing.status()).isEqualTo(422);
        assertThat(existing.json().get("errors")).isEqualTo(missing.json().get("errors"));
    }

    @Test
    void aRequesterSeesNoCisImpactedServicesNorInternalReasonsOnTheirTicket() {
        ApiClient engineer = ApiClient.as(port, "rc.eng", "engineer");
        ApiClient manager = ApiClient.as(port, "rc.mgr", "manager");
        long svc = engineer.post("/api/v1/cis", "{\"class\":\"business-service\",\"name\":\"Hidden service " + s + "\"}").json().get("id").asLong();
        long db = engineer.post("/api/v1/cis", "{\"class\":\"database\",\"name\":\"hiddendb-" + s + "\"}").json().get("id").asLong();
        engineer.post("/api/v1/relationships", "{\"source\":" + svc + ",\"type\":\"depends-on\",\"target\":" + db + "}");
        ApiClient alice = ApiClient.as(port, "rc.alice", "requester");
        Response created = alice.post("/api/v1/incidents", """
            {"title":"Cannot book %s","impact":"low","urgency":"low"}""".formatted(s));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        assertThat(created.json().get("affectedCis").size()).isZero();
        assertThat(created.json().get("impactedServices").size()).isZero();
        String ref = created.json().get("ref").asString();
        // The desk links the CI and overrides the priority with an internal reason.
        String etag = manager.get("/api/v1/incidents/" + ref).header("ETag");
        Response linked = manager.patch("/api/v1/incidents/" + ref,
            "{\"affectedCis\":[" + db + "],\"priority\":\"P2\",\"priorityReason\":\"Mayor's office " + s + "\"}", etag);
        assertThat(linked.status()).as(linked.body()).isEqualTo(200);
        assertThat(linked.body()).contains("hiddendb-" + s, "Hidden service " + s);

        Response mine = alice.get("/api/v1/incidents/" + ref);
        assertThat(mine.status()).isEqualTo(200);
        JsonNode t = mine.json();
        assertThat(t.get("affectedCis").size()).isZero();
        assertThat(t.get("impactedServices").size()).isZero();
        assertThat(t.get("knownErrors").size()).isZero();
        assertThat(mine.body()).doesNotContain("hiddendb-" + s, "Hidden service " + s, "Mayor's office");
        for (String path : new String[] {"/api/v1/incidents/" + ref + "/updates", "/api/v1/incidents?q=" + s, "/api/v1/incidents"}) {
            Response r = alice.get(path);
            assertThat(r.status()).isEqualTo(200);
            assertThat(r.body()).as(path).doesNotContain("hiddendb-" + s, "Hidden service " + s, "Mayor's office");
        }
        // The desk still sees all of it.
        assertThat(engineer.get("/api/v1/incidents/" + ref).body()).contains("hiddendb-" + s, "Hidden service " + s, "Mayor's office");
    }

    @Test
    void notYoursAndNoSuchTicketAreTheSameAnswer() {
        ApiClient bob = ApiClient.as(port, "rc.bob", "requester");
        String ref = ApiClient.as(port, "rc.alice", "requester").post("/api/v1/incidents", """
            {"title":"Alice's %s","impact":"low","urgency":"low"}""".formatted(s)).json().get("ref").asString();
        Response other = bob.get("/api/v1/incidents/" + ref);
        Response none = bob.get("/api/v1/incidents/INC-99999999");
        assertThat(other.status()).isEqualTo(404);
        assertThat(none.status()).isEqualTo(404);
        assertThat(other.json().get("detail").asString()).isEqualTo("No incident " + ref);
        assertThat(none.json().get("detail").asString()).isEqualTo("No incident INC-99999999");
        assertThat(bob.get("/api/v1/incidents/" + "X".repeat(5000)).status()).isEqualTo(404);
    }

    @Test
    void affectedCisAreCappedForEveryone() {
        ApiClient engineer = ApiClient.as(port, "rc.eng", "engineer");
        long ci = engineer.post("/api/v1/cis", "{\"class\":\"database\",\"name\":\"capdb-" + s + "\"}").json().get("id").asLong();
        String hundred = IntStream.range(0, 100).mapToObj(i -> String.valueOf(ci)).collect(Collectors.joining(",", "[", "]"));
        assertThat(engineer.post("/api/v1/incidents", incident("Hundred " + s, hundred)).status()).isEqualTo(201);
        String over = IntStream.range(0, 101).mapToObj(i -> String.valueOf(ci)).collect(Collectors.joining(",", "[", "]"));
        Response tooMany = engineer.post("/api/v1/incidents", incident("Too many " + s, over));
        assertThat(tooMany.status()).isEqualTo(422);
        assertThat(tooMany.body()).contains("\"affectedCis\"", "at most 100");
        // A million entries is refused before it is read at all: the body is over the 1 MB limit for JSON.
        String million = IntStream.range(0, 1_000_000).mapToObj(i -> "1").collect(Collectors.joining(",", "[", "]"));
        for (ApiClient who : List.of(engineer, ApiClient.as(port, "rc.alice", "requester"))) {
            Response huge = who.post("/api/v1/incidents", incident("Million " + s, million));
            assertThat(huge.status()).isEqualTo(413);
            assertThat(huge.header("Content-Type")).startsWith("application/problem+json");
        }
        // Under the body limit, the cap still answers 422 with one error, for a requester too.
        String many = IntStream.range(0, 50_000).mapToObj(i -> "1").collect(Collectors.joining(",", "[", "]"));
        Response forRequester = ApiClient.as(port, "rc.alice", "requester").post("/api/v1/incidents", incident("Many " + s, many));
        assertThat(forRequester.status()).isEqualTo(422);
        assertThat(forRequester.json().get("errors").size()).isEqualTo(1);

        String ref = engineer.post("/api/v1/incidents", incident("Patch me " + s, "[]")).json().get("ref").asString();
        String etag = engineer.get("/api/v1/incidents/" + ref).header("ETag");
        Response patched = engineer.patch("/api/v1/incidents/" + ref, "{\"affectedCis\":" + many + "}", etag);
        assertThat(patched.status()).isEqualTo(422);
        assertThat(patched.json().get("errors").size()).isEqualTo(1);
        // An id beyond a long is not silently wrapped round to another CI.
        Response wrapped = engineer.patch("/api/v1/incidents/" + ref, "{\"affectedCis\":[" + ci + "18446744073709551616]}", etag);
        assertThat(wrapped.status()).isEqualTo(422);
        assertThat(wrapped.body()).contains("affectedCis[0]");

        Response problem = engineer.post("/api/v1/problems", "{\"title\":\"Capped " + s + "\",\"affectedCis\":" + over + "}");
        assertThat(problem.status()).isEqualTo(422);
        assertThat(problem.body()).contains("at most 100");
    }
}
