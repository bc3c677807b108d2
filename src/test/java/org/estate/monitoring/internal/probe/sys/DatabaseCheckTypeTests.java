package org.estate.monitoring.internal.probe.sys;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.estate.monitoring.internal.probe.ProbeResult;
import org.estate.platform.ValidationException.FieldError;
import org.junit.jupiter.api.Test;

/**
 * The database check against the real PostgreSQL (127.0.0.1:5432, trust) and MariaDB
 * (127.0.0.1:3306, root without a password) on the machine. SQL Server cannot be tested here.
 */
class DatabaseCheckTypeTests {

    private final DatabaseCheckType type = new DatabaseCheckType();

    private Map<String, Object> target(Object... kv) {
        Map<String, Object> m = new HashMap<>();
        for (int i = 0; i < kv.length; i += 2) m.put((String) kv[i], kv[i + 1]);
        List<FieldError> errors = new ArrayList<>();
        Map<String, Object> out = type.normalise(m, errors);
        assertThat(errors).isEmpty();
        return out;
    }

    private ProbeResult probe(Map<String, Object> target, Duration timeout) {
        return type.prepare(1, target).probe(timeout);
    }

    @Test
    void normaliseFillsDefaultsPerEngineAndRefusesWhatItDoesNotKnow() {
        assertThat(target("engine", "PostgreSQL", "host", "db1", "username", "u"))
            .containsEntry("engine", "postgresql").containsEntry("port", 5432).containsEntry("query", "SELECT 1")
            .doesNotContainKey("maxMs");
        assertThat(target("engine", "mariadb", "host", "db1", "username", "u")).containsEntry("port", 3306);
        assertThat(target("engine", "mysql", "host", "db1", "username", "u")).containsEntry("port", 3306);
        assertThat(target("engine", "sql-server", "host", "db1", "username", "u", "maxMs", 250))
            .containsEntry("port", 1433).containsEntry("maxMs", 250);
        assertThat(type.secretFields()).containsExactly("password");

        List<FieldError> errors = new ArrayList<>();
        Map<String, Object> bad = new HashMap<>();
        bad.put("engine", "oracle");
        bad.put("port", 70000);
        bad.put("maxMs", 0);
        bad.put("query", "x".repeat(2001));
        bad.put("timeout", 5);
        type.normalise(bad, errors);
        assertThat(errors).extracting(FieldError::field).containsExactlyInAnyOrder(
            "target.engine", "target.host", "target.port", "target.username", "target.maxMs", "target.query", "target.timeout");
    }

    @Test
    void postgresqlAnswers() {
        ProbeResult r = probe(target("engine", "postgresql", "host", "127.0.0.1", "database", "postgres", "username", "postgres"),
            Duration.ofSeconds(5));
        assertThat(r.state()).as(r.message()).isEqualTo("up");
        assertThat(r.values()).containsKeys("connectMs", "queryMs").containsEntry("rows", 1);
    }

    @Test
    void slowerThanMaxMsIsDegradedAndATimeoutIsDown() {
        ProbeResult slow = probe(target("engine", "postgresql", "host", "127.0.0.1", "database", "postgres", "username", "postgres",
            "query", "SELECT pg_sleep(0.2)", "maxMs", 100), Duration.ofSeconds(5));
        assertThat(slow.state()).as(slow.message()).isEqualTo("degraded");
        assertThat(slow.latencyMs()).isGreaterThanOrEqualTo(200);

        long start = System.nanoTime();
        ProbeResult hung = probe(target("engine", "postgresql", "host", "127.0.0.1", "database", "postgres", "username", "postgres",
            "query", "SELECT pg_sleep(30)"), Duration.ofSeconds(1));
        assertThat(hung.state()).isEqualTo("down");
        assertThat(hung.message()).startsWith("The query failed");
        assertThat((System.nanoTime() - start) / 1_000_000_000).isLessThan(5);
    }

    @Test
    void theSessionIsReadOnlyAndAFailedQueryIsDown() {
        ProbeResult write = probe(target("engine", "postgresql", "host", "127.0.0.1", "database", "postgres", "username", "postgres",
            "query", "CREATE TABLE estate_monitoring_probe (x int)"), Duration.ofSeconds(5));
        assertThat(write.state()).isEqualTo("down");
        assertThat(write.message()).containsIgnoringCase("read-only");

        try (var c = java.sql.DriverManager.getConnection("jdbc:mariadb://127.0.0.1:3306/test", "root", "");
             var s = c.createStatement()) {
            s.execute("CREATE TABLE IF NOT EXISTS estate_ro_probe (x int)");
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
        ProbeResult mariaWrite = probe(target("engine", "mariadb", "host", "127.0.0.1", "database", "test", "username", "root",
            "query", "INSERT INTO estate_ro_probe VALUES (1)"), Duration.ofSeconds(5));
        assertThat(mariaWrite.state()).isEqualTo("down");
        assertThat(mariaWrite.message()).containsIgnoringCase("read only");
        try (var c = java.sql.DriverManager.getConnection("jdbc:mariadb://127.0.0.1:3306/test", "root", "");
             var s = c.createStatement(); var rs = s.executeQuery("SELECT COUNT(*) FROM estate_ro_probe")) {
            rs.next();
            assertThat(rs.getInt(1)).isZero();
            s.execute("DROP TABLE estate_ro_probe");
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }

        ProbeResult missing = probe(target("engine", "postgresql", "host", "127.0.0.1", "database", "no_such_database_here",
            "username", "postgres"), Duration.ofSeconds(5));
        assertThat(missing.state()).isEqualTo("down");
        assertThat(missing.message()).startsWith("Cannot connect").contains("no_such_database_here");
    }

    @Test
    void mariadbAnswersAsMariadbAndAsMysql() {
        for (String engine : List.of("mariadb", "mysql")) {
            ProbeResult r = probe(target("engine", engine, "host", "127.0.0.1", "database", "test", "username", "root",
                "query", "SELECT VERSION()"), Duration.ofSeconds(5));
            assertThat(r.state()).as(engine + ": " + r.message()).isEqualTo("up");
            assertThat(r.values()).containsEntry("rows", 1);
        }
    }

    @Test
    void aRefusedLoginIsDownWithTheDriversWordsButNeverThePassword() {
        ProbeResult r = probe(target("engine", "mariadb", "host", "127.0.0.1", "database", "test", "username", "estate_no_such_user",
            "password", "Pw-7Qz-secret"), Duration.ofSeconds(5));
        assertThat(r.state()).isEqualTo("down");
        assertThat(r.message()).contains("Access denied").doesNotContain("Pw-7Qz-secret");
    }

    @Test
    void nothingListeningIsDown() {
        ProbeResult r = probe(target("engine", "postgresql", "host", "127.0.0.1", "port", 1, "username", "postgres"), Duration.ofSeconds(3));
        assertThat(r.state()).isEqualTo("down");
        assertThat(r.message()).startsWith("Cannot connect to postgresql at 127.0.0.1:1");
    }
}
