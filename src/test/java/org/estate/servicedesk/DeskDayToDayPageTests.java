package org.estate.servicedesk;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import java.util.UUID;

import org.estate.test.ApiClient;
import org.estate.test.BrowserSupport;
import org.estate.test.EstateTest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.microsoft.playwright.Page.GetByRoleOptions;
import com.microsoft.playwright.options.AriaRole;

/**
 * The desk and the CMDB day to day in real Chromium, each page checked with axe: teams picked from
 * the users, "Assign to me", the assignee and CI pickers (type-ahead), a CI's tickets, the graph's
 * choices, relationship history, the audit log and the portal's plain words.
 */
@EstateTest
class DeskDayToDayPageTests extends BrowserSupport {

    String s;
    long db;
    long app;
    String ref;

    @BeforeAll
    void estate() {
        s = UUID.randomUUID().toString().substring(0, 6);
        ApiClient manager = ApiClient.as(port, "pick.manager", "manager");
        ApiClient.as(port, "pick.eng." + s, "engineer");
        db = manager.post("/api/v1/cis", "{\"class\":\"database\",\"name\":\"pickdb-" + s + "\"}").json().get("id").asLong();
        app = manager.post("/api/v1/cis", "{\"class\":\"application\",\"name\":\"pickapp-" + s + "\"}").json().get("id").asLong();
        ref = manager.post("/api/v1/incidents", """
            {"title":"Planning portal slow %s","impact":"low","urgency":"low","reporter":{"name":"Ali","email":"ali@eastmoor.example"}}"""
            .formatted(s)).json().get("ref").asString();
    }

    private GetByRoleOptions name(String n) {
        return new GetByRoleOptions().setName(n);
    }

    @Test
    void aManagerAddsATeamByTickingItsMembersAndReadsTheAuditLog() {
        signInAs("pick.manager", "manager");
        open("/admin/teams");
        axe();
        page.getByRole(AriaRole.BUTTON, name("Add a team")).click();
        page.getByRole(AriaRole.BUTTON, name("Add the team")).click();
        assertThat(page.locator(".govuk-error-summary")).containsText("Give the team a name");
        axe();
        page.getByLabel("Key").fill("gis-" + s);
        page.getByLabel("Name", new com.microsoft.playwright.Page.GetByLabelOptions().setExact(true)).fill("GIS " + s);
        page.getByLabel("pick.eng." + s + " (pick.eng." + s + ")").check();
        page.getByRole(AriaRole.BUTTON, name("Add the team")).click();
        assertThat(page.locator(".govuk-notification-banner--success")).containsText("GIS " + s + " added");
        assertThat(page.locator("table")).containsText("pick.eng." + s);

        open("/admin/audit?entity=team&from=1/1/2026");
        assertThat(page.locator("table")).containsText("Team gis-" + s);
        axe();
        open("/admin/audit?from=31/2/2026");
        assertThat(page.locator(".govuk-error-summary")).containsText("Enter the first day as a date");
        axe();
    }

    @Test
    void anEngineerTakesATicketAndNamesItsCisWithThePicker() {
        ApiClient.as(port, "pick.taker." + s, "engineer");
        ApiClient.as(port, "pick.leaver." + s, "engineer");
        ApiClient.as(port, "pick.viewer." + s, "viewer");
        ApiClient.as(port, "pick.manager", "manager").post("/api/v1/teams",
            "{\"key\":\"pick-%s\",\"name\":\"Pickers %s\",\"members\":[\"pick.taker.%s\",\"pick.leaver.%s\",\"pick.viewer.%s\"]}"
                .formatted(s, s, s, s, s));
        signInAs("pick.taker." + s, "engineer");
        open("/desk/tickets/" + ref);
        page.getByRole(AriaRole.BUTTON, name("Assign to me")).click();
        assertThat(page.locator(".govuk-notification-banner--success")).containsText("assigned to you (team pick-" + s + ")");
        assertThat(page.getByRole(AriaRole.BUTTON, name("Assign to me"))).hasCount(0);
        axe();

        open("/desk/tickets/" + ref + "/edit");
        assertThat(page.locator("#assignee option:checked")).hasText("pick.taker." + s);
        // The type-ahead: a combobox before the list of CIs; choosing a suggestion adds "Name (Class)".
        var find = page.getByRole(AriaRole.COMBOBOX, new com.microsoft.playwright.Page.GetByRoleOptions().setName("Find a CI to add"));
        find.fill("pickdb-" + s);
        assertThat(page.getByRole(AriaRole.LISTBOX).getByRole(AriaRole.OPTION)).hasCount(1);
        assertThat(find).hasAttribute("aria-expanded", "true");
        find.press("ArrowDown");
        assertThat(find).hasAttribute("aria-activedescendant", java.util.regex.Pattern.compile(".+-option-0"));
        axe();
        find.press("Enter");
        assertThat(page.getByLabel("Affected CIs")).hasValue("pickdb-" + s + " (Database)");
        page.getByRole(AriaRole.BUTTON, name("Save changes")).click();
        assertThat(page.locator(".govuk-notification-banner--success")).containsText("Saved");
        assertThat(page.locator("body")).containsText("pickdb-" + s);

        // Without the picker: a name typed that names nothing is a GOV.UK error, the text kept.
        open("/desk/tickets/" + ref + "/edit");
        page.getByLabel("Affected CIs").fill("no-such-ci-" + s);
        page.getByRole(AriaRole.BUTTON, name("Save changes")).click();
        assertThat(page.locator(".govuk-error-summary")).containsText("There is no CI named ‘no-such-ci-" + s + "’");
        assertThat(page.getByLabel("Affected CIs")).hasValue("no-such-ci-" + s);
        axe();

        // The assignee picker offers only people who work tickets; someone disabled since the form was
        // shown is a GOV.UK error on the assignee.
        open("/desk/tickets/" + ref + "/edit");
        assertThat(page.locator("#assignee option[value='pick.viewer." + s + "']")).hasCount(0);
        page.locator("#assignee").selectOption("pick.leaver." + s);
        ApiClient admin = ApiClient.admin(port);
        String etag = admin.get("/api/v1/users/pick.leaver." + s).header("ETag");
        org.assertj.core.api.Assertions.assertThat(admin.patch("/api/v1/users/pick.leaver." + s, "{\"enabled\":false}", etag).status()).isEqualTo(200);
        page.getByRole(AriaRole.BUTTON, name("Save changes")).click();
        assertThat(page.locator(".govuk-error-summary")).containsText("pick.leaver." + s + " is disabled");
        assertThat(page.locator(".govuk-error-summary a[href='#assignee']")).hasCount(1);
        axe();
    }

    @Test
    void theCiPageShowsItsTicketsDrawsLinkedNodesAndRecordsRelationshipsOnBothSides() {
        ApiClient.as(port, "pick.manager", "manager").post("/api/v1/incidents", """
            {"title":"Database full %s","impact":"low","urgency":"low","affectedCis":[%d],"reporter":{"name":"Ali","email":"ali@eastmoor.example"}}"""
            .formatted(s, db));
        signInAs("pick.eng2." + s, "engineer");
        open("/cmdb/cis/" + app);
        var other = page.getByRole(AriaRole.COMBOBOX, new com.microsoft.playwright.Page.GetByRoleOptions().setName("Other CI's name"));
        other.fill("pickdb-" + s);
        page.getByRole(AriaRole.LISTBOX).getByRole(AriaRole.OPTION).first().click();
        assertThat(other).hasValue("pickdb-" + s + " (Database)");
        page.getByRole(AriaRole.BUTTON, name("Add relationship")).click();
        assertThat(page.locator(".govuk-notification-banner--success")).containsText("Relationship added");
        assertThat(page.locator("#history ~ table")).containsText("depends on pickdb-" + s);

        open("/cmdb/cis/" + db);
        assertThat(page.locator("#tickets ~ ul").first()).containsText("Database full " + s);
        assertThat(page.locator("#history ~ table")).containsText("is depended on by pickapp-" + s);
        assertThat(page.locator("a.estate-graph-node")).hasCount(2);
        page.locator("#graph-depth").selectOption("1");
        page.getByLabel("backed-up-by").check();
        page.getByRole(AriaRole.BUTTON, name("Redraw the graph")).click();
        assertThat(page.locator("a.estate-graph-node")).hasCount(1);
        assertThat(page.locator("#graph-caption")).containsText("Columns are steps out from this CI");
        axe();
        page.getByLabel("backed-up-by").uncheck();
        page.getByRole(AriaRole.BUTTON, name("Redraw the graph")).click();
        page.locator("a.estate-graph-node[aria-label^='pickapp-']").click();
        assertThat(page.locator("h1")).hasText("pickapp-" + s);
    }

    @Test
    void thePortalSaysWhyARequestWaitsInPlainWords() {
        ApiClient requester = ApiClient.as(port, "pick.requester." + s, "requester");
        String req = requester.post("/api/v1/requests", """
            {"item":"software-install","answers":{"software":"QGIS","computerName":"PC-%s","reason":"Maps"}}""".formatted(s))
            .json().get("ref").asString();
        signIn("pick.requester." + s, ApiClient.PASSWORD);
        open("/portal/tickets/" + req);
        assertThat(page.locator("dl").first()).containsText("Waiting for approval");
        assertThat(page.locator("#hold-reason")).containsText("A manager needs to approve this request");
        assertThat(page.locator(".estate-timeline")).containsText("pick.requester." + s);
        axe();
    }
}
