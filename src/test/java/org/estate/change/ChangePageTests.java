package org.estate.change;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;

import org.estate.test.ApiClient;
import org.estate.test.BrowserSupport;
import org.estate.test.EstateTest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.microsoft.playwright.APIResponse;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Page.GetByRoleOptions;
import com.microsoft.playwright.options.AriaRole;

/** The change pages in real Chromium: raising, editing, submitting, deciding and moving a change; the CAB agenda; templates; every page axe-clean. */
@EstateTest
class ChangePageTests extends BrowserSupport {

    String s;
    long db;
    long app;

    @BeforeAll
    void estate() {
        s = UUID.randomUUID().toString().substring(0, 6);
        ApiClient api = ApiClient.as(port, "chgp.eng", "engineer");
        long svc = api.post("/api/v1/cis", "{\"class\":\"business-service\",\"name\":\"Council Tax payments " + s + "\",\"criticality\":\"critical\"}")
            .json().get("id").asLong();
        db = api.post("/api/v1/cis", "{\"class\":\"database\",\"name\":\"ctaxdb-" + s + "\"}").json().get("id").asLong();
        app = api.post("/api/v1/cis", "{\"class\":\"application\",\"name\":\"ctaxweb-" + s + "\"}").json().get("id").asLong();
        api.post("/api/v1/relationships", "{\"source\":" + svc + ",\"type\":\"depends-on\",\"target\":" + db + "}");
    }

    private static GetByRoleOptions name(String n) {
        return new GetByRoleOptions().setName(n);
    }

    @Test
    void anEngineerRaisesAChangeAManagerApprovesItAndItIsClosed() {
        signInAs("chgp.eng", "engineer");
        open("/changes");
        axe();
        page.getByRole(AriaRole.BUTTON, name("Raise a change")).click();
        axe();
        // From the CI's page, the form opens with the CI already named.
        open("/cmdb/cis/" + db);
        page.getByRole(AriaRole.BUTTON, name("Raise a change")).click();
        assertThat(page.getByLabel("Affected CIs")).hasValue("ctaxdb-" + s + " (Database)");
        page.getByLabel("Title").fill("Patch the Council Tax database " + s);
        page.getByLabel("Planned start").fill("31/02/2030 02:00");
        page.getByLabel("Planned end").fill("");
        page.getByRole(AriaRole.BUTTON, name("Raise the change")).click();
        assertThat(page.locator(".govuk-error-summary")).containsText("planned end");
        assertThat(page.locator(".govuk-error-summary")).containsText("The planned start");
        assertThat(page.getByLabel("Title")).hasValue("Patch the Council Tax database " + s);
        assertThat(page.getByLabel("Affected CIs")).hasValue("ctaxdb-" + s + " (Database)");
        axe();

        page.getByLabel("Planned start").fill("03/03/2030 02:00");
        page.getByLabel("Planned end").fill("03/03/2030 04:00");
        page.getByRole(AriaRole.BUTTON, name("Raise the change")).click();
        assertThat(page.locator("h1")).hasText("Patch the Council Tax database " + s);
        assertThat(page.locator(".govuk-notification-banner--success")).containsText("raised as a draft");
        assertThat(page.locator("#impact ~ ul")).containsText("Council Tax payments " + s);
        assertThat(page.locator("body")).containsText("Sun 3 Mar 2030, 02:00 to 04:00 (UK time)");
        axe();
        String ref = page.locator(".govuk-caption-l").textContent().replaceAll(".*(CHG-\\d+).*", "$1");

        page.getByRole(AriaRole.BUTTON, name("Submit for approval")).click();
        assertThat(page.locator(".govuk-error-summary")).containsText("needs an implementation plan");
        axe();

        page.getByRole(AriaRole.LINK, name("Edit the change")).click();
        axe();
        page.getByLabel("Implementation plan").fill("Stop the service, patch, start");
        page.getByLabel("Back-out plan", new Page.GetByLabelOptions().setExact(true)).fill("Restore the snapshot");
        page.getByLabel("Test plan").fill("Take a test payment");
        page.getByLabel("The back-out plan has been tested").check();
        page.getByRole(AriaRole.BUTTON, name("Save the change")).click();
        assertThat(page.locator(".govuk-notification-banner--success")).containsText(ref + " saved");
        page.getByRole(AriaRole.BUTTON, name("Submit for approval")).click();
        assertThat(page.locator(".govuk-notification-banner--success")).containsText("awaiting the CAB");
        assertThat(page.locator(".govuk-tag").first()).hasText("Awaiting approval");

        // The requester cannot decide it; the CAB agenda lists it with its impact and risk.
        page.getByLabel("Approve").check();
        page.getByRole(AriaRole.BUTTON, name("Record the decision")).click();
        assertThat(page.locator(".govuk-error-summary")).containsText("someone else must decide it");
        open("/changes/cab");
        assertThat(page.locator("#cab-" + ref)).isVisible();
        assertThat(page.locator("body")).containsText("Council Tax payments " + s + " (critical) down");
        axe();

        ApiClient.as(port, "chgp.cab1", "engineer");
        ApiClient.as(port, "chgp.cab2", "engineer");
        ApiClient admin = ApiClient.admin(port);
        var put = admin.put("/api/v1/teams/cab", "{\"name\":\"Change advisory board\",\"members\":[\"chgp.cab1\",\"chgp.cab2\"]}");
        assertThat(put.status()).as(put.body()).isEqualTo(200);
        for (String member : new String[] {"chgp.cab1", "chgp.cab2"}) {
            Page p = anotherPerson(member, "engineer");
            p.navigate(url("/changes/" + ref));
            p.getByLabel("Approve").check();
            p.getByRole(AriaRole.BUTTON, name("Record the decision")).click();
            assertThat(p.locator(".govuk-notification-banner--success")).isVisible();
        }
        open("/changes/" + ref);
        assertThat(page.locator(".govuk-tag").first()).hasText("Scheduled");

        page.getByLabel("New status").selectOption("implementing");
        page.getByRole(AriaRole.BUTTON, name("Change the status")).click();
        assertThat(page.locator(".govuk-tag").first()).hasText("Implementing");
        page.getByLabel("New status").selectOption("closed");
        page.getByLabel("Failed", new Page.GetByLabelOptions().setExact(true)).check();
        page.getByRole(AriaRole.BUTTON, name("Change the status")).click();
        assertThat(page.locator(".govuk-error-summary")).containsText("post-implementation review");
        axe();
        page.getByLabel("New status").selectOption("closed");
        page.getByLabel("Failed", new Page.GetByLabelOptions().setExact(true)).check();
        page.getByLabel("Post-implementation review (needed to close a failed or emergency change)").fill("The patch broke logins; rolled forward");
        page.getByRole(AriaRole.BUTTON, name("Change the status")).click();
        assertThat(page.locator(".govuk-tag").first()).hasText("Closed");
        assertThat(page.locator(".estate-timeline")).containsText("moved to closed");
        axe();

        open("/changes?q=" + ref);
        assertThat(page.locator("table")).containsText("Patch the Council Tax database " + s);
        APIResponse csv = page.request().get(url("/changes/export.csv?q=" + ref));
        assertThat(csv.status()).isEqualTo(200);
        assertThat(csv.text()).contains(ref).contains("failed");
    }

    @Test
    void aStaleEditKeepsTheOtherPersonsChangeAndAStaleDecisionIsRefused() {
        ApiClient eng = ApiClient.as(port, "chgp.eng2", "engineer");
        String ref = ChangeFixture.created(eng, ChangeFixture.body("normal", "2030-04-07T01:00:00Z", "2030-04-07T02:00:00Z", "", app));
        signInAs("chgp.eng2", "engineer");
        open("/changes/" + ref + "/edit");
        var now = eng.get("/api/v1/changes/" + ref);
        var patched = eng.patch("/api/v1/changes/" + ref, "{\"supplier\":\"Civica\"}", now.header("ETag"));
        assertThat(patched.status()).as(patched.body()).isEqualTo(200);
        page.getByLabel("Reason").fill("The vendor ends support in May");
        page.getByRole(AriaRole.BUTTON, name("Save the change")).click();
        assertThat(page.locator(".govuk-notification-banner--success")).containsText(ref + " saved");
        var after = eng.get("/api/v1/changes/" + ref).json();
        assertThat(after.get("supplier").asString()).isEqualTo("Civica");
        assertThat(after.get("reason").asString()).isEqualTo("The vendor ends support in May");

        // A manager opens the page, the change is edited meanwhile, and the approval is refused rather than approving what they did not see.
        var submitted = eng.post("/api/v1/changes/" + ref + "/submit", "");
        assertThat(submitted.status()).as(submitted.body()).isEqualTo(200);
        Page manager = anotherPerson("chgp.mgr", "manager");
        manager.navigate(url("/changes/" + ref));
        var cur = eng.get("/api/v1/changes/" + ref);
        assertThat(eng.patch("/api/v1/changes/" + ref, "{\"title\":\"Bigger than it looked\"}", cur.header("ETag")).status()).isEqualTo(200);
        manager.getByLabel("Approve").check();
        manager.getByRole(AriaRole.BUTTON, name("Record the decision")).click();
        assertThat(manager.locator(".govuk-error-summary")).containsText("has changed since you opened it");
        assertThat(eng.get("/api/v1/changes/" + ref).json().get("status").asString()).isEqualTo("assessment");
        manager.getByLabel("Approve").check();
        manager.getByRole(AriaRole.BUTTON, name("Record the decision")).click();
        assertThat(manager.locator(".govuk-notification-banner--success")).containsText("approved and scheduled");
    }

    @Test
    void aManagerAddsATemplateAndAnEngineerRaisesAStandardChangeFromIt() {
        signInAs("chgp.mgr2", "manager");
        open("/changes/templates");
        axe();
        page.getByRole(AriaRole.BUTTON, name("Add a template")).click();
        page.getByLabel("Key").fill("recycle-app-pool-" + s);
        page.getByLabel("Longest window, in minutes").fill("sixty");
        page.getByRole(AriaRole.BUTTON, name("Add the template")).click();
        assertThat(page.locator(".govuk-error-summary")).containsText("whole number of minutes");
        assertThat(page.getByLabel("Key")).hasValue("recycle-app-pool-" + s);
        axe();
        page.getByLabel("Name").fill("Recycle an IIS application pool " + s);
        page.getByLabel("Description").fill("Recycle one pool");
        page.getByLabel("Implementation plan").fill("Recycle the pool");
        page.getByLabel("Back-out plan", new Page.GetByLabelOptions().setExact(true)).fill("Restart IIS");
        page.getByLabel("Test plan").fill("Open the site");
        page.getByLabel("Application", new Page.GetByLabelOptions().setExact(true)).check();
        page.getByLabel("Longest window, in minutes").fill("30");
        page.getByRole(AriaRole.BUTTON, name("Add the template")).click();
        assertThat(page.locator(".govuk-notification-banner--success")).containsText("Recycle an IIS application pool " + s);

        signInAs("chgp.eng3", "engineer");
        open("/changes/templates");
        page.getByRole(AriaRole.LINK, name("Raise a change from Recycle an IIS application pool " + s)).click();
        assertThat(page.getByLabel("Implementation plan")).hasValue("Recycle the pool");
        assertThat(page.locator("#type-standard")).isChecked();
        page.getByLabel("Title").fill("Recycle the Council Tax web pool " + s);
        page.getByLabel("Affected CIs").fill("ctaxweb-" + s);
        page.getByLabel("Planned start").fill("05/05/2030 22:00");
        page.getByLabel("Planned end").fill("05/05/2030 23:00");
        page.getByRole(AriaRole.BUTTON, name("Raise the change")).click();
        assertThat(page.locator(".govuk-error-summary")).containsText("30");
        assertThat(page.getByLabel("Title")).hasValue("Recycle the Council Tax web pool " + s);
        page.getByLabel("Planned end").fill("05/05/2030 22:30");
        page.getByRole(AriaRole.BUTTON, name("Raise the change")).click();
        assertThat(page.locator(".govuk-notification-banner--success")).containsText("raised and scheduled");
        assertThat(page.locator(".govuk-tag").first()).hasText("Scheduled");
        axe();
    }

    @Test
    void aScheduledChangeThatGainsACollisionSaysSoOnItsPage() {
        ApiClient eng = ApiClient.as(port, "chgp.eng4", "engineer");
        ApiClient manager = ApiClient.as(port, "chgp.mgr4", "manager");
        long vm = eng.post("/api/v1/cis", "{\"class\":\"virtual-machine\",\"name\":\"flagvm-" + s + "\"}").json().get("id").asLong();
        String ref = ChangeFixture.created(eng, ChangeFixture.body("emergency", "2077-05-02T01:00:00Z", "2077-05-02T02:00:00Z", "", vm));
        assertThat(eng.post("/api/v1/changes/" + ref + "/submit", "").status()).isEqualTo(200);
        assertThat(manager.post("/api/v1/changes/" + ref + "/approvals", "{\"decision\":\"approved\"}").json().get("status").asString())
            .isEqualTo("scheduled");
        var frozen = manager.post("/api/v1/freezes", """
            {"name":"Polling day %s","start":"2077-05-01T00:00:00Z","end":"2077-05-03T00:00:00Z","scope":{"cis":[%d]},"hard":false,"reason":"Elections"}"""
            .formatted(s, vm));
        assertThat(frozen.status()).as(frozen.body()).isEqualTo(201);
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(30))
            .until(() -> !eng.get("/api/v1/changes/" + ref).json().get("collisionFlag").isNull());
        signInAs("chgp.eng4", "engineer");
        open("/changes/" + ref);
        assertThat(page.locator("#collision-flag")).containsText("gained 1 collision");
        assertThat(page.locator("#collision-flag")).containsText("Freeze");
        assertThat(page.locator("#collisions ~ ul")).containsText("Polling day " + s);
        axe();
    }

    @Test
    void aViewerSeesChangesButNoButtons() {
        signInAs("chgp.viewer", "viewer");
        open("/changes");
        assertThat(page.getByRole(AriaRole.BUTTON, name("Raise a change"))).hasCount(0);
        APIResponse form = page.request().get(url("/changes/new"));
        assertThat(form.status()).isEqualTo(403);
        open("/changes/templates");
        assertThat(page.getByRole(AriaRole.BUTTON, name("Add a template"))).hasCount(0);
        axe();
    }
}
