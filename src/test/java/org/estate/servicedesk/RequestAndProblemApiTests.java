package org.estate.servicedesk;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;

import org.estate.test.ApiClient;
import org.estate.test.ApiClient.Response;
import org.estate.test.EstateTest;
import org.estate.test.TestClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import tools.jackson.databind.JsonNode;

/** Service requests from the catalogue with manager approval, and problems becoming known errors. */
@EstateTest
class RequestAndProblemApiTests {

    @LocalServerPort
    int port;

    @AfterEach
    void resetClock() {
        TestClock.reset();
    }

    @Test
    void theStarterCatalogueIsThere() {
        JsonNode items = ApiClient.as(port, "rq.alice", "requester").get("/api/v1/catalogue").json().get("items");
        assertThat(items.toString()).contains("new-starter", "leaver", "new-virtual-machine", "firewall-rule-change",
            "database-access", "certificate-renewal", "software-install");
        JsonNode vm = ApiClient.as(port, "rq.alice", "requester").get("/api/v1/catalogue/new-virtual-machine").json();
        assertThat(vm.get("approvalRequired").asBoolean()).isTrue();
        assertThat(vm.get("team").asString()).isEqualTo("platforms");
        assertThat(vm.get("fields").toString()).contains("operatingSystem", "rhel-9");
    }

    @Test
    void aManagerAddsAndRetiresCatalogueItems() {
        ApiClient manager = ApiClient.as(port, "rq.manager", "manager");
        String key = "mobile-phone-" + UUID.randomUUID().toString().substring(0, 6);
        String item = """
            {"name":"Mobile phone","description":"A council mobile","category":"Devices","approvalRequired":true,"team":"service-desk",
             "fields":[{"key":"model","label":"Model","type":"enum","required":true,"options":["standard","large"]},
                       {"key":"reason","label":"Reason","type":"textarea","required":true}]}""";
        assertThat(ApiClient.as(port, "rq.engineer", "engineer").put("/api/v1/catalogue/" + key, item).status()).isEqualTo(403);
        Response created = manager.put("/api/v1/catalogue/" + key, item);
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        ApiClient alice = ApiClient.as(port, "rq.alice", "requester");
        assertThat(alice.post("/api/v1/requests", "{\"item\":\"" + key + "\",\"answers\":{\"model\":\"huge\",\"reason\":\"x\"}}").status())
            .isEqualTo(422);
        assertThat(alice.post("/api/v1/requests", "{\"item\":\"" + key + "\",\"answers\":{\"model\":\"large\",\"reason\":\"On call\"}}").status())
            .isEqualTo(201);
        Response bad = manager.put("/api/v1/catalogue/" + key, """
            {"name":"","fields":[{"key":"a","label":"A","type":"colour"},{"key":"a","label":"B","type":"enum"}],"team":"nope"}""");
        assertThat(bad.status()).isEqualTo(422);
        assertThat(bad.body()).contains("\"name\"", "fields[0].type", "fields[1].key", "fields[1].options", "\"team\"");
        assertThat(manager.put("/api/v1/catalogue/" + key, item.replace("\"approvalRequired\":true", "\"active\":false")).status()).isEqualTo(200);
        assertThat(alice.get("/api/v1/catalogue").body()).doesNotContain(key);
    }

    @Test
    void answersMustFitTheItemsFields() {
        ApiClient alice = ApiClient.as(port, "rq.alice", "requester");
        Response bad = alice.post("/api/v1/requests", """
            {"item":"new-virtual-machine","answers":{"hostname":"web-07","operatingSystem":"windows-95","cpuCores":"many",
             "memoryGb":8,"environment":"production","colour":"blue"}}""");
        assertThat(bad.status()).isEqualTo(422);
        assertThat(bad.body()).contains("answers.operatingSystem", "answers.cpuCores", "answers.diskGb", "answers.justification",
            "answers.colour");
        assertThat(alice.post("/api/v1/requests", "{\"item\":\"pony\",\"answers\":{}}").status()).isEqualTo(422);
    }

    @Test
    void approvalIsAManagersAndNeverTheRequestersAndPausesTheClock() {
        TestClock.set("2026-11-23T09:00:00Z");
        ApiClient alice = ApiClient.as(port, "rq.alice", "requester");
        ApiClient engineer = ApiClient.as(port, "rq.engineer", "engineer");
        ApiClient manager = ApiClient.as(port, "rq.manager", "manager");
        Response created = alice.post("/api/v1/requests", """
            {"item":"database-access","answers":{"database":"revenues-prod","accessLevel":"read-only","account":"alice.r",
             "reason":"Month-end reconciliation"}}""");
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        JsonNode r = created.json();
        String ref = r.get("ref").asString();
        assertThat(ref).matches("REQ-\\d+");
        assertThat(r.get("approval").get("state").asString()).isEqualTo("pending");
        assertThat(r.get("status").asString()).isEqualTo("on-hold");
        assertThat(r.get("sla").get("state").asString()).isEqualTo("paused");
        assertThat(r.get("team").asString()).isEqualTo("databases");

        assertThat(alice.post("/api/v1/requests/" + ref + "/approval", "{\"decision\":\"approved\",\"note\":\"ok\"}").status()).isEqualTo(403);
        assertThat(engineer.post("/api/v1/requests/" + ref + "/approval", "{\"decision\":\"approved\",\"note\":\"ok\"}").status()).isEqualTo(403);
        // A manager raising a request cannot approve it either.
        Response own = manager.post("/api/v1/requests", """
            {"item":"software-install","answers":{"software":"QGIS","computerName":"EBC-L0420","reason":"Planning maps"}}""");
        assertThat(manager.post("/api/v1/requests/" + own.json().get("ref").asString() + "/approval",
            "{\"decision\":\"approved\",\"note\":\"mine\"}").status()).isEqualTo(403);

        TestClock.advanceMinutes(120);
        Response approved = manager.post("/api/v1/requests/" + ref + "/approval", "{\"decision\":\"approved\",\"note\":\"Fine until March\"}");
        assertThat(approved.status()).as(approved.body()).isEqualTo(200);
        JsonNode a = approved.json();
        assertThat(a.get("approval").get("state").asString()).isEqualTo("approved");
        assertThat(a.get("approval").get("approver").asString()).isEqualTo("rq.manager");
        assertThat(a.get("status").asString()).isEqualTo("new");
        assertThat(a.get("sla").get("pausedMinutes").asLong()).isEqualTo(120);
        // Request: 5 office days = 2400 min from Mon 09:00, plus the 120 paused → Mon 30 Nov 11:00.
        assertThat(a.get("sla").get("resolutionDue").asString()).isEqualTo("2026-11-30T11:00:00Z");
        assertThat(manager.post("/api/v1/requests/" + ref + "/approval", "{\"decision\":\"approved\"}").status()).isEqualTo(409);
        assertThat(alice.get("/api/v1/requests/" + ref).status()).isEqualTo(200);
        assertThat(ApiClient.as(port, "rq.bob", "requester").get("/api/v1/requests/" + ref).status()).isEqualTo(404);
    }

    @Test
    void aRejectedRequestIsClosedWithTheReason() {
        ApiClient alice = ApiClient.as(port, "rq.alice", "requester");
        ApiClient manager = ApiClient.as(port, "rq.manager", "manager");
        String ref = alice.post("/api/v1/requests", """
            {"item":"firewall-rule-change","answers":{"source":"any","destination":"10.1.2.3","port":"3389","protocol":"tcp",
             "reason":"Remote desktop from home"}}""").json().get("ref").asString();
        assertThat(manager.post("/api/v1/requests/" + ref + "/approval", "{\"decision\":\"rejected\"}").status()).isEqualTo(422);
        JsonNode rejected = manager.post("/api/v1/requests/" + ref + "/approval",
            "{\"decision\":\"rejected\",\"note\":\"RDP from the internet is not allowed; use the VPN\"}").json();
        assertThat(rejected.get("status").asString()).isEqualTo("closed");
        assertThat(rejected.get("resolutionCode").asString()).isEqualTo("rejected");
        assertThat(alice.get("/api/v1/requests/" + ref + "/updates").body()).contains("use the VPN");
    }

    @Test
    void aKnownErrorIsOfferedForItsCiAndForSimilarText() {
        ApiClient engineer = ApiClient.as(port, "rq.engineer", "engineer");
        String s = UUID.randomUUID().toString().substring(0, 8);
        long ci = engineer.post("/api/v1/cis", "{\"class\":\"application\",\"name\":\"Civica Pay " + s + "\"}").json().get("id").asLong();
        String inc = engineer.post("/api/v1/incidents", """
            {"title":"Card payments declined %s","impact":"high","urgency":"high","affectedCis":[%d],
             "reporter":{"name":"Sam","email":"sam@eastmoor.example"}}""".formatted(s, ci)).json().get("ref").asString();
        Response created = engineer.post("/api/v1/problems", """
            {"title":"Payment gateway rejects renewals %s","description":"Token cache expires","incidents":["%s"],"affectedCis":[%d]}"""
            .formatted(s, inc, ci));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        String prb = created.json().get("ref").asString();
        assertThat(prb).matches("PRB-\\d+");
        assertThat(created.json().get("incidents").get(0).get("ref").asString()).isEqualTo(inc);

        String etag = engineer.get("/api/v1/problems/" + prb).header("ETag");
        Response noWorkaround = engineer.patch("/api/v1/problems/" + prb, "{\"knownError\":true}", etag);
        assertThat(noWorkaround.status()).isEqualTo(422);
        assertThat(noWorkaround.body()).contains("workaround");
        Response known = engineer.patch("/api/v1/problems/" + prb, """
            {"knownError":true,"rootCause":"Gateway token cache TTL shorter than session","workaround":"Recycle the gateway app pool %s"}"""
            .formatted(s), etag);
        assertThat(known.status()).as(known.body()).isEqualTo(200);
        assertThat(engineer.patch("/api/v1/problems/" + prb, "{\"title\":\"x\"}", etag).status()).isEqualTo(412);

        assertThat(engineer.get("/api/v1/known-errors?ci=" + ci).body()).contains(prb, "Recycle the gateway");
        assertThat(engineer.get("/api/v1/known-errors?q=payments+gateway+" + s).body()).contains(prb);
        assertThat(engineer.get("/api/v1/known-errors?q=printer+toner+jammed").body()).doesNotContain(prb);
        // With no filter, the list is every known error not closed, as the page shows, newest first when sorted so.
        JsonNode all = engineer.get("/api/v1/known-errors?sort=-ref&size=500").json();
        assertThat(all.get("total").asInt()).isPositive();
        assertThat(all.get("items").toString()).contains(prb);
        // Logging another incident on the CI shows the known error at once.
        JsonNode next = engineer.post("/api/v1/incidents", """
            {"title":"Payments failing again","impact":"medium","urgency":"medium","affectedCis":[%d],
             "reporter":{"name":"Sam","email":"sam@eastmoor.example"}}""".formatted(ci)).json();
        assertThat(next.get("knownErrors").toString()).contains(prb);
        // And one described in similar words, on no CI at all.
        JsonNode similar = engineer.post("/api/v1/incidents", """
            {"title":"Gateway rejects renewals for %s","impact":"low","urgency":"low",
             "reporter":{"name":"Sam","email":"sam@eastmoor.example"}}""".formatted(s)).json();
        assertThat(similar.get("knownErrors").toString()).contains(prb);
        JsonNode unrelated = engineer.post("/api/v1/incidents", """
            {"title":"Toner low","impact":"low","urgency":"low","reporter":{"name":"Sam","email":"sam@eastmoor.example"}}""").json();
        assertThat(unrelated.get("knownErrors").toString()).doesNotContain(prb);
    }
}
