package org.estate.monitoring;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.estate.monitoring.internal.probe.CheckTypes;
import org.estate.platform.ValidationException;
import org.estate.test.ApiClient;
import org.estate.test.ApiClient.Response;
import org.estate.test.EstateTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Alertmanager's webhook (v4) with realistic bodies: firing and resolved, several alerts in one
 * group, matched by a ci label or by instance, unmatched alerts kept, not-v4 refused, roles.
 */
@EstateTest
class AlertmanagerApiTests {

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    CheckTypes types;

    String s;
    ApiClient engineer;
    long web1;
    long db;

    @BeforeEach
    void estate() {
        s = UUID.randomUUID().toString().substring(0, 8);
        engineer = ApiClient.as(port, "am.engineer", "engineer");
        web1 = ci("virtual-machine", "web1-" + s, "{\"hostname\":\"web1-" + s + ".council.local\",\"ipAddress\":\"10.20." + octet() + ".11\"}");
        db = ci("database", "payments-db-" + s, "{}");
    }

    private String octet() {
        return String.valueOf(Math.abs(s.hashCode()) % 250);
    }

    private long ci(String ciClass, String name, String attributes) {
        Response r = engineer.post("/api/v1/cis", "{\"class\":\"" + ciClass + "\",\"name\":\"" + name + "\",\"attributes\":" + attributes + "}");
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return r.json().get("id").asLong();
    }

    private static String alert(String status, String fingerprint, String labels, String startsAt, String endsAt) {
        return """
            {"status":"%s","labels":{%s},"annotations":{"summary":"Instance has been down for more than 5 minutes","description":"It is down."},
             "startsAt":"%s","endsAt":"%s","generatorURL":"http://prometheus:9090/graph?g0.expr=up+%%3D%%3D+0","fingerprint":"%s"}"""
            .formatted(status, labels, startsAt, endsAt, fingerprint);
    }

    private static String body(String status, String... alerts) {
        return """
            {"receiver":"estate","status":"%s","alerts":[%s],"groupLabels":{"alertname":"InstanceDown"},
             "commonLabels":{"alertname":"InstanceDown"},"commonAnnotations":{},"externalURL":"http://alertmanager:9093",
             "version":"4","groupKey":"{}:{alertname=\\"InstanceDown\\"}","truncatedAlerts":0}"""
            .formatted(status, String.join(",", alerts));
    }

    private Map<String, Object> check(String fingerprint) {
        return jdbc.sql("SELECT id, name, check_type, ci_id, target FROM mon_check WHERE external_key = ?").param(fingerprint)
            .query().singleRow();
    }

    @Test
    void aFiringGroupMatchedByInstanceAndByCiLabelWithAnUnmatchedAlertKept() {
        String fp1 = "a1" + s;
        String fp2 = "b2" + s;
        String fp3 = "c3" + s;
        String firing = body("firing",
            alert("firing", fp1, "\"alertname\":\"InstanceDown\",\"instance\":\"web1-" + s + ".council.local:9100\",\"job\":\"node\",\"severity\":\"critical\"",
                "2026-11-30T10:00:00.123456789Z", "0001-01-01T00:00:00Z"),
            alert("firing", fp2, "\"alertname\":\"PostgresReplicationLag\",\"ci\":\"database:payments-db-" + s + "\",\"severity\":\"warning\"",
                "2026-11-30T10:01:00Z", "0001-01-01T00:00:00Z"),
            alert("firing", fp3, "\"alertname\":\"DiskFull\",\"instance\":\"nowhere-" + s + ":9100\"",
                "2026-11-30T10:02:00Z", "0001-01-01T00:00:00Z"));
        Response r = engineer.post("/api/v1/alerts/alertmanager", firing);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        assertThat(r.json().get("matched").asInt()).isEqualTo(2);
        assertThat(r.json().get("unmatched").asInt()).isEqualTo(1);

        Map<String, Object> c1 = check(fp1);
        assertThat(c1.get("name")).isEqualTo("InstanceDown");
        assertThat(c1.get("check_type")).isEqualTo("external");
        assertThat(((Number) c1.get("ci_id")).longValue()).isEqualTo(web1);
        assertThat((String) c1.get("target")).contains("\"job\":\"node\"").contains("\"severity\":\"critical\"");
        assertThat(((Number) check(fp2).get("ci_id")).longValue()).isEqualTo(db);
        Map<String, Object> unmatched = check(fp3);
        assertThat(unmatched.get("ci_id")).isNull();
        assertThat(unmatched.get("name")).isEqualTo("DiskFull");

        // The same group again (Alertmanager repeats it): no second check.
        assertThat(engineer.post("/api/v1/alerts/alertmanager", firing).status()).isEqualTo(200);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM mon_check WHERE external_key IN (?, ?, ?)").params(fp1, fp2, fp3)
            .query(Long.class).single()).isEqualTo(3);

        // Resolved: the same checks, no new one; the unmatched one is still counted as kept.
        Response resolved = engineer.post("/api/v1/alerts/alertmanager", body("resolved",
            alert("resolved", fp1, "\"alertname\":\"InstanceDown\",\"instance\":\"web1-" + s + ".council.local:9100\",\"job\":\"node\",\"severity\":\"critical\"",
                "2026-11-30T10:00:00Z", "2026-11-30T10:20:00Z"),
            alert("resolved", fp3, "\"alertname\":\"DiskFull\",\"instance\":\"nowhere-" + s + ":9100\"", "2026-11-30T10:02:00Z", "2026-11-30T10:30:00Z")));
        assertThat(resolved.status()).as(resolved.body()).isEqualTo(200);
        assertThat(resolved.json().get("matched").asInt()).as(resolved.body() + " " + check(fp1) + " " + check(fp3)).isEqualTo(1);
        assertThat(resolved.json().get("unmatched").asInt()).isEqualTo(1);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM mon_check WHERE external_key IN (?, ?, ?)").params(fp1, fp2, fp3)
            .query(Long.class).single()).isEqualTo(3);

        // By IP address, port stripped; and by the ci label's id.
        String fp4 = "d4" + s;
        String fp5 = "e5" + s;
        Response more = engineer.post("/api/v1/alerts/alertmanager", body("firing",
            alert("firing", fp4, "\"alertname\":\"HighLoad\",\"instance\":\"10.20." + octet() + ".11:9100\"", "2026-11-30T11:00:00Z", ""),
            alert("firing", fp5, "\"alertname\":\"Slow\",\"ci\":\"" + db + "\",\"severity\":\"info\"", "2026-11-30T11:00:00Z", "")));
        assertThat(more.status()).as(more.body()).isEqualTo(200);
        assertThat(more.json().get("matched").asInt()).isEqualTo(2);
        assertThat(((Number) check(fp4).get("ci_id")).longValue()).isEqualTo(web1);
        assertThat(((Number) check(fp5).get("ci_id")).longValue()).isEqualTo(db);
    }

    @Test
    void notV4JunkAndOversizedBodiesAreRefusedAndOnlyEngineersMayPost() {
        String ok = body("firing", alert("firing", "g7" + s, "\"alertname\":\"X\"", "2026-11-30T10:00:00Z", ""));
        assertThat(ApiClient.anonymous(port).post("/api/v1/alerts/alertmanager", ok).status()).isEqualTo(401);
        assertThat(ApiClient.as(port, "am.viewer", "viewer").post("/api/v1/alerts/alertmanager", ok).status()).isEqualTo(403);
        assertThat(ApiClient.as(port, "am.requester", "requester").post("/api/v1/alerts/alertmanager", ok).status()).isEqualTo(403);
        assertThat(ApiClient.basic(port, "admin", ApiClient.ADMIN_PASSWORD).post("/api/v1/alerts/alertmanager", ok).status()).isEqualTo(200);

        Response v3 = engineer.post("/api/v1/alerts/alertmanager", ok.replace("\"version\":\"4\"", "\"version\":\"3\""));
        assertThat(v3.status()).isEqualTo(422);
        assertThat(v3.body()).contains("version");
        Response noFingerprint = engineer.post("/api/v1/alerts/alertmanager", body("firing",
            "{\"status\":\"firing\",\"labels\":{\"alertname\":\"X\"},\"startsAt\":\"2026-11-30T10:00:00Z\"}"));
        assertThat(noFingerprint.status()).isEqualTo(422);
        assertThat(noFingerprint.body()).contains("alerts[0].fingerprint");
        Response badStatus = engineer.post("/api/v1/alerts/alertmanager", body("burning",
            alert("exploding", "h8" + s, "\"alertname\":\"X\"", "yesterday", "")));
        assertThat(badStatus.status()).isEqualTo(422);
        assertThat(badStatus.body()).contains("\"status\"").contains("alerts[0].status").contains("alerts[0].startsAt");
        for (String junk : List.of("", "null", "[]", "42", "\"4\"", "{", "{\"version\":4}", "{\"version\":\"4\",\"alerts\":{}}",
            "{\"version\":\"4\",\"status\":\"firing\",\"alerts\":[1,null,{\"labels\":[]}]}", "[".repeat(5000), "\u0000\u0001")) {
            Response r = engineer.post("/api/v1/alerts/alertmanager", junk);
            assertThat(r.status()).as(junk + " -> " + r.body()).isEqualTo(422);
        }
        String huge = body("firing", alert("firing", "i9" + s, "\"alertname\":\"" + "x".repeat(3_000_000) + "\"", "2026-11-30T10:00:00Z", ""));
        assertThat(engineer.post("/api/v1/alerts/alertmanager", huge).status()).isEqualTo(413);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM mon_check WHERE external_key IN (?, ?)").params("h8" + s, "i9" + s)
            .query(Long.class).single()).isZero();
    }

    @Test
    void theExternalTypeTakesAnEmptyTargetAndHasNothingToProbe() {
        var external = types.find("external").orElseThrow();
        List<ValidationException.FieldError> errors = new ArrayList<>();
        assertThat(external.normalise(Map.of(), errors)).isEmpty();
        assertThat(external.normalise(Map.of("labels", Map.of("job", "node")), errors)).isEqualTo(Map.of("labels", Map.of("job", "node")));
        assertThat(errors).isEmpty();
        external.normalise(Map.of("url", "http://x"), errors);
        assertThat(errors).extracting(ValidationException.FieldError::field).containsExactly("target.url");
        assertThat(external.prepare(1, Map.of())).isNull();
        assertThat(external.secretFields()).isEmpty();
    }
}
