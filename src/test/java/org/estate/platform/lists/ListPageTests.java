package org.estate.platform.lists;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.UUID;

import org.estate.test.ApiClient;
import org.estate.test.BrowserSupport;
import org.estate.test.EstateTest;
import org.junit.jupiter.api.Test;

import com.microsoft.playwright.APIResponse;

/**
 * The list controls in Chromium: sortable headers that keep the filters (with aria-sort), the
 * attribute columns a user ticks, "Showing … of …", and the desk queue's new columns and export.
 */
@EstateTest
class ListPageTests extends BrowserSupport {

    @Test
    void theCiListSortsOnItsHeadersKeepsItsFiltersAndShowsChosenAttributeColumns() {
        ApiClient api = ApiClient.adminToken(port);
        String s = UUID.randomUUID().toString().substring(0, 8);
        for (String name : List.of("lp10", "LP2", "lp1")) {
            assertThat(api.post("/api/v1/cis", """
                {"class":"server","name":"%s-%s","attributes":{"ipAddress":"10.9.8.%d"}}"""
                .formatted(name, s, name.length())).status()).isEqualTo(201);
        }
        signInAsAdmin();
        open("/cmdb/cis?class=server&q=-" + s + "&columns=ipAddress");
        assertThat(page.locator("th[aria-sort=ascending]").innerText()).contains("Name");
        assertThat(page.locator("table tbody tr td:first-child").allInnerTexts()).containsExactly("lp1-" + s, "LP2-" + s, "lp10-" + s);
        assertThat(page.locator("table thead").innerText()).contains("IP address");
        assertThat(page.locator("table tbody").innerText()).contains("10.9.8.4");
        assertThat(page.getByText("Showing 1 to 3 of 3").count()).isEqualTo(1);
        page.locator("th[aria-sort=ascending] a").click();
        page.waitForURL(u -> u.contains("sort=-name"));
        assertThat(page.url()).contains("class=server", "columns=ipAddress");
        assertThat(page.locator("th[aria-sort=descending]").innerText()).contains("Name");
        assertThat(page.locator("table tbody tr td:first-child").allInnerTexts()).containsExactly("lp10-" + s, "LP2-" + s, "lp1-" + s);
        axe();

        assertThat(ApiClient.as(port, "lp.engineer", "engineer").post("/api/v1/incidents", """
            {"title":"List page incident %s","impact":"low","urgency":"low","reporter":{"name":"Pat Jones","email":"pat@example.gov.uk"}}"""
            .formatted(s)).status()).isEqualTo(201);
        open("/desk?view=all&sort=-opened&q=" + s);
        assertThat(page.locator("table thead").innerText()).contains("Reporter", "Opened", "Age", "Last updated");
        assertThat(page.locator("th[aria-sort=descending]").innerText()).contains("Opened");
        assertThat(page.locator("table tbody").innerText()).contains("List page incident " + s, "Pat Jones");
        APIResponse export = page.request().get(url("/desk/export.csv?view=all&sort=-opened&excel=true&q=" + s));
        assertThat(export.status()).isEqualTo(200);
        assertThat(export.body()).startsWith(0xEF, 0xBB, 0xBF);
        assertThat(new String(export.body(), java.nio.charset.StandardCharsets.UTF_8))
            .startsWith("\uFEFFref,type,title,status,priority,team,assignee,reporter,opened_at,updated_at\r\n")
            .contains("List page incident " + s, "Pat Jones").endsWith("\r\n");
    }
}
