package org.estate.platform;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import java.util.UUID;

import org.estate.test.ApiClient;
import org.estate.test.BrowserSupport;
import org.estate.test.EstateTest;
import org.junit.jupiter.api.Test;

import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;

/** The search box in the header, in real Chromium: a GET form to the grouped results page, which links to what it found. */
@EstateTest
class SearchPageTests extends BrowserSupport {

    @Test
    void theHeaderBoxFindsACiByIpAddressAndTheResultsLinkToIt() {
        String s = UUID.randomUUID().toString().substring(0, 8);
        ApiClient engineer = ApiClient.as(port, "sp.eng", "engineer");
        long id = engineer.post("/api/v1/cis", """
            {"class":"server","name":"box-%s","attributes":{"ipAddress":"10.99.%d.%d"}}"""
            .formatted(s, s.hashCode() & 127, (s.hashCode() >> 8) & 127)).json().get("id").asLong();
        String ip = "10.99." + (s.hashCode() & 127) + "." + ((s.hashCode() >> 8) & 127);
        engineer.post("/api/v1/incidents", """
            {"title":"Box %s unreachable","impact":"low","urgency":"low","reporter":{"name":"Sam","email":"sam@eastmoor.example"}}"""
            .formatted(s));

        signInAs("sp.viewer", "viewer");
        page.getByRole(AriaRole.SEARCHBOX, new Page.GetByRoleOptions().setName("Search Estate")).fill(ip);
        page.locator("header").getByRole(AriaRole.BUTTON, new com.microsoft.playwright.Locator.GetByRoleOptions().setName("Search")).click();
        page.waitForURL(u -> u.contains("/search?q="));
        assertThat(page.locator("main h2")).hasText("Configuration items");
        assertThat(page.locator("[data-kind=ci] li")).containsText("ipAddress: " + ip);
        // The box keeps what was searched for, and the page's own form too.
        assertThat(page.locator("#estate-search")).hasValue(ip);
        assertThat(page.locator("#search-q")).hasValue(ip);
        axe();

        page.locator("#search-q").fill("box " + s);
        page.locator("main").getByRole(AriaRole.BUTTON, new com.microsoft.playwright.Locator.GetByRoleOptions().setName("Search")).click();
        assertThat(page.locator("[data-kind=incident] li")).containsText("Box " + s + " unreachable");

        open("/search?q=" + "x".repeat(201));
        assertThat(page.locator(".govuk-error-summary")).containsText("at most 200 characters");
        assertThat(page.locator("#search-q")).hasValue("x".repeat(201));
        axe();

        open("/search?q=" + ip);
        page.locator("[data-kind=ci] a").first().click();
        page.waitForURL(u -> u.endsWith("/cmdb/cis/" + id));
        assertThat(page.locator("h1")).containsText("box-" + s);
    }
}
