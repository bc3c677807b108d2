package org.estate.servicedesk;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;

import org.estate.test.ApiClient;
import org.estate.test.BrowserSupport;
import org.estate.test.EstateTest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.microsoft.playwright.APIResponse;
import com.microsoft.playwright.Page.GetByLabelOptions;
import com.microsoft.playwright.Page.GetByRoleOptions;
import com.microsoft.playwright.options.AriaRole;
import com.microsoft.playwright.options.FilePayload;
import com.microsoft.playwright.options.FormData;
import com.microsoft.playwright.options.RequestOptions;

/** The service desk, portal and SLA pages in real Chromium: the journeys work and every page passes axe. */
@EstateTest
class ServiceDeskPageTests extends BrowserSupport {

    String s;
    long db;

    @BeforeAll
    void estate() {
        s = UUID.randomUUID().toString().substring(0, 6);
        ApiClient api = ApiClient.as(port, "desk.engineer", "engineer");
        long svc = api.post("/api/v1/cis", "{\"class\":\"business-service\",\"name\":\"Waste collection booking " + s + "\"}").json().get("id").asLong();
        db = api.post("/api/v1/cis", "{\"class\":\"database\",\"name\":\"wastedb-" + s + "\"}").json().get("id").asLong();
        api.post("/api/v1/relationships", "{\"source\":" + svc + ",\"type\":\"depends-on\",\"target\":" + db + "}");
    }

    private GetByRoleOptions name(String n) {
        return new GetByRoleOptions().setName(n);
    }

    @Test
    void anEngineerLogsAnIncidentAndWorksIt() {
        signInAs("desk.engineer", "engineer");
        open("/cmdb/cis/" + db);
        page.getByRole(AriaRole.BUTTON, name("Log an incident")).click();
        assertThat(page.getByLabel("Affected CIs")).hasValue("wastedb-" + s + " (Database)");
        axe();
        page.getByLabel("Title").fill("");
        page.getByLabel("Name").fill("Chris Patel");
        page.getByRole(AriaRole.BUTTON, name("Log the incident")).click();
        assertThat(page.locator(".govuk-error-summary")).containsText("Enter the title");
        assertThat(page.locator(".govuk-error-summary")).containsText("reporter's email");
        assertThat(page.getByLabel("Name")).hasValue("Chris Patel");
        axe();
        page.getByLabel("Title").fill("Bin booking site down " + s);
        page.getByLabel("Email").fill("chris.patel@eastmoor.example");
        page.locator("#impact").check();
        page.locator("#urgency").check();
        page.getByRole(AriaRole.BUTTON, name("Log the incident")).click();
        assertThat(page.locator("h1")).hasText("Bin booking site down " + s);
        assertThat(page.locator(".govuk-notification-banner")).containsText("Waste collection booking " + s);
        assertThat(page.locator("body")).containsText("incident-p1");
        axe();
        screenshot("incident-detail");

        page.getByLabel("Update", new GetByLabelOptions().setExact(true)).fill("We are restarting the database service");
        page.getByRole(AriaRole.BUTTON, name("Add update")).click();
        assertThat(page.locator(".govuk-notification-banner--success")).containsText("Update sent to the reporter");
        assertThat(page.locator(".estate-timeline")).containsText("We are restarting the database service");

        page.getByLabel("New status").selectOption("on-hold");
        page.getByRole(AriaRole.BUTTON, name("Change status")).click();
        assertThat(page.locator(".govuk-error-summary")).containsText("Say what the ticket is waiting for");
        page.getByLabel("New status").selectOption("on-hold");
        page.getByLabel("Waiting for (when putting on hold)").selectOption("awaiting-supplier");
        page.getByRole(AriaRole.BUTTON, name("Change status")).click();
        assertThat(page.locator(".govuk-tag").nth(1)).containsText("On hold: Waiting for a supplier");
        assertThat(page.locator("body")).containsText("Paused");
        axe();

        page.getByRole(AriaRole.LINK, name("Edit")).click();
        axe();
        page.getByLabel("Title").fill("");
        page.getByRole(AriaRole.BUTTON, name("Save changes")).click();
        assertThat(page.locator(".govuk-error-summary")).containsText("Enter the title");
        page.getByLabel("Title").fill("Bin booking site down " + s);
        page.getByLabel("Category").fill("web");
        page.getByRole(AriaRole.BUTTON, name("Save changes")).click();
        assertThat(page.locator("dl").nth(1)).containsText("web");

        open("/desk?view=all&q=" + s);
        assertThat(page.locator("table")).containsText("Bin booking site down " + s);
        axe();
        screenshot("desk-queue");
        open("/desk?view=soon");
        axe();
    }

    @Test
    void staffUseThePortal() {
        signInAs("desk.staff", "requester");
        open("/");
        assertThat(page.locator("h1")).hasText("IT help");
        axe();
        page.getByRole(AriaRole.BUTTON, name("Report a fault")).click();
        axe();
        page.getByRole(AriaRole.BUTTON, name("Report the fault")).click();
        assertThat(page.locator(".govuk-error-summary")).containsText("Enter the title");
        page.getByLabel("What is wrong, in a few words").fill("Scanner on floor 2 jams " + s);
        page.getByLabel("No, work has stopped").check();
        page.getByRole(AriaRole.BUTTON, name("Report the fault")).click();
        assertThat(page.locator("h1")).hasText("Scanner on floor 2 jams " + s);
        axe();
        page.getByLabel("Add a comment for the service desk").fill("It is making a grinding noise");
        page.getByRole(AriaRole.BUTTON, name("Send comment")).click();
        assertThat(page.locator(".estate-timeline")).containsText("grinding noise");

        open("/portal/catalogue");
        axe();
        page.getByRole(AriaRole.LINK, name("New starter")).click();
        axe();
        page.getByLabel("Full name").fill("Jo Bloggs " + s);
        page.getByLabel("Start date").fill("next monday");
        page.getByRole(AriaRole.BUTTON, name("Send the request")).click();
        assertThat(page.locator(".govuk-error-summary")).containsText("Start date must be a date");
        assertThat(page.getByLabel("Full name")).hasValue("Jo Bloggs " + s);
        axe();
        page.getByLabel("Start date").fill("2026-12-07");
        page.getByLabel("Job title").fill("Planning officer");
        page.getByLabel("Department").fill("Planning");
        page.getByLabel("Line manager's email").fill("manager@eastmoor.example");
        page.getByLabel("Needs a laptop").check();
        page.getByRole(AriaRole.BUTTON, name("Send the request")).click();
        assertThat(page.locator("h1")).hasText("New starter: Jo Bloggs " + s);
        assertThat(page.locator("dl").first()).containsText("Waiting for a manager's approval");
        open("/portal");
        assertThat(page.locator("table")).containsText("Scanner on floor 2 jams " + s);
        axe();
        // Staff cannot reach the desk.
        open("/desk");
        assertThat(page.locator("h1")).containsText("You cannot do this");
    }

    @Test
    void aManagerApprovesAndTunesSlas() throws Exception {
        ApiClient staff = ApiClient.as(port, "desk.staff2", "requester");
        String ref = staff.post("/api/v1/requests", """
            {"item":"software-install","answers":{"software":"GIMP","computerName":"EBC-L%s","reason":"Photos"}}""".formatted(s))
            .json().get("ref").asString();
        signInAs("desk.manager", "manager");
        open("/desk/tickets/" + ref);
        axe();
        page.getByRole(AriaRole.BUTTON, name("Reject")).click();
        assertThat(page.locator(".govuk-error-summary")).containsText("Say why the request is rejected");
        page.getByRole(AriaRole.BUTTON, name("Approve")).click();
        assertThat(page.locator(".govuk-notification-banner--success")).containsText("approved");

        open("/admin/sla-policies");
        axe();
        screenshot("sla-admin");
        page.getByRole(AriaRole.LINK, name("Incident P3 (moderate)")).click();
        axe();
        page.getByLabel("Warn the team when this percentage of a target is used").fill("lots");
        page.getByRole(AriaRole.BUTTON, name("Save")).click();
        assertThat(page.locator(".govuk-error-summary")).containsText("Enter a whole number");
        axe();

        page.getByRole(AriaRole.LINK, name("SLAs and calendars")).click();
        page.getByRole(AriaRole.LINK, name("Teams").setExact(true)).click();
        page.getByRole(AriaRole.LINK, name("Networks and telephony")).click();
        axe();
        page.getByLabel("Name", new GetByLabelOptions().setExact(true)).fill("");
        page.getByRole(AriaRole.BUTTON, name("Save")).click();
        assertThat(page.locator(".govuk-error-summary")).containsText("Give the team a name");
        axe();
        open("/desk/catalogue");
        axe();

        open("/admin/calendars/new");
        axe();
        String key = "depot-" + s;
        page.getByLabel("Key").fill(key);
        page.getByLabel("Name").fill("Depot " + s);
        page.getByLabel("Time zone").fill("Europe/Londinium");
        page.getByLabel("Saturday").fill("06:00-12:00");
        page.getByRole(AriaRole.BUTTON, name("Create the calendar")).click();
        assertThat(page.locator(".govuk-error-summary")).containsText("is not a time zone");
        assertThat(page.getByLabel("Saturday")).hasValue("06:00-12:00");
        axe();
        page.getByLabel("Time zone").fill("Europe/London");
        page.getByRole(AriaRole.BUTTON, name("Create the calendar")).click();
        assertThat(page.locator(".govuk-notification-banner--success")).containsText("Depot " + s + " created");

        open("/admin/calendars/office-hours");
        axe();
        assertThat(page.locator("table")).containsText("Christmas Day");
        Path json = Files.createTempFile("bank-holidays", ".json");
        Files.writeString(json, "{\"scotland\":{\"division\":\"scotland\",\"events\":[{\"title\":\"St Andrew's Day\",\"date\":\"2026-11-30\"}]}}",
            StandardCharsets.UTF_8);
        page.getByLabel("Division").selectOption("scotland");
        page.setInputFiles("#file", json);
        page.getByRole(AriaRole.BUTTON, name("Add the holidays")).click();
        assertThat(page.locator(".govuk-notification-banner--success")).containsText("1 holiday added");
        assertThat(page.locator("table")).containsText("St Andrew");
        page.getByLabel("Saturday").fill("10:00-9");
        page.getByRole(AriaRole.BUTTON, name("Save hours")).click();
        assertThat(page.locator(".govuk-error-summary")).containsText("'9' is not a time");
        assertThat(page.getByLabel("Saturday")).hasValue("10:00-9");
        axe();
        page.getByLabel("Saturday").fill("");
        page.getByRole(AriaRole.BUTTON, name("Save hours")).click();
        assertThat(page.locator(".govuk-notification-banner--success")).containsText("saved");
        ApiClient.as(port, "desk.manager", "manager").put("/api/v1/calendars/office-hours", restoreOfficeHours());
    }

    @Test
    void theApprovalFormIsNotOfferedToTheManagerARequestIsFor() {
        ApiClient.as(port, "desk.manager", "manager");
        String ref = ApiClient.as(port, "desk.engineer", "engineer").post("/api/v1/requests", """
            {"item":"software-install","answers":{"software":"Inkscape","computerName":"EBC-M%s","reason":"Posters"},
             "requester":"desk.manager"}""".formatted(s)).json().get("ref").asString();
        signInAs("desk.manager", "manager");
        open("/desk/tickets/" + ref);
        assertThat(page.locator("#approval-refusal")).containsText("raised for you");
        assertThat(page.getByRole(AriaRole.BUTTON, name("Approve"))).hasCount(0);
        axe();
        // Posting the page's form anyway (same session, a valid CSRF token) is refused too.
        String csrf = page.locator("input[name=_csrf]").first().inputValue();
        APIResponse posted = page.request().post(url("/desk/tickets/" + ref + "/approval"), RequestOptions.create()
            .setForm(FormData.create().set("_csrf", csrf).set("decision", "approved").set("approvalNote", "mine")).setMaxRedirects(0));
        org.assertj.core.api.Assertions.assertThat(posted.status()).isEqualTo(403);
        org.assertj.core.api.Assertions.assertThat(ApiClient.as(port, "desk.engineer", "engineer").get("/api/v1/requests/" + ref)
            .json().get("approval").get("state").asString()).isEqualTo("pending");
    }

    @Test
    void twoEngineersEditATicketAtOnceAndNeitherSilentlyUndoesTheOther() {
        ApiClient api = ApiClient.as(port, "desk.engineer", "engineer");
        String ref = api.post("/api/v1/incidents", """
            {"title":"Kiosk frozen %s","impact":"low","urgency":"low","category":"hardware","reporter":{"name":"A","email":"a@eastmoor.example"}}"""
            .formatted(s)).json().get("ref").asString();
        signInAs("desk.engineer", "engineer");
        com.microsoft.playwright.Page other = anotherPerson("desk.engineer2", "engineer");
        open("/desk/tickets/" + ref + "/edit");
        other.navigate(url("/desk/tickets/" + ref + "/edit"));
        other.locator("#title").fill("Kiosk frozen in the library " + s);
        other.locator("#category").fill("kiosks");
        other.getByRole(AriaRole.BUTTON, name("Save changes")).click();
        assertThat(other.locator("h1")).hasText("Kiosk frozen in the library " + s);

        page.locator("#title").fill("Kiosk at reception frozen " + s);
        page.locator("#description").fill("Touch screen unresponsive");
        page.getByRole(AriaRole.BUTTON, name("Save changes")).click();
        assertThat(page.locator(".govuk-error-summary")).containsText("Someone else changed title to ‘Kiosk frozen in the library " + s + "’");
        assertThat(page.locator("#title-conflict")).containsText("Kiosk at reception frozen " + s);
        assertThat(page.locator("#category-conflict")).hasCount(0);
        axe();
        screenshot("ticket-edit-conflict");
        page.getByRole(AriaRole.BUTTON, name("Save changes")).click(); // keeps mine (the default choice)
        assertThat(page.locator("h1")).hasText("Kiosk at reception frozen " + s);
        tools.jackson.databind.JsonNode t = api.get("/api/v1/incidents/" + ref).json();
        org.assertj.core.api.Assertions.assertThat(t.get("category").asString()).isEqualTo("kiosks");
        org.assertj.core.api.Assertions.assertThat(t.get("description").asString()).isEqualTo("Touch screen unresponsive");

    }

    @Test
    void overLongIdsAndNamesInFormsAreErrorsOnThePage() {
        signInAs("desk.manager", "manager");
        open("/desk/incidents/new");
        page.getByLabel("Title").fill("Long id " + s);
        page.locator("#cis").fill("1234567890123456789012345678901234567890");
        page.getByRole(AriaRole.BUTTON, name("Log the incident")).click();
        assertThat(page.locator(".govuk-error-summary")).containsText("There is no CI with id 1234567890123456789");
        axe();
        open("/admin/teams/service-desk");
        page.locator("#name").fill("N".repeat(300));
        page.getByRole(AriaRole.BUTTON, name("Save")).click();
        assertThat(page.locator(".govuk-error-summary")).containsText("200 characters or fewer");
        axe();
        org.assertj.core.api.Assertions.assertThat(page.request().get(url("/desk/tickets/" + "X".repeat(3000))).status()).isEqualTo(404);
    }

    @Test
    void theTeamPolicyProblemAndCalendarFormsKeepAChangeMadeMeanwhile() {
        ApiClient m = ApiClient.as(port, "desk.manager", "manager");
        String team = "merge-" + s;
        m.post("/api/v1/teams", "{\"key\":\"%s\",\"name\":\"Merge team\",\"email\":\"merge@eastmoor.example\",\"members\":[]}".formatted(team));
        String policy = "merge-" + s;
        m.put("/api/v1/sla-policies/" + policy, """
            {"name":"Merge policy","ticketType":"request","calendar":"office-hours","responseMinutes":60,"resolutionMinutes":600,"warningPercent":75}""");
        String cal = "merge-" + s;
        m.post("/api/v1/calendars", """
            {"key":"%s","name":"Merge calendar","zone":"Europe/London","hours":{"MONDAY":[{"from":"09:00","to":"17:00"}]}}""".formatted(cal));
        String prb = m.post("/api/v1/problems", "{\"title\":\"Merge problem " + s + "\"}").json().get("ref").asString();
        signInAs("desk.manager", "manager");
        com.microsoft.playwright.Page other = anotherPerson("desk.manager2", "manager");
        GetByRoleOptions save = name("Save");

        open("/admin/teams/" + team);
        other.navigate(url("/admin/teams/" + team));
        other.locator("#name").fill("Renamed team");
        other.getByRole(AriaRole.BUTTON, save).click();
        assertThat(other.locator(".govuk-notification-banner--success")).containsText("saved");
        page.locator("#email").fill("merged@eastmoor.example");
        page.getByRole(AriaRole.BUTTON, save).click();
        assertThat(page.locator(".govuk-notification-banner--success")).containsText("saved");
        tools.jackson.databind.JsonNode t = m.get("/api/v1/teams/" + team).json();
        org.assertj.core.api.Assertions.assertThat(t.get("name").asString()).isEqualTo("Renamed team");
        org.assertj.core.api.Assertions.assertThat(t.get("email").asString()).isEqualTo("merged@eastmoor.example");

        open("/admin/sla-policies/" + policy);
        other.navigate(url("/admin/sla-policies/" + policy));
        other.locator("#name").fill("Renamed policy");
        other.getByRole(AriaRole.BUTTON, save).click();
        assertThat(other.locator(".govuk-notification-banner--success")).containsText("saved");
        page.locator("#warningPercent").fill("80");
        page.locator("#name").fill("My policy name");
        page.getByRole(AriaRole.BUTTON, save).click();
        assertThat(page.locator("#name-conflict")).containsText("Renamed policy");
        axe();
        page.getByLabel("Keep their name").check();
        page.getByRole(AriaRole.BUTTON, save).click();
        assertThat(page.locator(".govuk-notification-banner--success")).containsText("saved");
        tools.jackson.databind.JsonNode p = m.get("/api/v1/sla-policies/" + policy).json();
        org.assertj.core.api.Assertions.assertThat(p.get("name").asString()).isEqualTo("Renamed policy");
        org.assertj.core.api.Assertions.assertThat(p.get("warningPercent").asInt()).isEqualTo(80);

        open("/desk/problems/" + prb);
        other.navigate(url("/desk/problems/" + prb));
        other.locator("#workaround").fill("Restart the spooler " + s);
        other.getByRole(AriaRole.BUTTON, save).click();
        assertThat(other.locator(".govuk-notification-banner--success")).containsText("saved");
        page.locator("#rootCause").fill("Driver leak " + s);
        page.getByRole(AriaRole.BUTTON, save).click();
        assertThat(page.locator(".govuk-notification-banner--success")).containsText("saved");
        tools.jackson.databind.JsonNode pr = m.get("/api/v1/problems/" + prb).json();
        org.assertj.core.api.Assertions.assertThat(pr.get("workaround").asString()).isEqualTo("Restart the spooler " + s);
        org.assertj.core.api.Assertions.assertThat(pr.get("rootCause").asString()).isEqualTo("Driver leak " + s);

        open("/admin/calendars/" + cal);
        other.navigate(url("/admin/calendars/" + cal));
        other.locator("#name").fill("Renamed calendar");
        other.getByRole(AriaRole.BUTTON, name("Save hours")).click();
        assertThat(other.locator(".govuk-notification-banner--success")).containsText("saved");
        page.locator("#SATURDAY").fill("10:00-12:00");
        page.getByRole(AriaRole.BUTTON, name("Save hours")).click();
        assertThat(page.locator(".govuk-notification-banner--success")).containsText("saved");
        tools.jackson.databind.JsonNode c = m.get("/api/v1/calendars/" + cal).json();
        org.assertj.core.api.Assertions.assertThat(c.get("name").asString()).isEqualTo("Renamed calendar");
        org.assertj.core.api.Assertions.assertThat(c.get("hours").toString()).contains("SATURDAY", "10:00");
    }

    /** Puts office-hours back as shipped (other tests count on it). */
    private String restoreOfficeHours() {
        ApiClient m = ApiClient.as(port, "desk.manager", "manager");
        tools.jackson.databind.JsonNode c = m.get("/api/v1/calendars/office-hours").json();
        StringBuilder holidays = new StringBuilder();
        for (tools.jackson.databind.JsonNode d : c.get("holidays")) {
            if (!d.asString().equals("2026-11-30")) {
                holidays.append(holidays.isEmpty() ? "" : ",").append('"').append(d.asString()).append('"');
            }
        }
        return "{\"name\":" + c.get("name") + ",\"zone\":\"Europe/London\",\"hours\":" + c.get("hours") + ",\"holidays\":[" + holidays + "]}";
    }

    @Test
    void anAdminSeesTheEmailOutbox() {
        // More than a page of email (50 a page), so the pagination is on the page axe checks.
        ApiClient engineer = ApiClient.as(port, "desk.engineer", "engineer");
        for (int i = 0; i < 51; i++) {
            engineer.post("/api/v1/incidents", """
                {"title":"Outbox page %s","impact":"low","urgency":"low","reporter":{"name":"A","email":"outbox.%s@eastmoor.example"}}"""
                .formatted(s, s));
        }
        signInAsAdmin();
        open("/admin/outbox");
        assertThat(page.locator("table")).containsText("outbox." + s + "@eastmoor.example");
        assertThat(page.locator(".govuk-pagination [aria-current=page]")).containsText("Page 1 of");
        axe();
        open("/admin/outbox?status=failed");
        axe();
    }

    @Test
    void problemsAndKnownErrors() {
        signInAs("desk.engineer", "engineer");
        open("/desk/problems/new");
        axe();
        page.getByLabel("Title").fill("Booking database locks up " + s);
        page.getByLabel("CIs it sits on (names or ids, one per line)").fill("wastedb-" + s);
        page.getByRole(AriaRole.BUTTON, name("Raise the problem")).click();
        assertThat(page.locator("h1")).hasText("Booking database locks up " + s);
        axe();
        page.getByLabel("This is a known error").check();
        page.getByRole(AriaRole.BUTTON, name("Save")).click();
        assertThat(page.locator(".govuk-error-summary")).containsText("workaround written down");
        page.getByLabel("This is a known error").check();
        page.getByLabel("Workaround").fill("Kill the blocking session " + s);
        page.getByRole(AriaRole.BUTTON, name("Save")).click();
        assertThat(page.locator(".govuk-tag").nth(1)).hasText("Known error");
        open("/desk/known-errors?q=booking+database+" + s);
        assertThat(page.locator("main")).containsText("Kill the blocking session " + s);
        axe();
        open("/desk/problems");
        axe();
        open("/desk/incidents/new?ci=" + db);
        assertThat(page.locator(".govuk-warning-text")).containsText("Booking database locks up " + s);
    }
}
