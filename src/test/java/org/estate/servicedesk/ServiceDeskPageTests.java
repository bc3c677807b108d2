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

import com.microsoft.playwright.Page.GetByLabelOptions;
import com.microsoft.playwright.Page.GetByRoleOptions;
import com.microsoft.playwright.options.AriaRole;
import com.microsoft.playwright.options.FilePayload;

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
        assertThat(page.getByLabel("Affected CIs")).hasValue("wastedb-" + s);
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
        assertThat(page.locator(".govuk-tag").nth(1)).containsText("On hold: Awaiting supplier");
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
        assertThat(page.locator("dl").first()).containsText("Pending");
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
        page.getByRole(AriaRole.LINK, name("Networks and telephony")).click();
        axe();
        page.getByLabel("Members (usernames, separated by commas)").fill("nobody-" + s);
        page.getByRole(AriaRole.BUTTON, name("Save")).click();
        assertThat(page.locator(".govuk-error-summary")).containsText("No user 'nobody-" + s + "'");
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
        ApiClient.as(port, "desk.engineer", "engineer").post("/api/v1/incidents", """
            {"title":"Outbox page %s","impact":"low","urgency":"low","reporter":{"name":"A","email":"outbox.%s@eastmoor.example"}}"""
            .formatted(s, s));
        signInAsAdmin();
        open("/admin/outbox");
        assertThat(page.locator("table")).containsText("outbox." + s + "@eastmoor.example");
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
