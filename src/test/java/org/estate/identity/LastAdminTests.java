package org.estate.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.estate.test.ApiClient;
import org.estate.test.ApiClient.Response;
import org.estate.test.EstateTest;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;

/** The last enabled admin cannot be demoted or disabled, even by two admins racing each other. Own database: one admin. */
@EstateTest
@TestPropertySource(properties = "estate.test.own-database=true")
class LastAdminTests {

    @LocalServerPort
    int port;

    private Response patch(ApiClient as, String username, String json) {
        String etag = ApiClient.adminToken(port).get("/api/v1/users/" + username).header("ETag");
        return as.patch("/api/v1/users/" + username, json, etag);
    }

    /** Counted by each user reading their own record: whichever of them is still an admin. */
    private long enabledAdmins() {
        ApiClient.as(port, "second.admin", "admin");
        long n = 0;
        for (String name : List.of("admin", "second.admin")) {
            ApiClient self = name.equals("admin") ? ApiClient.adminToken(port) : ApiClient.as(port, name);
            var user = self.get("/api/v1/users/" + name).json();
            if (user.get("enabled").asBoolean() && user.get("roles").valueStream().anyMatch(r -> r.asString().equals("admin"))) {
                n++;
            }
        }
        return n;
    }

    @Test
    void theLastAdminCannotBeDemotedOrDisabledAndTwoAdminsRacingLeaveOne() throws Exception {
        ApiClient admin = ApiClient.adminToken(port);
        assertThat(enabledAdmins()).isEqualTo(2);
        ApiClient second = ApiClient.as(port, "second.admin", "admin");
        assertThat(patch(admin, "second.admin", "{\"enabled\":false}").status()).isEqualTo(200);
        Response demote = patch(admin, "admin", "{\"roles\":[\"manager\"]}");
        assertThat(demote.status()).isEqualTo(409);
        assertThat(demote.header("Content-Type")).startsWith("application/problem+json");
        assertThat(patch(admin, "admin", "{\"enabled\":false}").status()).isEqualTo(409);
        assertThat(admin.get("/api/v1/users/admin").json().get("roles").get(0).asString()).isEqualTo("admin");
        assertThat(patch(admin, "second.admin", "{\"enabled\":true}").status()).isEqualTo(200);
        for (int round = 0; round < 5; round++) {
            // Both admins, at the same moment, take the other's admin role away.
            String adminTag = admin.get("/api/v1/users/admin").header("ETag");
            String secondTag = admin.get("/api/v1/users/second.admin").header("ETag");
            CyclicBarrier together = new CyclicBarrier(2);
            List<Callable<Integer>> moves = List.of(
                () -> {
                    together.await();
                    return admin.patch("/api/v1/users/second.admin", "{\"roles\":[\"manager\"]}", secondTag).status();
                },
                () -> {
                    together.await();
                    return second.patch("/api/v1/users/admin", "{\"roles\":[\"manager\"]}", adminTag).status();
                });
            List<Integer> statuses = new ArrayList<>();
            try (ExecutorService pool = Executors.newFixedThreadPool(2)) {
                for (Future<Integer> f : pool.invokeAll(moves)) {
                    statuses.add(f.get());
                }
            }
            assertThat(enabledAdmins()).as("round " + round + ": " + statuses).isEqualTo(1);
            assertThat(statuses).as("round " + round).contains(200);
            // Put things back for the next round: whoever is still admin promotes the other again.
            boolean adminWon = statuses.get(0) == 200;
            String loser = adminWon ? "second.admin" : "admin";
            Response restore = patch(adminWon ? admin : second, loser, "{\"roles\":[\"admin\"]}");
            assertThat(restore.status()).isEqualTo(200);
            assertThat(enabledAdmins()).isEqualTo(2);
        }
    }
}
