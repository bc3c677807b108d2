package org.estate.servicedesk;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.UUID;

import org.estate.test.ApiClient;
import org.estate.test.ApiClient.Response;
import org.estate.test.EstateTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import tools.jackson.databind.JsonNode;

/**
 * The desk day to day through real HTTP: "assign to me", the team following an assignee from
 * another team, the CMDB's names for CIs, and a CI's open and recent tickets.
 */
@EstateTest
class DeskDayToDayApiTests {

    @LocalServerPort
    int port;
    ApiClient manager;
    String s;

    @BeforeEach
    void setUp() {
        manager = ApiClient.as(port, "dd.manager", "manager");
        s = UUID.randomUUID().toString().substring(0, 8);
    }

    private void team(String key, String... members) {
        Response r = manager.post("/api/v1/teams", "{\"key\":\"%s\",\"name\":\"Team %s\",\"members\":[%s]}"
            .formatted(key, key, String.join(",", java.util.Arrays.stream(members).map(m -> "\"" + m + "\"").toList())));
        assertThat(r.status()).as(r.body()).isEqualTo(201);
    }

    private JsonNode incident(String extra) {
        Response r = manager.post("/api/v1/incidents", """
            {"title":"Scanner offline %s","impact":"low","urgency":"low","reporter":{"name":"Pat","email":"pat@eastmoor.example"}%s}"""
            .formatted(s, extra.isEmpty() ? "" : "," + extra));
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return r.json();
    }

    private Response patch(String ref, String body) {
        String etag = manager.get("/api/v1/incidents/" + ref).header("ETag");
        return manager.patch("/api/v1/incidents/" + ref, body, etag);
    }

    @Test
    void assignToMeTakesTheTicketAndItsTeamFollowsTheEngineer() {
        String net = "net-" + s;
        String apps = "apps-" + s;
        ApiClient eng = ApiClient.as(port, "dd.eng." + s, "engineer");
        ApiClient.as(port, "dd.other." + s, "engineer");
        team(net, "dd.eng." + s);
        team(apps, "dd.other." + s);
        String ref = incident("\"team\":\"" + apps + "\"").get("ref").asString();

        Response mine = eng.post("/api/v1/incidents/" + ref + "/assign-to-me", null);
        assertThat(mine.status()).as(mine.body()).isEqualTo(200);
        assertThat(mine.json().get("assignee").asString()).isEqualTo("dd.eng." + s);
        assertThat(mine.json().get("team").asString()).as("the ticket follows the engineer to their team").isEqualTo(net);
        assertThat(mine.header("ETag")).isNotNull();
        // Again: already theirs, nothing changes (same version).
        Response again = eng.post("/api/v1/incidents/" + ref + "/assign-to-me", null);
        assertThat(again.json().get("version").asLong()).isEqualTo(mine.json().get("version").asLong());
        assertThat(manager.get("/api/v1/incidents/" + ref + "/updates").body()).contains("Assigned to " + net + " / dd.eng." + s);

        assertThat(ApiClient.as(port, "dd.viewer", "viewer").post("/api/v1/incidents/" + ref + "/assign-to-me", null).status()).isEqualTo(403);
        assertThat(eng.post("/api/v1/incidents/INC-999999999/assign-to-me", null).status()).isEqualTo(404);
        // Someone in no team cannot take tickets: 422 naming the assignee.
        Response loner = ApiClient.as(port, "dd.loner", "engineer").post("/api/v1/incidents/" + ref + "/assign-to-me", null);
        assertThat(loner.status()).isEqualTo(422);
        assertThat(loner.body()).contains("\"assignee\"", "in no team");
    }

    @Test
    void anAssigneeFromAnotherTeamTakesTheTicketToTheirTeamUnlessTheTeamIsNamedToo() {
        String a = "a-" + s;
        String b = "b-" + s;
        ApiClient.as(port, "dd.alex." + s, "engineer");
        ApiClient.as(port, "dd.bo." + s, "engineer");
        team(a, "dd.alex." + s);
        team(b, "dd.bo." + s, "dd.alex." + s);
        String ref = incident("\"team\":\"" + a + "\"").get("ref").asString();

        Response moved = patch(ref, "{\"assignee\":\"dd.bo." + s + "\"}");
        assertThat(moved.status()).as(moved.body()).isEqualTo(200);
        assertThat(moved.json().get("team").asString()).isEqualTo(b);
        // In both teams: the ticket's current team is kept.
        Response kept = patch(ref, "{\"assignee\":\"dd.alex." + s + "\"}");
        assertThat(kept.json().get("team").asString()).isEqualTo(b);
        // A team named in the same change must hold the assignee.
        Response clash = patch(ref, "{\"team\":\"" + a + "\",\"assignee\":\"dd.bo." + s + "\"}");
        assertThat(clash.status()).isEqualTo(422);
        assertThat(clash.body()).contains("\"assignee\"", "not a member");
        // Opening with an assignee and no team: the assignee's team.
        JsonNode opened = incident("\"assignee\":\"dd.bo." + s + "\"");
        assertThat(opened.get("team").asString()).isEqualTo(b);
    }

    @Test
    void onlyEnabledEngineersManagersAndAdminsCanBeAssigned() {
        String t = "w-" + s;
        ApiClient.as(port, "dd.worker." + s, "engineer");
        ApiClient.as(port, "dd.boss." + s, "manager");
        ApiClient.as(port, "dd.watcher." + s, "viewer");
        ApiClient.as(port, "dd.asker." + s, "requester");
        ApiClient.as(port, "dd.leaver." + s, "engineer");
        team(t, "dd.worker." + s, "dd.boss." + s, "dd.watcher." + s, "dd.asker." + s, "dd.leaver." + s);
        ApiClient admin = ApiClient.admin(port);
        assertThat(admin.patch("/api/v1/users/dd.leaver." + s, "{\"enabled\":false}",
            admin.get("/api/v1/users/dd.leaver." + s).header("ETag")).status()).isEqualTo(200);
        String ref = incident("\"team\":\"" + t + "\"").get("ref").asString();

        for (String who : List.of("dd.watcher." + s, "dd.asker." + s)) {
            Response refused = patch(ref, "{\"assignee\":\"" + who + "\"}");
            assertThat(refused.status()).as(who).isEqualTo(422);
            assertThat(refused.body()).contains("\"assignee\"", who + " cannot work tickets");
        }
        Response disabled = patch(ref, "{\"assignee\":\"dd.leaver." + s + "\"}");
        assertThat(disabled.status()).isEqualTo(422);
        assertThat(disabled.body()).contains("\"assignee\"", "dd.leaver." + s + " is disabled");
        Response opened = manager.post("/api/v1/incidents", """
            {"title":"x %s","impact":"low","urgency":"low","reporter":{"name":"Pat"},"assignee":"dd.watcher.%s"}""".formatted(s, s));
        assertThat(opened.status()).isEqualTo(422);
        assertThat(opened.body()).contains("\"assignee\"");
        assertThat(manager.get("/api/v1/incidents/" + ref).json().get("assignee").isNull()).isTrue();

        assertThat(patch(ref, "{\"assignee\":\"dd.boss." + s + "\"}").status()).isEqualTo(200);
        assertThat(patch(ref, "{\"assignee\":\"dd.worker." + s + "\"}").status()).isEqualTo(200);
        // An assignee who leaves afterwards does not stop other changes to the ticket.
        assertThat(admin.patch("/api/v1/users/dd.worker." + s, "{\"enabled\":false}",
            admin.get("/api/v1/users/dd.worker." + s).header("ETag")).status()).isEqualTo(200);
        Response retitled = patch(ref, "{\"title\":\"Scanner still offline " + s + "\"}");
        assertThat(retitled.status()).as(retitled.body()).isEqualTo(200);
        assertThat(retitled.json().get("assignee").asString()).isEqualTo("dd.worker." + s);
    }

    @Test
    void aCiListsItsOpenAndRecentTicketsProblemsAndKnownErrors() {
        long ci = manager.post("/api/v1/cis", "{\"class\":\"server\",\"name\":\"scan01-" + s + "\"}").json().get("id").asLong();
        long other = manager.post("/api/v1/cis", "{\"class\":\"server\",\"name\":\"scan02-" + s + "\"}").json().get("id").asLong();
        JsonNode p1 = incident("\"affectedCis\":[" + ci + "]");
        String openRef = p1.get("ref").asString();
        String doneRef = incident("\"affectedCis\":[" + ci + "]").get("ref").asString();
        assertThat(manager.post("/api/v1/incidents/" + doneRef + "/status",
            "{\"status\":\"resolved\",\"resolutionCode\":\"fixed\",\"note\":\"Replaced the cable\"}").status()).isEqualTo(200);
        incident("\"affectedCis\":[" + other + "]");
        Response prb = manager.post("/api/v1/problems", "{\"title\":\"Scanners drop off the network " + s + "\",\"affectedCis\":[" + ci + "]}");
        assertThat(prb.status()).as(prb.body()).isEqualTo(201);

        Response r = manager.get("/api/v1/cis/" + ci + "/tickets");
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        JsonNode open = r.json().get("open");
        assertThat(open.size()).isEqualTo(2);
        assertThat(open.get(0).get("ref").asString()).as("incidents by priority before problems").isEqualTo(openRef);
        assertThat(open.get(0).get("type").asString()).isEqualTo("incident");
        assertThat(open.get(0).get("status").asString()).isEqualTo("new");
        assertThat(open.get(0).get("priority").asString()).isEqualTo("P4");
        assertThat(open.get(0).get("url").asString()).isEqualTo("/desk/tickets/" + openRef);
        assertThat(open.get(0).get("opened").asString()).isNotBlank();
        assertThat(open.get(1).get("type").asString()).isEqualTo("problem");
        assertThat(open.get(1).get("priority").isNull()).isTrue();
        JsonNode recent = r.json().get("recent");
        assertThat(recent.size()).isEqualTo(1);
        assertThat(recent.get(0).get("ref").asString()).isEqualTo(doneRef);
        assertThat(recent.get(0).get("status").asString()).isEqualTo("resolved");

        assertThat(manager.get("/api/v1/cis/999999999/tickets").status()).isEqualTo(404);
        assertThat(manager.get("/api/v1/cis/nope/tickets").status()).isEqualTo(400);
        assertThat(ApiClient.as(port, "dd.requester", "requester").get("/api/v1/cis/" + ci + "/tickets").status()).isEqualTo(403);
    }

    @Test
    void theGraphTakesADepthAndTypesAndARelationshipIsInBothCisHistory() {
        long app = manager.post("/api/v1/cis", "{\"class\":\"application\",\"name\":\"gapp-" + s + "\"}").json().get("id").asLong();
        long db = manager.post("/api/v1/cis", "{\"class\":\"database\",\"name\":\"gdb-" + s + "\"}").json().get("id").asLong();
        long bk = manager.post("/api/v1/cis", "{\"class\":\"storage\",\"name\":\"gbk-" + s + "\"}").json().get("id").asLong();
        Response rel = manager.post("/api/v1/relationships", "{\"source\":" + app + ",\"type\":\"depends-on\",\"target\":" + db + "}");
        assertThat(rel.status()).as(rel.body()).isEqualTo(201);
        manager.post("/api/v1/relationships", "{\"source\":" + db + ",\"type\":\"backed-up-by\",\"target\":" + bk + "}");

        assertThat(manager.get("/api/v1/cis/" + app + "/graph?depth=2").json().get("nodes").size()).isEqualTo(3);
        assertThat(manager.get("/api/v1/cis/" + app + "/graph?depth=1").json().get("nodes").size()).isEqualTo(2);
        assertThat(manager.get("/api/v1/cis/" + app + "/graph?depth=2&types=depends-on").json().get("nodes").size()).isEqualTo(2);
        assertThat(manager.get("/api/v1/cis/" + db + "/graph?depth=1&types=depends-on&types=backed-up-by").json().get("nodes").size())
            .isEqualTo(3);
        Response deep = manager.get("/api/v1/cis/" + app + "/graph?depth=5");
        assertThat(deep.status()).isEqualTo(422);
        assertThat(deep.body()).contains("\"depth\"");
        Response badType = manager.get("/api/v1/cis/" + app + "/graph?types=hosts");
        assertThat(badType.status()).isEqualTo(422);
        assertThat(badType.body()).contains("\"types\"", "depends-on");

        assertThat(manager.get("/api/v1/cis/" + app + "/history").body()).contains("relationship-added", "depends on gdb-" + s);
        assertThat(manager.get("/api/v1/cis/" + db + "/history").body()).contains("relationship-added", "is depended on by gapp-" + s);
        long relId = rel.json().get("id").asLong();
        assertThat(manager.delete("/api/v1/relationships/" + relId).status()).isEqualTo(204);
        assertThat(manager.get("/api/v1/cis/" + db + "/history").body()).contains("relationship-removed");
        assertThat(manager.get("/api/v1/cis/" + app + "/history").body()).contains("relationship-removed");

        // The audit log filters by actor, entity and time.
        JsonNode mine = manager.get("/api/v1/audit?actor=dd.manager&entity=ci&entityId=" + app).json();
        assertThat(mine.get("total").asLong()).isEqualTo(3);
        assertThat(manager.get("/api/v1/audit?actor=someone.else&entity=ci&entityId=" + app).json().get("total").asLong()).isZero();
        assertThat(manager.get("/api/v1/audit?entity=ci&entityId=" + app + "&to=2000-01-01T00:00:00Z").json().get("total").asLong()).isZero();
        assertThat(manager.get("/api/v1/audit?from=not-a-time").status()).isEqualTo(400);
    }

}
