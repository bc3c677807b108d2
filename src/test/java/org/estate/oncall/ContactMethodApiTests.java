package org.estate.oncall;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.estate.oncall.internal.Contacts;
import org.estate.oncall.internal.Contacts.Contact;
import org.estate.test.ApiClient;
import org.estate.test.ApiClient.Response;
import org.estate.test.EstateTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import tools.jackson.databind.JsonNode;

/**
 * Contact methods and rules through real HTTP: replace and read back, If-Match, 422 per field, who
 * may read and write, webhook URLs masked in every answer and sealed in the database, and the plan
 * paging reads.
 */
@EstateTest
class ContactMethodApiTests {

    private static final String HOOK = "https://council.webhook.office.com/webhookb2/abc-123/IncomingWebhook/secret-part/xyz";
    private static final String SLACK = "https://hooks.slack.com/services/T000/B000/XXXXsecretXXXX";

    @LocalServerPort
    int port;
    @Autowired
    Contacts contacts;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    List<org.estate.platform.SealedColumn> sealedColumns;

    String s;
    String asha;
    String ben;
    ApiClient ashaClient;
    ApiClient benClient;

    @BeforeEach
    void setUp() {
        s = UUID.randomUUID().toString().substring(0, 8);
        asha = "asha-" + s;
        ben = "ben-" + s;
        ashaClient = ApiClient.as(port, asha, "engineer");
        benClient = ApiClient.as(port, ben, "engineer");
    }

    private String path(String user) {
        return "/api/v1/users/" + user + "/contact-methods";
    }

    private String body() {
        return """
            {"methods":[{"type":"email","address":"asha.on.call@example.gov.uk"},{"type":"sms","address":"07700 900123"},
                        {"type":"teams","address":"%s"}],
             "rules":[{"method":"teams","delayMinutes":0,"urgency":"high"},{"method":"sms","delayMinutes":5},
                      {"method":"email","delayMinutes":0,"urgency":"low"}]}""".formatted(HOOK);
    }

    @Test
    void methodsAndRulesAreReplacedAndReadBackWithTheWebhookMasked() {
        JsonNode empty = ashaClient.get(path(asha)).json();
        assertThat(empty.get("methods").size()).isZero();
        assertThat(empty.get("version").asLong()).isZero();

        Response saved = ashaClient.put(path(asha), body());
        assertThat(saved.status()).as(saved.body()).isEqualTo(200);
        assertThat(saved.header("ETag")).isEqualTo("\"1\"");
        JsonNode m = saved.json().get("methods");
        assertThat(m.size()).isEqualTo(3);
        assertThat(m.get(1).get("address").asString()).isEqualTo("+447700900123");
        assertThat(m.get(2).get("address").asString()).isEqualTo("https://council.webhook.office.com/…");
        assertThat(saved.body()).doesNotContain("secret-part").doesNotContain("IncomingWebhook");
        JsonNode rules = saved.json().get("rules");
        assertThat(rules.get(1).get("urgency").asString()).as("urgency defaults to high").isEqualTo("high");

        Response read = ashaClient.get(path(asha));
        assertThat(read.body()).doesNotContain("secret-part");
        assertThat(read.header("ETag")).isEqualTo("\"1\"");
        Response managerRead = ApiClient.as(port, "cm.manager", "manager").get(path(asha));
        assertThat(managerRead.status()).isEqualTo(200);
        assertThat(managerRead.body()).doesNotContain("secret-part");

        // In the database the URL is sealed, never in clear; email and SMS are kept as given.
        List<String> stored = jdbc.sql("SELECT COALESCE(address, '') || '|' || COALESCE(sealed_address, '') FROM oncall_contact_method WHERE username = ?")
            .param(asha).query(String.class).list();
        assertThat(stored).hasSize(3).noneMatch(x -> x.contains("secret-part") || x.contains("webhook.office.com"));
        assertThat(String.join(" ", stored)).contains("+447700900123");
        assertThat(sealedColumns).as("re-sealed at start after a key rotation")
            .contains(new org.estate.platform.SealedColumn("oncall_contact_method", "id", "sealed_address"));
        // ... nor in the audit log.
        List<String> audit = jdbc.sql("SELECT COALESCE(summary, '') || ' ' || COALESCE(changes, '') FROM audit_entry WHERE entity = ? AND entity_id = ?")
            .params("contact-methods", asha).query(String.class).list();
        assertThat(audit).hasSize(1);
        assertThat(audit.getFirst()).contains("Contact methods of " + asha, "+447700900***", "https://council.webhook.office.com/…")
            .doesNotContain("secret-part").doesNotContain("900123");

        // What a GET gave back, PUT back as it is: the masked webhook with its id keeps the stored URL.
        String back = read.body();
        Response again = ashaClient.send("PUT", path(asha), back, "application/json", Map.of("If-Match", "\"1\""));
        assertThat(again.status()).as(again.body()).isEqualTo(200);
        assertThat(again.json().get("methods").get(2).get("id").asLong()).isEqualTo(m.get(2).get("id").asLong());
        assertThat(contacts.plan(asha, "high")).contains(new Contact("teams", HOOK, 0));

        // The masked form without the id is refused, not stored.
        Response maskedNew = ashaClient.put(path(asha), """
            {"methods":[{"type":"teams","address":"https://council.webhook.office.com/…"}]}""");
        assertThat(maskedNew.status()).isEqualTo(422);
        assertThat(maskedNew.body()).contains("methods[0].address");
    }

    @Test
    void aStaleReplaceIsRefusedAndLeavesTheOtherChange() {
        assertThat(ashaClient.put(path(asha), body()).status()).isEqualTo(200);
        Response admin = ApiClient.adminToken(port).send("PUT", path(asha), "{\"methods\":[{\"type\":\"sms\",\"address\":\"+44 7700 900456\"}],\"rules\":[]}",
            "application/json", Map.of("If-Match", "\"1\""));
        assertThat(admin.status()).as("an admin may set anyone's").isEqualTo(200);
        Response stale = ashaClient.send("PUT", path(asha), body(), "application/json", Map.of("If-Match", "\"1\""));
        assertThat(stale.status()).isEqualTo(412);
        JsonNode now = ashaClient.get(path(asha)).json();
        assertThat(now.get("methods").size()).isEqualTo(1);
        assertThat(now.get("methods").get(0).get("address").asString()).isEqualTo("+447700900456");
        assertThat(now.get("version").asLong()).isEqualTo(2);
        assertThat(ashaClient.send("PUT", path(asha), body(), "application/json", Map.of("If-Match", "W/\"2\"")).status()).isEqualTo(412);
    }

    @Test
    void everyBadFieldIsRefusedWithItsName() {
        Response r = ashaClient.put(path(asha), """
            {"methods":[{"type":"email","address":"not-an-email"},{"type":"sms","address":"01632 960123"},
                        {"type":"slack","address":"ftp://hooks.slack.com/x"},{"type":"pager","address":"x"},
                        {"type":"sms","address":"07700 9OO123"},{"id":999999999,"type":"email","address":"a@b.org"},
                        {"type":"teams","address":"javascript:alert(1)"}],
             "rules":[{"method":"pigeon","delayMinutes":0},{"method":"sms","delayMinutes":1441},{"method":"sms","delayMinutes":-1},
                      {"method":"email","delayMinutes":0,"urgency":"urgent"}]}""");
        assertThat(r.status()).isEqualTo(422);
        List<String> fields = new ArrayList<>();
        r.json().get("errors").forEach(e -> fields.add(e.get("field").asString()));
        assertThat(fields).containsExactlyInAnyOrder("methods[0].address", "methods[1].address", "methods[2].address", "methods[3].type",
            "methods[4].address", "methods[5].id", "methods[6].address", "rules[0].method", "rules[1].delayMinutes", "rules[2].delayMinutes",
            "rules[3].urgency");
        assertThat(r.body()).contains("landline");

        StringBuilder many = new StringBuilder("{\"methods\":[");
        for (int i = 0; i < 11; i++) {
            many.append(i == 0 ? "" : ",").append("{\"type\":\"email\",\"address\":\"a").append(i).append("@example.gov.uk\"}");
        }
        Response tooMany = ashaClient.put(path(asha), many + "]}");
        assertThat(tooMany.status()).isEqualTo(422);
        assertThat(tooMany.body()).contains("\"methods\"");
        StringBuilder rules = new StringBuilder("{\"rules\":[");
        for (int i = 0; i < 21; i++) {
            rules.append(i == 0 ? "" : ",").append("{\"method\":\"email\",\"delayMinutes\":").append(i).append("}");
        }
        assertThat(ashaClient.put(path(asha), rules + "]}").status()).isEqualTo(422);

        Response unknown = ashaClient.put(path(asha), "{\"methods\":[{\"type\":\"email\",\"address\":\"a@b.org\",\"colour\":\"red\"}]}");
        assertThat(unknown.status()).as(unknown.body()).isEqualTo(422);
        assertThat(unknown.body()).contains("colour");
        assertThat(ashaClient.get(path(asha)).json().get("version").asLong()).as("nothing was saved").isZero();
    }

    @Test
    void onlyTheUserOrAnAdminMayWriteAndManagersMayRead() {
        assertThat(benClient.put(path(asha), body()).status()).as("another engineer may not write").isEqualTo(403);
        assertThat(benClient.get(path(asha)).status()).as("... nor read").isEqualTo(403);
        assertThat(ApiClient.as(port, "cm.manager", "manager").put(path(asha), body()).status()).as("a manager may not write").isEqualTo(403);
        assertThat(ApiClient.adminToken(port).get(path("nobody-" + s)).status()).isEqualTo(404);
        assertThat(ApiClient.adminToken(port).put(path("nobody-" + s), body()).status()).isEqualTo(404);
        assertThat(ApiClient.anonymous(port).get(path(asha)).status()).isEqualTo(401);
    }

    @Test
    void thePlanFollowsTheRules() {
        String mail = asha + "@example.gov.uk";
        assertThat(contacts.plan(asha, "high")).as("no methods: the account email at once").containsExactly(new Contact("email", mail, 0));
        assertThat(contacts.plan(asha, "low")).containsExactly(new Contact("email", mail, 0));
        assertThat(contacts.plan("nobody-" + s, "high")).isEmpty();

        assertThat(ashaClient.put(path(asha), """
            {"methods":[{"type":"sms","address":"07700 900123"},{"type":"email","address":"a1@example.gov.uk"},
                        {"type":"sms","address":"+353 85 123 4567"},{"type":"slack","address":"%s"}]}""".formatted(SLACK)).status()).isEqualTo(200);
        assertThat(contacts.plan(asha, "high")).as("methods but no rules: every method at once").containsExactly(
            new Contact("sms", "+447700900123", 0), new Contact("email", "a1@example.gov.uk", 0), new Contact("sms", "+353851234567", 0),
            new Contact("slack", SLACK, 0));
        assertThat(contacts.plan(asha, "low")).as("low: email methods only").containsExactly(new Contact("email", "a1@example.gov.uk", 0));

        assertThat(ashaClient.put(path(asha), """
            {"methods":[{"type":"sms","address":"07700 900123"},{"type":"email","address":"a1@example.gov.uk"},
                        {"type":"sms","address":"+353 85 123 4567"},{"type":"slack","address":"%s"}],
             "rules":[{"method":"sms","delayMinutes":10},{"method":"slack","delayMinutes":0},{"method":"email","delayMinutes":30},
                      {"method":"sms","delayMinutes":5,"urgency":"low"},{"method":"email","delayMinutes":15,"urgency":"low"}]}"""
            .formatted(SLACK)).status()).isEqualTo(200);
        assertThat(contacts.plan(asha, "high")).as("rules × methods, by delay").containsExactly(
            new Contact("slack", SLACK, 0), new Contact("sms", "+447700900123", 10), new Contact("sms", "+353851234567", 10),
            new Contact("email", "a1@example.gov.uk", 30));
        assertThat(contacts.plan(asha, "low")).as("low never answers anything but email")
            .containsExactly(new Contact("email", "a1@example.gov.uk", 15));
        assertThat(contacts.plan(asha, "HIGH")).hasSize(4);

        // Methods, none of them email, and low urgency: the account email rather than nobody.
        assertThat(ashaClient.put(path(asha), "{\"methods\":[{\"type\":\"sms\",\"address\":\"07700 900123\"}]}").status()).isEqualTo(200);
        assertThat(contacts.plan(asha, "low")).containsExactly(new Contact("email", mail, 0));

        Response u = ApiClient.adminToken(port).get("/api/v1/users/" + asha);
        Response off = ApiClient.adminToken(port).patch("/api/v1/users/" + asha, "{\"enabled\":false}", u.header("ETag"));
        assertThat(off.status()).as(off.body()).isEqualTo(200);
        assertThat(contacts.plan(asha, "high")).as("a disabled user").isEmpty();
    }
}
