package org.estate.change;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;

import org.estate.test.ApiClient;
import org.estate.test.ApiClient.Response;

/** CIs and changes for the change API tests: names made unique per test instance. */
final class ChangeFixture {

    final int port;
    final String s = UUID.randomUUID().toString().substring(0, 6);
    final ApiClient engineer;

    ChangeFixture(int port) {
        this.port = port;
        this.engineer = ApiClient.as(port, "chg.eng", "engineer");
    }

    long ci(String ciClass, String name, String criticality) {
        Response r = engineer.post("/api/v1/cis", "{\"class\":\"" + ciClass + "\",\"name\":\"" + name + "-" + s + "\""
            + (criticality == null ? "" : ",\"criticality\":\"" + criticality + "\"") + "}");
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return r.json().get("id").asLong();
    }

    void rel(long source, String type, long target) {
        Response r = engineer.post("/api/v1/relationships", "{\"source\":" + source + ",\"type\":\"" + type + "\",\"target\":" + target + "}");
        assertThat(r.status()).as(r.body()).isEqualTo(201);
    }

    /** A change body with plans; {@code extra} is more JSON members (with a leading comma). */
    static String body(String type, String start, String end, String extra, long... cis) {
        StringBuilder ids = new StringBuilder();
        for (long id : cis) {
            ids.append(ids.isEmpty() ? "" : ",").append(id);
        }
        return """
            {"type":"%s","title":"Upgrade","description":"Vendor upgrade","reason":"Support ends","affectedCis":[%s],
             "plannedStart":"%s","plannedEnd":"%s","implementationPlan":"Install","backoutPlan":"Uninstall","testPlan":"Sign in"%s}"""
            .formatted(type, ids, start, end, extra);
    }

    static Response create(ApiClient who, String body) {
        return who.post("/api/v1/changes", body);
    }

    static String created(ApiClient who, String body) {
        Response r = create(who, body);
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return r.json().get("ref").asString();
    }
}
