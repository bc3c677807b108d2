package org.estate.cmdb;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;

import org.estate.test.ApiClient;
import org.estate.test.BrowserSupport;
import org.estate.test.EstateTest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.options.AriaRole;
import com.microsoft.playwright.options.FilePayload;

/** The CMDB pages in real Chromium: each passes axe (WCAG 2.2 AA), and the main journeys work. */
@EstateTest
class CmdbPageTests extends BrowserSupport {

    String s;
    long app;
    long host;

    @BeforeAll
    void estate() {
        s = UUID.randomUUID().toString().substring(0, 6);
        ApiClient api = ApiClient.as(port, "page.engineer", "engineer");
        long svc = api.post("/api/v1/cis", "{\"class\":\"business-service\",\"name\":\"Council Tax payments " + s + "\",\"criticality\":\"critical\",\"attributes\":{\"public\":true,\"availabilityTarget\":99.9}}").json().get("id").asLong();
        app = api.post("/api/v1/cis", "{\"class\":\"application\",\"name\":\"Revenues app " + s + "\",\"tags\":[\"revenues\"],\"attributes\":{\"hosting\":\"on-premises\",\"url\":\"https://revs.eastmoor.example\"}}").json().get("id").asLong();
        long db = api.post("/api/v1/cis", "{\"class\":\"database\",\"name\":\"REVSDB " + s + "\",\"attributes\":{\"engine\":\"sql-server\",\"port\":1433}}").json().get("id").asLong();
        host = api.post("/api/v1/cis", "{\"class\":\"server\",\"name\":\"esx-01-" + s + "\",\"endOfSupport\":\"2027-01-31\",\"attributes\":{\"cpuCores\":32}}").json().get("id").asLong();
        api.post("/api/v1/relationships", "{\"source\":" + svc + ",\"type\":\"depends-on\",\"target\":" + app + "}");
        api.post("/api/v1/relationships", "{\"source\":" + app + ",\"type\":\"depends-on\",\"target\":" + db + "}");
        api.post("/api/v1/relationships", "{\"source\":" + db + ",\"type\":\"runs-on\",\"target\":" + host + "}");
        api.patch("/api/v1/cis/" + app, "{\"owner\":\"Applications team\"}", "\"0\"");
    }

    @Test
    void listFiltersAndPassesAxe() {
        signInAs("page.viewer", "viewer");
        open("/cmdb/cis?q=" + s);
        assertThat(page.getByRole(AriaRole.LINK, new com.microsoft.playwright.Page.GetByRoleOptions().setName("Revenues app " + s))).isVisible();
        page.getByLabel("Class").selectOption("server");
        page.getByRole(AriaRole.BUTTON, new com.microsoft.playwright.Page.GetByRoleOptions().setName("Filter")).click();
        assertThat(page.locator("table")).containsText("esx-01-" + s);
        assertThat(page.locator("table")).not().containsText("Revenues app " + s);
        axe();
        screenshot("ci-list");
    }

    @Test
    void detailShowsAttributesRelationshipsImpactGraphAndHistory() {
        signInAs("page.viewer", "viewer");
        open("/cmdb/cis/" + host);
        assertThat(page.locator("h1")).hasText("esx-01-" + s);
        assertThat(page.locator("#impact ~ table").first()).containsText("Council Tax payments " + s);
        assertThat(page.locator(".govuk-warning-text").first()).containsText("Council Tax payments " + s);
        assertThat(page.locator("svg.estate-graph")).isVisible();
        assertThat(page.locator("svg.estate-graph text")).containsText(new String[] {"REVSDB " + s});
        axe();
        screenshot("ci-detail-host");
        open("/cmdb/cis/" + app);
        assertThat(page.locator("dl")).containsText("https://revs.eastmoor.example");
        assertThat(page.locator("#history ~ table")).containsText("Applications team");
        axe();
        screenshot("ci-detail-app");
    }

    @Test
    void createWithABadNumberKeepsInputThenSucceeds() {
        signInAs("page.engineer", "engineer");
        open("/cmdb/cis/new");
        axe();
        page.getByLabel("Physical server").check();
        page.getByRole(AriaRole.BUTTON, new com.microsoft.playwright.Page.GetByRoleOptions().setName("Continue")).click();
        page.getByLabel("Name", new com.microsoft.playwright.Page.GetByLabelOptions().setExact(true)).fill("new-host-" + s);
        page.getByLabel("Owner").fill("Platforms");
        page.getByLabel("CPU cores (optional)").fill("lots");
        page.getByLabel("Hostname (optional)").fill("newhost.eastmoor.local");
        page.getByRole(AriaRole.BUTTON, new com.microsoft.playwright.Page.GetByRoleOptions().setName("Add CI")).click();
        Locator summary = page.locator(".govuk-error-summary");
        assertThat(summary).containsText("Must be a number");
        assertThat(page.locator("#attr\\.cpuCores-error")).isVisible();
        assertThat(page.getByLabel("Hostname (optional)")).hasValue("newhost.eastmoor.local");
        assertThat(page.getByLabel("Owner")).hasValue("Platforms");
        axe();
        page.getByLabel("CPU cores (optional)").fill("16");
        page.getByRole(AriaRole.BUTTON, new com.microsoft.playwright.Page.GetByRoleOptions().setName("Add CI")).click();
        assertThat(page.locator("h1")).hasText("new-host-" + s);
        assertThat(page.locator("dl")).containsText("newhost.eastmoor.local");
    }

    @Test
    void aStaleEditFormWritesOnlyWhatTheUserChangedAndShowsConflicts() {
        ApiClient api = ApiClient.as(port, "page.engineer", "engineer");
        long id = api.post("/api/v1/cis", "{\"class\":\"site\",\"name\":\"Depot " + s + "\",\"owner\":\"Estates\",\"criticality\":\"low\"}")
            .json().get("id").asLong();
        signInAs("page.engineer", "engineer");
        com.microsoft.playwright.Page other = anotherPerson("page.engineer2", "engineer");
        open("/cmdb/cis/" + id + "/edit");
        other.navigate(url("/cmdb/cis/" + id + "/edit"));
        // Both have the form open. The other person changes the owner and the criticality and saves first.
        other.getByLabel("Owner").fill("Networks");
        other.getByLabel("Criticality").selectOption("high");
        other.getByRole(AriaRole.BUTTON, new com.microsoft.playwright.Page.GetByRoleOptions().setName("Save changes")).click();
        assertThat(other.locator("h1")).hasText("Depot " + s);
        // This person changes the owner too (differently) and the description.
        page.getByLabel("Owner").fill("Facilities");
        page.getByLabel("Description").fill("Main depot " + s);
        page.getByRole(AriaRole.BUTTON, new com.microsoft.playwright.Page.GetByRoleOptions().setName("Save changes")).click();
        assertThat(page.locator(".govuk-error-summary")).containsText("Someone else changed owner to ‘Networks’");
        assertThat(page.locator("#owner-conflict")).containsText("Networks");
        assertThat(page.locator("#owner-conflict")).containsText("Facilities");
        assertThat(page.locator("#owner")).hasValue("Facilities");
        assertThat(page.locator("#description")).hasValue("Main depot " + s);
        axe();
        screenshot("ci-edit-conflict");
        // Nothing was written yet.
        assertThat(api.get("/api/v1/cis/" + id).json().get("owner").asString()).isEqualTo("Networks");
        page.getByLabel("Keep their owner").check();
        page.getByRole(AriaRole.BUTTON, new com.microsoft.playwright.Page.GetByRoleOptions().setName("Save changes")).click();
        assertThat(page.locator("h1")).hasText("Depot " + s);
        tools.jackson.databind.JsonNode ci = api.get("/api/v1/cis/" + id).json();
        assertThat(ci.get("owner").asString()).isEqualTo("Networks");
        assertThat(ci.get("criticality").asString()).isEqualTo("high");
        assertThat(ci.get("description").asString()).isEqualTo("Main depot " + s);

        // A stale form saved again (the same submit twice) does not revert the other person's later change.
        open("/cmdb/cis/" + id + "/edit");
        page.getByLabel("Description").fill("Depot with the gritters " + s);
        assertThat(api.patch("/api/v1/cis/" + id, "{\"criticality\":\"critical\"}", api.get("/api/v1/cis/" + id).header("ETag")).status())
            .isEqualTo(200);
        page.getByRole(AriaRole.BUTTON, new com.microsoft.playwright.Page.GetByRoleOptions().setName("Save changes")).click();
        assertThat(page.locator("h1")).hasText("Depot " + s);
        ci = api.get("/api/v1/cis/" + id).json();
        assertThat(ci.get("criticality").asString()).isEqualTo("critical");
        assertThat(ci.get("description").asString()).isEqualTo("Depot with the gritters " + s);
    }

    @Test
    void addAndRemoveARelationshipOnTheDetailPage() {
        ApiClient api = ApiClient.as(port, "page.engineer", "engineer");
        long vm = api.post("/api/v1/cis", "{\"class\":\"virtual-machine\",\"name\":\"vm-rel-" + s + "\"}").json().get("id").asLong();
        signInAs("page.engineer", "engineer");
        open("/cmdb/cis/" + vm);
        page.getByLabel("Other CI's class").selectOption("server");
        page.getByLabel("Other CI's name").fill("no-such-host");
        page.getByRole(AriaRole.BUTTON, new com.microsoft.playwright.Page.GetByRoleOptions().setName("Add relationship")).click();
        assertThat(page.locator(".govuk-error-summary")).containsText("There is no physical server named ‘no-such-host’");
        assertThat(page.getByLabel("Other CI's name")).hasValue("no-such-host");
        axe();
        page.getByLabel("Type").selectOption("runs-on");
        page.getByLabel("Other CI's name").fill("esx-01-" + s);
        page.getByRole(AriaRole.BUTTON, new com.microsoft.playwright.Page.GetByRoleOptions().setName("Add relationship")).click();
        assertThat(page.locator("#relationships ~ table").first()).containsText("esx-01-" + s);
        assertThat(api.get("/api/v1/cis/" + host + "/impact").body()).contains("vm-rel-" + s);
        page.locator("#relationships ~ table").first().getByRole(AriaRole.BUTTON).first().click();
        assertThat(page.locator(".govuk-notification-banner")).containsText("Relationship removed");
        assertThat(api.get("/api/v1/cis/" + host + "/impact").body()).doesNotContain("vm-rel-" + s);
    }

    @Test
    void deleteAfterConfirmation() {
        long id = ApiClient.as(port, "page.engineer", "engineer").post("/api/v1/cis", "{\"class\":\"circuit\",\"name\":\"Old circuit " + s + "\"}").json().get("id").asLong();
        signInAs("page.engineer", "engineer");
        open("/cmdb/cis/" + id + "/delete");
        axe();
        page.getByRole(AriaRole.BUTTON, new com.microsoft.playwright.Page.GetByRoleOptions().setName("Delete CI")).click();
        assertThat(page.locator(".govuk-notification-banner")).containsText("Old circuit " + s + " has been deleted");
        assertThat(ApiClient.as(port, "page.engineer", "engineer").get("/api/v1/cis/" + id).status()).isEqualTo(404);
    }

    @Test
    void importShowsResultsAndRowErrors() throws Exception {
        signInAs("page.engineer", "engineer");
        open("/cmdb/import");
        axe();
        Path good = Files.createTempFile("good", ".csv");
        Files.writeString(good, "class,name,status,criticality\nsite,Library " + s + ",live,low\nsite,School " + s + ",planned,medium\n");
        page.getByLabel("CSV file").setInputFiles(good);
        page.getByRole(AriaRole.BUTTON, new com.microsoft.playwright.Page.GetByRoleOptions().setName("Import")).click();
        assertThat(page.locator(".govuk-panel")).containsText("2 created, 0 updated, 0 unchanged");
        axe();

        open("/cmdb/import");
        page.getByLabel("CSV file").setInputFiles(new FilePayload("bad.csv", "text/csv",
            ("class,name,status\nsite,Fine " + s + ",live\nsite,Bad " + s + ",closed\nrocket,X,live\n").getBytes()));
        page.getByRole(AriaRole.BUTTON, new com.microsoft.playwright.Page.GetByRoleOptions().setName("Import")).click();
        assertThat(page.locator("h1")).hasText("Nothing was imported");
        assertThat(page.locator("table")).containsText("Status 'closed' is not one of: Planned (planned), Live (live)");
        assertThat(page.locator("table tbody tr")).hasCount(2);
        axe();
        assertThat(ApiClient.as(port, "page.engineer", "engineer").get("/api/v1/cis?q=Fine+" + s).json().get("total").asInt()).isZero();

        open("/cmdb/import");
        page.getByRole(AriaRole.BUTTON, new com.microsoft.playwright.Page.GetByRoleOptions().setName("Import")).click();
        assertThat(page.locator(".govuk-error-summary")).containsText("Choose a CSV file");
        axe();
    }

    @Test
    void classesPageAndAddingAnAttribute() {
        signInAsAdmin();
        open("/cmdb/classes");
        axe();
        page.locator("#add-storage").click();
        page.locator("#key-storage").fill("Bad Key");
        page.locator("#label-storage").fill("Rack");
        page.locator("#add-storage ~ div button").click();
        assertThat(page.locator(".govuk-error-summary")).containsText("camelCase");
        axe();
        page.locator("#key").fill("rackUnits" + s.replaceAll("[^a-z0-9]", ""));
        page.locator("#add-storage ~ div button").click();
        assertThat(page.locator(".govuk-notification-banner")).containsText("added to storage");
    }

    @Test
    void homeAndNotFoundPassAxe() {
        signInAs("page.viewer", "viewer");
        open("/");
        assertThat(page.locator("main")).containsText("Configuration items");
        axe();
        open("/cmdb/cis/999999999");
        assertThat(page.locator("h1")).hasText("Page not found");
        axe();
    }

    @Test
    void viewersCannotReachEngineerPages() {
        signInAs("page.viewer", "viewer");
        open("/cmdb/cis/" + host);
        assertThat(page.getByRole(AriaRole.BUTTON, new com.microsoft.playwright.Page.GetByRoleOptions().setName("Add relationship"))).hasCount(0);
        var response = page.navigate(url("/cmdb/cis/new"));
        assertThat(response.status()).isEqualTo(403);
    }
}
