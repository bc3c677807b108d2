package org.estate.fault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.estate.test.TestDatabaseInitializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * PostgreSQL cut off for 30 s through a TCP proxy while clients write: requests answer 503 (problem
 * details for the API, the GOV.UK page for pages, never a 500, a misleading 401 or a hang), health
 * says DOWN, background jobs say so once, and when the database is back Estate recovers by itself
 * and every acknowledged write — before, during and after — is there.
 */
class DatabaseOutageIT {

    private static final Duration OUTAGE = Duration.ofSeconds(30);

    @TempDir
    Path work;

    @Test
    void postgresqlOutageIsA503AndEstateRecoversByItself() throws Exception {
        assumeFalse(Boolean.getBoolean("skipPostgresTests"), "PostgreSQL tests skipped (-DskipPostgresTests)");
        Map<String, Object> db = TestDatabaseInitializer.newPostgresDatabase();
        URI direct = URI.create(db.get("spring.datasource.url").toString().substring("jdbc:".length()));
        try (TcpProxy proxy = new TcpProxy(direct.getHost(), direct.getPort());
             EstateProcess estate = new EstateProcess("outage-postgresql", work, Map.of(
                 "SPRING_DATASOURCE_URL", "jdbc:postgresql://127.0.0.1:" + proxy.port() + direct.getPath(),
                 "SPRING_DATASOURCE_USERNAME", db.get("spring.datasource.username").toString(),
                 "SPRING_DATASOURCE_PASSWORD", db.get("spring.datasource.password").toString(),
                 "ESTATE_DB_CONNECTION_TIMEOUT_MS", "2000"),
                 // Background jobs every second, both touching the database (email needs an SMTP host set).
                 List.of("--estate.servicedesk.clock-interval=1s", "--estate.smtp.poll-interval=1s",
                     "--estate.smtp.host=127.0.0.1", "--estate.smtp.port=" + EstateProcess.freePort()))) {
            estate.start();
            Http api = Http.adminToken(estate.baseUrl());
            Http basic = new Http(estate.baseUrl(), Http.basic("admin", EstateProcess.ADMIN_PASSWORD));
            Http anonymous = new Http(estate.baseUrl(), null);
            BrowserSession signedIn = new BrowserSession(estate.baseUrl());
            assertThat(signedIn.submitLogin(signedIn.loginFormToken(), "admin", EstateProcess.ADMIN_PASSWORD).body())
                .as("signed in").contains("Location: ").doesNotContain("error");
            assertThat(signedIn.get("/cmdb/cis").status()).isEqualTo(200);
            BrowserSession signingIn = new BrowserSession(estate.baseUrl());
            String csrf = signingIn.loginFormToken();

            Writers writers = new Writers(api, "outage", 3);
            try (writers) {
                Poll.until("50 acknowledged writes before the cut", Duration.ofSeconds(60), () -> writers.acknowledgedWrites.get() >= 50);
                proxy.cut();
                long cutAt = System.nanoTime();
                Poll.until("the API answers 503", OUTAGE, () -> api.get("/api/v1/cis").status() == 503);

                assertUnavailableProblem(api.get("/api/v1/cis"), "token lookup and query");
                assertUnavailableProblem(api.post("/api/v1/cis", "{\"class\":\"server\",\"name\":\"during-outage\"}"), "a write");
                assertUnavailableProblem(basic.get("/api/v1/cis"), "HTTP Basic (the password cannot be checked: not a 401)");
                Http.Answer health = anonymous.get("/actuator/health");
                assertThat(health.status()).as("health during the outage").isEqualTo(503);
                assertThat(health.body()).contains("DOWN");
                assertUnavailablePage(signedIn.get("/cmdb/cis"), "a page, signed in");
                assertUnavailablePage(signingIn.submitLogin(csrf, "admin", EstateProcess.ADMIN_PASSWORD),
                    "signing in (not 'wrong password')");

                // Hold the cut for its whole length, health staying DOWN while the writers keep trying;
                // from here on the log must stay free of stack traces (no trace per request, job run or health call).
                long steadyFrom = Files.size(estate.log());
                Poll.until("the outage has lasted " + OUTAGE.toSeconds() + " s", OUTAGE.plusSeconds(30), () -> {
                    assertThat(anonymous.get("/actuator/health").status()).as("health during the outage").isEqualTo(503);
                    return System.nanoTime() - cutAt >= OUTAGE.toNanos();
                });
                int beforeRestore = writers.acknowledgedWrites.get();
                byte[] all = Files.readAllBytes(estate.log());
                String steady = new String(all, (int) steadyFrom, all.length - (int) steadyFrom, java.nio.charset.StandardCharsets.UTF_8);
                proxy.restore();
                assertThat(count(steady, "\tat ")).as("stack trace lines during the steady outage:\n" + steady).isZero();
                assertThat(count(steady, "Answering 503")).as("503 warnings (at most one per 30 s)").isLessThanOrEqualTo(1);

                Poll.until("health UP again without a restart", Duration.ofSeconds(60),
                    () -> anonymous.get("/actuator/health").status() == 200);
                Poll.until("50 more acknowledged writes after the database is back", Duration.ofSeconds(60),
                    () -> writers.acknowledgedWrites.get() >= beforeRestore + 50);
            }
            assertThat(writers.unexpected).as("answers other than 2xx, 503 or no answer (a 500 would be here)").isEmpty();
            assertThat(writers.refused(503)).as("writes answered 503 during the outage").isPositive();
            assertThat(signedIn.get("/cmdb/cis").status()).as("the page session after the outage").isEqualTo(200);
            Writers.verify(api, writers);

            String log = Files.readString(estate.log());
            assertThat(log).as("Estate's log").doesNotContain("Unexpected error");
            assertThat(count(log, "The SLA clock is waiting: the database cannot be reached")).as("SLA clock outage lines").isEqualTo(1);
            assertThat(count(log, "Notification dispatch is waiting: the database cannot be reached")).as("outbox dispatch outage lines").isEqualTo(1);
            assertThat(count(log, "Page escalation is waiting: the database cannot be reached")).as("page escalation outage lines").isEqualTo(1);
            assertThat(count(log, "The SLA clock is running again")).isEqualTo(1);
        }
    }

    private static void assertUnavailableProblem(Http.Answer answer, String what) {
        assertThat(answer.status()).as(what + ": " + answer).isEqualTo(503);
        assertThat(answer.contentType()).as(what).startsWith("application/problem+json");
        assertThat(answer.json().get("status").asInt()).isEqualTo(503);
        assertThat(answer.json().get("detail").asString()).contains("database");
    }

    private static void assertUnavailablePage(Http.Answer answer, String what) {
        assertThat(answer.status()).as(what + ": " + answer).isEqualTo(503);
        assertThat(answer.contentType()).as(what).startsWith("text/html");
        assertThat(answer.body()).contains("Sorry, the service is unavailable").contains("govuk-heading-l")
            .contains("govuk-header");
    }

    private static int count(String text, String needle) {
        int n = 0;
        for (int i = text.indexOf(needle); i >= 0; i = text.indexOf(needle, i + needle.length())) {
            n++;
        }
        return n;
    }
}
