package org.estate.cmdb;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.UUID;

import org.estate.cmdb.internal.CiDerivedTextBackfill;
import org.estate.test.ApiClient;
import org.estate.test.ApiClient.Response;
import org.estate.test.EstateTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Repair is always possible: a CI whose stored values are already bad (written by an older
 * version, straight into the database here) can still be listed, read, exported, audited,
 * corrected and deleted. Nothing on the way is a 500.
 */
@EstateTest
class RepairApiTests {

    static final String HUGE = "1" + "0".repeat(1000);

    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    CiDerivedTextBackfill backfill;
    ApiClient admin;
    String s;

    @BeforeEach
    void setUp() {
        admin = ApiClient.adminToken(port);
        s = UUID.randomUUID().toString().substring(0, 8);
    }

    /** Whatever this test left unrepaired (it failed half way) must not break the other tests' exports of every CI. */
    @AfterEach
    void removeWhatIsLeft() {
        jdbc.update("DELETE FROM ci WHERE name LIKE ?", "repair-%-" + s);
    }

    private long insertStraight(String name, String attributes) {
        Timestamp now = Timestamp.from(Instant.now());
        jdbc.update("""
            INSERT INTO ci (class_key, name, status, criticality, attributes, created_at, updated_at, version)
            VALUES ('server', ?, 'live', 'medium', ?, ?, ?, 0)""", name, attributes, now, now);
        long id = jdbc.queryForObject("SELECT id FROM ci WHERE class_key = 'server' AND name = ?", Long.class, name);
        jdbc.update("""
            INSERT INTO audit_entry (occurred_at, actor, action, entity, entity_id, summary, changes)
            VALUES (?, 'old-version', 'created', 'ci', ?, 'written by an older version', ?)""", now, String.valueOf(id),
            "{\"attributes.cpuCores\":{\"from\":null,\"to\":" + HUGE + "},\"bad\":{\"from\":1e10000000,\"to\":[1,{\"x\":2}]}}");
        return id;
    }

    @Test
    void aCiWithStoredValuesOutOfRangeCanBeReadExportedAuditedFixedAndDeleted() {
        long huge = insertStraight("repair-huge-" + s, "{\"cpuCores\":" + HUGE + ",\"memoryGb\":16}");
        long exponent = insertStraight("repair-exp-" + s, "{\"cpuCores\":1e10000000,\"hostname\":[\"not\",\"text\"]}");
        long broken = insertStraight("repair-broken-" + s, "{\"cpuCores\": not json");
        // Estate, started on this older data, fills the derived search and sort text it lacks.
        assertThat(backfill.fillMissing()).isGreaterThanOrEqualTo(3);

        Response detail = admin.get("/api/v1/cis/" + huge);
        assertThat(detail.status()).as(detail.body()).isEqualTo(200);
        assertThat(detail.json().get("attributes").get("cpuCores").asString()).isEqualTo(HUGE);
        assertThat(detail.json().get("attributes").get("memoryGb").asInt()).isEqualTo(16);
        assertThat(admin.get("/api/v1/cis/" + exponent).json().get("attributes").get("cpuCores").asString()).isEqualTo("1e10000000");
        assertThat(admin.get("/api/v1/cis/" + broken).status()).isEqualTo(200);

        Response list = admin.get("/api/v1/cis?q=repair-&size=100");
        assertThat(list.status()).isEqualTo(200);
        assertThat(list.body()).contains("repair-huge-" + s, "repair-exp-" + s, "repair-broken-" + s);
        Response export = admin.get("/api/v1/cis/export?q=repair-");
        assertThat(export.status()).isEqualTo(200);
        assertThat(export.body()).contains(HUGE, "1e10000000");
        Response history = admin.get("/api/v1/cis/" + huge + "/history");
        assertThat(history.status()).as(history.body()).isEqualTo(200);
        assertThat(history.body()).contains(HUGE);
        Response audit = admin.get("/api/v1/audit?entity=ci&entityId=" + exponent);
        assertThat(audit.status()).as(audit.body()).isEqualTo(200);
        assertThat(audit.body()).contains("1e10000000");

        // Any other change names the bad value, so the admin knows what to fix ...
        String etag = detail.header("ETag");
        Response other = admin.patch("/api/v1/cis/" + huge, "{\"owner\":\"Platforms\"}", etag);
        assertThat(other.status()).isEqualTo(422);
        assertThat(other.json().get("errors").findValuesAsString("field")).containsExactly("attributes.cpuCores");
        // ... and fixing it works.
        Response fixed = admin.patch("/api/v1/cis/" + huge, "{\"owner\":\"Platforms\",\"attributes\":{\"cpuCores\":8}}", etag);
        assertThat(fixed.status()).as(fixed.body()).isEqualTo(200);
        assertThat(admin.get("/api/v1/cis/" + huge).json().get("attributes").get("cpuCores").asInt()).isEqualTo(8);
        Response cleared = admin.patch("/api/v1/cis/" + exponent, "{\"attributes\":{\"cpuCores\":null,\"hostname\":\"h1\"}}",
            admin.get("/api/v1/cis/" + exponent).header("ETag"));
        assertThat(cleared.status()).as(cleared.body()).isEqualTo(200);

        for (long id : new long[] {exponent, broken}) {
            Response deleted = admin.delete("/api/v1/cis/" + id);
            assertThat(deleted.status()).as(deleted.body()).isEqualTo(204);
            assertThat(admin.get("/api/v1/cis/" + id).status()).isEqualTo(404);
        }
        // The deletion's own audit entry, holding the bad value as text, reads back too.
        assertThat(admin.get("/api/v1/audit?entity=ci&entityId=" + broken).status()).isEqualTo(200);
    }
}
