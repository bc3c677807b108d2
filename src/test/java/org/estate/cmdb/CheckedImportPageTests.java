package org.estate.cmdb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.estate.test.ApiClient;
import org.estate.test.EstateTest;
import org.estate.test.SourceClient;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The import page's "Check this file" then "Import this file" over real HTTP: the checked file is kept
 * on the server for the session that checked it and imported from there, once, with no second choice
 * of the file; another session cannot import it.
 */
@EstateTest
class CheckedImportPageTests {

    private static final Pattern CHECKED = Pattern.compile("name=\"checked\" value=\"([^\"]+)\"");

    @LocalServerPort
    int port;

    private final String s = Long.toString(System.nanoTime(), 36);

    private SourceClient engineer(String name, String address) {
        ApiClient.as(port, name, "engineer");
        SourceClient browser = new SourceClient(port, address);
        assertThat(browser.formLogin(name, ApiClient.PASSWORD).location()).doesNotContain("/login");
        assertThat(browser.get("/cmdb/import").status()).isEqualTo(200);
        return browser;
    }

    private static String checkedId(SourceClient.Answer page) {
        Matcher m = CHECKED.matcher(page.body());
        assertThat(m.find()).as(page.body()).isTrue();
        return m.group(1);
    }

    private void importsAndCompletes(SourceClient browser, String kind, String id, String result) {
        SourceClient.Answer started = browser.postMultipart("/cmdb/import", Map.of("action", "import", "kind", kind, "checked", id), null, null);
        assertThat(started.status()).as(started.body()).isEqualTo(302);
        assertThat(started.location()).contains("/cmdb/import/");
        String job = started.location().substring(started.location().indexOf("/cmdb/import/"));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(browser.get(job).body()).contains(result));
    }

    @Test
    void theCheckedFileImportsWithoutChoosingItAgainOnceAndOnlyForItsSession() {
        SourceClient jo = engineer("checked.jo", "127.0.40.1");
        ApiClient api = ApiClient.as(port, "checked.jo", "engineer");
        byte[] cis = ("class,name,owner\nsite,Depot " + s + ",Fleet\nsite,Annex " + s + ",Fleet\n").getBytes(StandardCharsets.UTF_8);
        SourceClient.Answer check = jo.postMultipart("/cmdb/import", Map.of("action", "check", "kind", "cis"), "sites.csv", cis);
        assertThat(check.status()).isEqualTo(200);
        assertThat(check.body()).contains("What this file would do").contains("Import this file").doesNotContain("type=\"file\"");
        String id = checkedId(check);
        assertThat(api.get("/api/v1/cis?q=" + s).json().get("total").asInt()).isZero();

        // Another engineer's session does not find it, and nothing is imported.
        SourceClient other = engineer("checked.other", "127.0.40.2");
        SourceClient.Answer refused = other.postMultipart("/cmdb/import", Map.of("action", "import", "kind", "cis", "checked", id), null, null);
        assertThat(refused.status()).isEqualTo(200);
        assertThat(refused.body()).contains("govuk-error-summary").contains("The checked file is no longer kept");
        assertThat(api.get("/api/v1/cis?q=" + s).json().get("total").asInt()).isZero();

        jo.get("/cmdb/import");
        importsAndCompletes(jo, "cis", id, "2 created, 0 updated, 0 unchanged");
        assertThat(api.get("/api/v1/cis?q=" + s).json().get("total").asInt()).isEqualTo(2);

        // Imported once: the same id again is the GOV.UK error, not a second import.
        jo.get("/cmdb/import");
        SourceClient.Answer again = jo.postMultipart("/cmdb/import", Map.of("action", "import", "kind", "cis", "checked", id), null, null);
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.body()).contains("The checked file is no longer kept").contains("href=\"#file\"");

        // Relationships follow the same flow.
        jo.get("/cmdb/import");
        byte[] rels = ("source_class,source_name,type,target_class,target_name\nsite,Depot " + s + ",connected-via,site,Annex " + s + "\n")
            .getBytes(StandardCharsets.UTF_8);
        SourceClient.Answer relCheck = jo.postMultipart("/cmdb/import", Map.of("action", "check", "kind", "relationships"), "rels.csv", rels);
        assertThat(relCheck.body()).contains("To be created");
        jo.get("/cmdb/import");
        importsAndCompletes(jo, "relationships", checkedId(relCheck), "1 created, 0 updated, 0 unchanged");
    }

    @Test
    void aFileWithProblemsIsNotKept() {
        SourceClient jo = engineer("checked.bad", "127.0.40.3");
        SourceClient.Answer check = jo.postMultipart("/cmdb/import", Map.of("action", "check", "kind", "cis"), "bad.csv",
            ("class,name,status\nsite,Bad " + s + ",Alive\n").getBytes(StandardCharsets.UTF_8));
        assertThat(check.body()).contains("1 problem(s)").doesNotContain("name=\"checked\"");
    }
}
