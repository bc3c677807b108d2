package org.estate.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.estate.test.ApiClient;
import org.estate.test.EstateTest;
import org.estate.test.SourceClient;
import org.estate.test.TestClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Password guessing is throttled by source and account: a stranger's wrong passwords never lock
 * the real user out nor stop API tokens, and no refusal outlasts the lockout period (15 minutes).
 * Each test guesses from its own loopback addresses, so tests do not count each other's failures.
 */
@EstateTest
class SignInThrottleTests {

    @LocalServerPort
    int port;

    @AfterEach
    void resetClock() {
        TestClock.reset();
    }

    private void user(String username) {
        ApiClient.as(port, username, "engineer");
    }

    private int basic(SourceClient from, String username, String password) {
        return from.basicGet("/api/v1/tokens", username, password).status();
    }

    @Test
    void strangersWrongPasswordsFromOneSourceDoNotStopTheRealUserFromAnother() {
        user("victim.basic");
        SourceClient stranger = new SourceClient(port, "127.0.10.1");
        SourceClient owner = new SourceClient(port, "127.0.10.2");
        for (int i = 0; i < 5; i++) {
            assertThat(basic(stranger, "victim.basic", "guess-number-" + i)).isEqualTo(401);
        }
        // The stranger is now refused for this account, even with the right password...
        SourceClient.Answer refused = stranger.basicGet("/api/v1/tokens", "victim.basic", ApiClient.PASSWORD);
        assertThat(refused.status()).isEqualTo(429);
        assertThat(Long.parseLong(refused.header("Retry-After"))).isBetween(1L, 15 * 60L + 1);
        assertThat(refused.header("Content-Type")).startsWith("application/problem+json");
        // ... while the real user, elsewhere, signs in.
        assertThat(basic(owner, "victim.basic", ApiClient.PASSWORD)).isEqualTo(200);
        // The admin list shows the throttle and the admin can lift it.
        assertThat(ApiClient.admin(port).get("/api/v1/users/victim.basic").json().get("locked").asBoolean()).isTrue();
        assertThat(ApiClient.admin(port).post("/api/v1/users/victim.basic/unlock", "").status()).isEqualTo(200);
        assertThat(basic(stranger, "victim.basic", ApiClient.PASSWORD)).isEqualTo(200);
    }

    @Test
    void formLoginOfTheRealUserWorksWhileAStrangerIsRefused() {
        user("victim.form");
        SourceClient stranger = new SourceClient(port, "127.0.11.1");
        for (int i = 0; i < 5; i++) {
            assertThat(stranger.formLogin("victim.form", "guess-number-" + i).location()).endsWith("/login?error");
        }
        assertThat(stranger.formLogin("victim.form", ApiClient.PASSWORD).location()).endsWith("/login?throttled");
        assertThat(stranger.get("/login?throttled").body()).contains("too many wrong passwords for this account from your device");
        assertThat(stranger.get("/account/tokens").status()).isEqualTo(302);

        SourceClient owner = new SourceClient(port, "127.0.11.2");
        SourceClient.Answer signedIn = owner.formLogin("victim.form", ApiClient.PASSWORD);
        assertThat(signedIn.location()).doesNotContain("/login");
        assertThat(owner.get("/account/tokens").status()).isEqualTo(200);
    }

    @Test
    void afterTheLockoutPeriodTheCounterStartsAgainAtZero() {
        user("victim.period");
        Instant start = TestClock.set(Instant.now());
        SourceClient stranger = new SourceClient(port, "127.0.12.1");
        for (int i = 0; i < 5; i++) {
            assertThat(basic(stranger, "victim.period", "guess-number-" + i)).isEqualTo(401);
        }
        // Hammering while refused neither checks passwords nor stretches the refusal.
        TestClock.set(start.plus(Duration.ofMinutes(14)));
        assertThat(basic(stranger, "victim.period", "guess-again")).isEqualTo(429);
        assertThat(basic(stranger, "victim.period", ApiClient.PASSWORD)).isEqualTo(429);

        TestClock.set(start.plus(Duration.ofMinutes(15)).plusSeconds(1));
        // Counted from 0 again: four wrong passwords are answered as wrong, not refused ...
        for (int i = 0; i < 4; i++) {
            assertThat(basic(stranger, "victim.period", "later-guess-" + i)).isEqualTo(401);
        }
        // ... and the fifth attempt (the right password) still gets its password checked.
        assertThat(basic(stranger, "victim.period", ApiClient.PASSWORD)).isEqualTo(200);
    }

    @Test
    void apiTokensKeepWorkingDuringAGuessingAttack() {
        ApiClient token = ApiClient.as(port, "victim.token", "engineer");
        for (int source = 1; source <= 25; source++) {
            SourceClient stranger = new SourceClient(port, "127.0.13." + source);
            for (int i = 0; i < 3; i++) {
                basic(stranger, "victim.token", "guess-" + source + "-" + i);
            }
            assertThat(token.get("/api/v1/tokens").status()).isEqualTo(200);
        }
        // 75 wrong passwords later the account is not locked for its owner either.
        assertThat(basic(new SourceClient(port, "127.0.13.200"), "victim.token", ApiClient.PASSWORD)).isEqualTo(200);
        assertThat(token.get("/api/v1/cis").status()).isEqualTo(200);
    }

    @Test
    void aBurstOfParallelGuessesGetsNoMoreThanTheLimit() throws Exception {
        user("victim.burst");
        SourceClient stranger = new SourceClient(port, "127.0.14.1");
        List<Callable<Integer>> guesses = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            String guess = "parallel-guess-" + i;
            guesses.add(() -> basic(stranger, "victim.burst", guess));
        }
        List<Integer> statuses = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(20)) {
            for (Future<Integer> f : pool.invokeAll(guesses)) {
                statuses.add(f.get());
            }
        }
        // Only five passwords were checked; the other fifteen were refused unchecked.
        assertThat(statuses.stream().filter(s -> s == 401).count()).isEqualTo(5);
        assertThat(statuses.stream().filter(s -> s == 429).count()).isEqualTo(15);
    }

    @Test
    void aSourceSprayingManyAccountsIsRefusedForAllButOthersAreNot() {
        user("victim.spray");
        SourceClient sprayer = new SourceClient(port, "127.0.15.1");
        for (int i = 0; i < 50; i++) {
            assertThat(basic(sprayer, "sprayed.user" + i, "password-guess")).isEqualTo(401);
        }
        assertThat(basic(sprayer, "victim.spray", ApiClient.PASSWORD)).isEqualTo(429);
        assertThat(basic(new SourceClient(port, "127.0.15.2"), "victim.spray", ApiClient.PASSWORD)).isEqualTo(200);
    }

    @Test
    void anAccountUnderAttackFromManySourcesStillLetsAFreshSourceIn() {
        user("victim.guard");
        // Twenty sources, one wrong password each: none reaches its own limit of five.
        for (int source = 1; source <= 20; source++) {
            assertThat(basic(new SourceClient(port, "127.0.16." + source), "victim.guard", "guess")).isEqualTo(401);
        }
        // The account is on guard: a source that has guessed wrong is refused its next try ...
        assertThat(basic(new SourceClient(port, "127.0.16.1"), "victim.guard", "another-guess")).isEqualTo(429);
        // ... but a source with no wrong password for it signs in.
        assertThat(basic(new SourceClient(port, "127.0.16.100"), "victim.guard", ApiClient.PASSWORD)).isEqualTo(200);
    }

    @Test
    void aPasswordLongerThanBcryptReadsIsWrongAtSignInAndRefusedWhenSet() {
        user("victim.long");
        String tooLong = "é".repeat(37); // 37 characters, 74 UTF-8 bytes
        SourceClient from = new SourceClient(port, "127.0.17.1");
        assertThat(basic(from, "victim.long", tooLong)).isEqualTo(401);
        assertThat(basic(from, "victim.long", "x".repeat(1_000))).isEqualTo(401);
        assertThat(from.formLogin("victim.long", tooLong).location()).endsWith("/login?error");

        ApiClient admin = ApiClient.admin(port);
        var created = admin.post("/api/v1/users", """
            {"username":"long.password","displayName":"Long","roles":["viewer"],"password":"%s"}""".formatted(tooLong));
        assertThat(created.status()).isEqualTo(422);
        assertThat(created.json().get("errors").get(0).get("field").asString()).isEqualTo("password");
        assertThat(created.json().get("errors").get(0).get("message").asString()).contains("72 bytes");
        String etag = admin.get("/api/v1/users/victim.long").header("ETag");
        var changed = admin.patch("/api/v1/users/victim.long", "{\"password\":\"%s\"}".formatted("a".repeat(73)), etag);
        assertThat(changed.status()).isEqualTo(422);
        // 72 bytes exactly is fine.
        var exact = admin.patch("/api/v1/users/victim.long", "{\"password\":\"%s\"}".formatted("é".repeat(36)), etag);
        assertThat(exact.status()).isEqualTo(200);
        assertThat(basic(from, "victim.long", "é".repeat(36))).isEqualTo(200);
    }
}
