package org.estate.platform.lists;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
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
 * The list conventions through real HTTP, on whichever database the run uses (both in CI): every
 * list answers the paging envelope and sorts on {@code ?sort=field} / {@code -field}
 * case-insensitively and naturally, in the same exact order on H2 and PostgreSQL; a field that
 * cannot be sorted on and an unknown filter value are 422 naming the parameter; a repeated enum
 * filter means any of its values, any other repeated parameter is 400; {@code excel=true} exports
 * carry a BOM and CRLF; the ticket and problem exports hold exactly the rows their lists give.
 */
@EstateTest
class ListConventionsApiTests {

    /** Every list of the API (admin sees them all). */
    static final List<String> LISTS = List.of("/api/v1/cis", "/api/v1/ci-classes", "/api/v1/incidents", "/api/v1/requests",
        "/api/v1/problems", "/api/v1/known-errors", "/api/v1/users", "/api/v1/tokens", "/api/v1/teams", "/api/v1/catalogue",
        "/api/v1/calendars", "/api/v1/sla-policies", "/api/v1/outbox", "/api/v1/audit", "/api/v1/changes", "/api/v1/change-templates",
        "/api/v1/feed-tokens");

    @LocalServerPort
    int port;

    ApiClient admin;
    String s;

    @BeforeEach
    void setUp() {
        admin = ApiClient.adminToken(port);
        s = UUID.randomUUID().toString().substring(0, 8);
    }

    @Test
    void everyListAnswersTheEnvelopeAndRefusesAFieldItCannotSortOn() {
        for (String list : LISTS) {
            Response r = admin.get(list + "?size=3");
            assertThat(r.status()).as(list + ": " + r.body()).isEqualTo(200);
            JsonNode page = r.json();
            assertThat(page.get("items").isArray()).as(list).isTrue();
            assertThat(page.get("items").size()).as(list).isLessThanOrEqualTo(3);
            assertThat(page.get("page").asInt()).as(list).isZero();
            assertThat(page.get("size").asInt()).as(list).isEqualTo(3);
            assertThat(page.get("total").asLong()).as(list).isGreaterThanOrEqualTo(page.get("items").size());
            Response bad = admin.get(list + "?sort=-shoeSize");
            assertThat(bad.status()).as(list).isEqualTo(422);
            assertThat(bad.body()).as(list).contains("\"field\":\"sort\"", "shoeSize");
        }
        Response history = admin.get("/api/v1/cis/" + ci("hist-" + s, "live", "Owner") + "/history?sort=-at");
        assertThat(history.json().get("items").get(0).get("action").asString()).isEqualTo("created");
        assertThat(history.json().get("total").asInt()).isEqualTo(1);
    }

    @Test
    void ciNamesSortCaseInsensitivelyAndNaturallyTheSameOnEitherDatabase() {
        for (String name : List.of("srv10", "Srv2", "SRV3", "srv1", "alpha", "Beta", "srv2a")) {
            ci(name + "-" + s, "live", "Owner");
        }
        List<String> expected = List.of("alpha", "Beta", "srv1", "Srv2", "srv2a", "SRV3", "srv10");
        assertThat(names("/api/v1/cis?q=-" + s + "&sort=name")).isEqualTo(expected);
        assertThat(names("/api/v1/cis?q=-" + s + "&sort=-name")).isEqualTo(expected.reversed());
        // The list page's default order is the same (by name).
        assertThat(names("/api/v1/cis?q=-" + s)).isEqualTo(expected);
    }

    @Test
    void severalSortFieldsApplyInTurnAndTextFieldsIgnoreCase() {
        ci("a-" + s, "live", "bob");
        ci("b-" + s, "retired", "Alice");
        ci("c-" + s, "live", "alice");
        ci("d-" + s, "retired", "Bob");
        assertThat(names("/api/v1/cis?q=-" + s + "&sort=owner,-name")).isEqualTo(List.of("c", "b", "d", "a"));
        assertThat(names("/api/v1/cis?q=-" + s + "&sort=-status,name")).isEqualTo(List.of("b", "d", "a", "c"));
        assertThat(admin.get("/api/v1/cis?sort=name,-name").status()).isEqualTo(422);
    }

    @Test
    void unknownFilterValuesAre422NamingTheParameter() {
        refused("/api/v1/cis?status=bogus", "status");
        refused("/api/v1/cis?class=nope", "class");
        refused("/api/v1/cis?criticality=urgent", "criticality");
        refused("/api/v1/cis/export?class=nope", "class");
        refused("/api/v1/incidents?priority=P9", "priority");
        refused("/api/v1/incidents?status=bogus", "status");
        refused("/api/v1/incidents?team=no-such-team-" + s, "team");
        refused("/api/v1/requests?status=bogus", "status");
        refused("/api/v1/problems?status=bogus", "status");
        refused("/api/v1/outbox?status=bogus", "status");
    }

    @Test
    void aRepeatedEnumFilterMeansAnyOfItsValuesAndAnyOtherRepeatedParameterIsRefused() {
        ci("live-" + s, "live", "Owner");
        ci("retired-" + s, "retired", "Owner");
        ci("planned-" + s, "planned", "Owner");
        assertThat(names("/api/v1/cis?q=-" + s + "&status=live&status=retired")).isEqualTo(List.of("live", "retired"));
        assertThat(names("/api/v1/cis?q=-" + s + "&status=live,retired")).isEqualTo(List.of("live", "retired"));
        assertThat(names("/api/v1/cis?q=-" + s + "&status=Planned")).isEqualTo(List.of("planned"));
        Response twice = admin.get("/api/v1/cis?q=a&q=b");
        assertThat(twice.status()).isEqualTo(400);
        assertThat(twice.body()).contains("q can be given only once");
        assertThat(admin.get("/api/v1/incidents?priority=P1&priority=P2").status()).isEqualTo(200);
        assertThat(admin.get("/api/v1/cis?sort=name&sort=-name").status()).isEqualTo(400);
    }

    @Test
    void theSmallListsSortNaturallyInJava() {
        for (String name : List.of("Lists team 10 ", "lists team 2 ", "LISTS TEAM 1 ")) {
            Response r = admin.post("/api/v1/teams", "{\"key\":\"lt-" + name.trim().replace(' ', '-').toLowerCase() + "-" + s
                + "\",\"name\":\"" + name + s + "\",\"members\":[]}");
            assertThat(r.status()).as(r.body()).isEqualTo(201);
        }
        List<String> ascending = new ArrayList<>();
        admin.get("/api/v1/teams?sort=name&size=500").json().get("items").forEach(t -> {
            if (t.get("name").asString().endsWith(s)) {
                ascending.add(t.get("name").asString());
            }
        });
        assertThat(ascending).containsExactly("LISTS TEAM 1 " + s, "lists team 2 " + s, "Lists team 10 " + s);
        JsonNode firstDescending = admin.get("/api/v1/teams?sort=-name&size=500").json().get("items");
        List<String> descending = new ArrayList<>();
        firstDescending.forEach(t -> {
            if (t.get("name").asString().endsWith(s)) {
                descending.add(t.get("name").asString());
            }
        });
        assertThat(descending).isEqualTo(ascending.reversed());
    }

    @Test
    void theCiTextFilterMatchesAttributeValuesButNotAttributeNames() {
        Response r = admin.post("/api/v1/cis", """
            {"class":"server","name":"attr-%s","status":"live","criticality":"low",
             "attributes":{"hostname":"web-%s.eastmoor.local","ipAddress":"10.%d.7.9","serialNumber":"SN-%s"}}"""
            .formatted(s, s, s.hashCode() & 0xff, s.toUpperCase()));
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        assertThat(names("/api/v1/cis?q=web-" + s + ".eastmoor")).containsExactly("attr");
        assertThat(names("/api/v1/cis?q=sn-" + s)).containsExactly("attr");
        assertThat(names("/api/v1/cis?q=10." + (s.hashCode() & 0xff) + ".7.9")).contains("attr");
        assertThat(admin.get("/api/v1/cis?q=ipAddress&class=server&size=1").json().get("total").asInt()).isZero();
    }

    @Test
    void excelExportsCarryAByteOrderMarkAndCrlfAndTheDefaultNeither() {
        ci("xl1-" + s, "live", "Zoë Ä");
        ci("xl2-" + s, "live", "Zoë Ä");
        byte[] excel = admin.get("/api/v1/cis/export?q=-" + s + "&sort=-name&excel=true")
            .body().getBytes(StandardCharsets.UTF_8);
        assertThat(excel).startsWith(0xEF, 0xBB, 0xBF);
        String text = new String(excel, 3, excel.length - 3, StandardCharsets.UTF_8);
        assertThat(text.split("\r\n", -1)).hasSize(4).endsWith("");
        assertThat(text.split("\r\n")[1]).startsWith("server,xl2-" + s).contains("Zoë Ä");
        String plain = admin.get("/api/v1/cis/export?q=-" + s).body();
        assertThat(plain).doesNotStartWith("\uFEFF").doesNotContain("\r").startsWith("class,name,");
        assertThat(plain.lines().skip(1).map(l -> l.substring(0, l.indexOf(',', 7))).toList())
            .containsExactly("server,xl1-" + s, "server,xl2-" + s);
    }

    @Test
    void ticketAndProblemExportsHoldExactlyTheRowsTheListGivesInItsOrder() {
        for (String title : List.of("export b", "Export A", "export d", "export C")) {
            Response r = admin.post("/api/v1/incidents", """
                {"title":"%s %s","impact":"low","urgency":"low","reporter":{"name":"Zoë Ä","email":"zoe@example.gov.uk"}}"""
                .formatted(title, s));
            assertThat(r.status()).as(r.body()).isEqualTo(201);
        }
        String query = "?q=" + s + "&sort=-title";
        List<String> listed = new ArrayList<>();
        admin.get("/api/v1/incidents" + query).json().get("items").forEach(t -> listed.add(t.get("ref").asString()));
        assertThat(listed).hasSize(4);
        String plain = admin.get("/api/v1/incidents/export" + query).body();
        assertThat(plain).startsWith("ref,type,title,status,").doesNotContain("\r");
        assertThat(plain.lines().skip(1).map(l -> l.substring(0, l.indexOf(','))).toList()).isEqualTo(listed);
        assertThat(plain.lines().skip(1).map(l -> l.split(",")[2]).toList())
            .containsExactly("export d " + s, "export C " + s, "export b " + s, "Export A " + s);

        byte[] excel = admin.get("/api/v1/incidents/export" + query + "&excel=true").body().getBytes(StandardCharsets.UTF_8);
        assertThat(excel).startsWith(0xEF, 0xBB, 0xBF);
        String text = new String(excel, 3, excel.length - 3, StandardCharsets.UTF_8);
        assertThat(text.split("\r\n", -1)).hasSize(6).endsWith("");
        assertThat(text).contains("Zoë Ä");

        assertThat(admin.get("/api/v1/incidents/export?q=" + s + "&priority=P1").body().lines().count()).isEqualTo(1);
        refused("/api/v1/incidents/export?priority=P9", "priority");
        refused("/api/v1/incidents/export?sort=-shoeSize", "sort");
        refused("/api/v1/requests/export?status=bogus", "status");
        assertThat(admin.get("/api/v1/requests/export?q=" + s).body()).isEqualTo(plain.lines().findFirst().orElseThrow() + "\n");

        Response problem = admin.post("/api/v1/problems", """
            {"title":"Export problem %s","description":"d","incidents":["%s"],"affectedCis":[]}""".formatted(s, listed.getFirst()));
        assertThat(problem.status()).as(problem.body()).isEqualTo(201);
        String problems = admin.get("/api/v1/problems/export?q=" + s + "&excel=true").body();
        assertThat(problems).startsWith("\uFEFFref,title,status,known_error,").endsWith("\r\n");
        assertThat(problems.split("\r\n")).hasSize(2);
        assertThat(problems.split("\r\n")[1]).startsWith(problem.json().get("ref").asString() + ",Export problem " + s + ",open,false");
        refused("/api/v1/problems/export?status=bogus", "status");
    }

    @Test
    void theRelationshipsExportAndTheAuditLogFollowTheConventionsToo() {
        long a = ci("rel-a-" + s, "live", "Owner");
        long b = ci("rel-b-" + s, "live", "Owner");
        assertThat(admin.post("/api/v1/relationships", "{\"source\":" + a + ",\"type\":\"depends-on\",\"target\":" + b + "}").status())
            .isEqualTo(201);
        Response c = admin.post("/api/v1/cis", "{\"class\":\"database\",\"name\":\"rel-c-" + s + "\"}");
        assertThat(c.status()).isEqualTo(201);
        // The class column sorts by the label the pages show ("Database" before "Physical server").
        assertThat(names("/api/v1/cis?q=-" + s + "&sort=class,name")).containsExactly("rel-c", "rel-a", "rel-b");
        assertThat(names("/api/v1/cis?q=-" + s + "&sort=-class,name")).containsExactly("rel-a", "rel-b", "rel-c");
        String excel = admin.get("/api/v1/relationships/export?excel=true").body();
        assertThat(excel).startsWith("\uFEFF").contains("server,rel-a-" + s + ",depends-on,server,rel-b-" + s + ",,\r\n");
        assertThat(admin.get("/api/v1/relationships/export").body()).doesNotStartWith("\uFEFF").doesNotContain("\r");

        List<String> actors = new ArrayList<>();
        admin.get("/api/v1/audit?entity=ci&sort=actor,-at&size=500").json().get("items").forEach(e -> actors.add(e.get("actor").asString()));
        assertThat(actors).isNotEmpty().isSortedAccordingTo(java.util.Comparator.comparing(actor -> actor.toLowerCase(java.util.Locale.ROOT)));
        JsonNode newest = admin.get("/api/v1/audit?entity=ci&size=2").json().get("items");
        assertThat(java.time.Instant.parse(newest.get(0).get("at").asString()))
            .isAfterOrEqualTo(java.time.Instant.parse(newest.get(1).get("at").asString()));
        assertThat(newest.get(0).get("entityId").asString()).isIn(String.valueOf(a), String.valueOf(b), c.json().get("id").asString());
    }

    private void refused(String path, String field) {
        Response r = admin.get(path);
        assertThat(r.status()).as(path + ": " + r.body()).isEqualTo(422);
        assertThat(r.body()).as(path).contains("\"field\":\"" + field + "\"");
    }

    private long ci(String name, String status, String owner) {
        Response r = admin.post("/api/v1/cis", """
            {"class":"server","name":"%s","status":"%s","criticality":"low","owner":"%s"}""".formatted(name, status, owner));
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return r.json().get("id").asLong();
    }

    /** The names listed, without the test's suffix. */
    private List<String> names(String path) {
        Response r = admin.get(path);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        List<String> names = new ArrayList<>();
        r.json().get("items").forEach(ci -> names.add(ci.get("name").asString().replace("-" + s, "")));
        return names;
    }
}
