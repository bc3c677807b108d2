package org.estate.monitoring;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Supplier;

import org.estate.monitoring.internal.correlation.Correlator;
import org.estate.test.ApiClient;
import org.estate.test.EstateTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import tools.jackson.databind.JsonNode;

/**
 * The whole path with nothing written by hand: checks made through the API, run by the engine
 * against a real TCP port, their state changes reaching the correlator through the event
 * publication registry, one incident for the root cause (the switch) naming the server behind it
 * as a symptom and the critical service they take down, then the recovery resolving it.
 */
@EstateTest
class MonitoringEndToEndTests {

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    Correlator correlator;

    CorrelationFixture f;
    ServerSocket switchPort;
    ServerSocket serverPort;

    @AfterEach
    void close() throws IOException {
        if (switchPort != null) switchPort.close();
        if (serverPort != null) serverPort.close();
        if (f != null) f.cleanUp();
    }

    @Test
    void aSwitchFailureOpensOneIncidentAndItsRecoveryResolvesIt() throws Exception {
        f = new CorrelationFixture(port, jdbc, correlator);
        ApiClient engineer = f.engineer;
        long service = f.ci("business-service", "Payments", "critical");
        long server = f.ci("server", "pay-web", null);
        long sw = f.ci("network-device", "core-sw", null);
        f.rel(service, "depends-on", server);
        f.rel(server, "connected-via", sw);
        switchPort = listen(0);
        serverPort = listen(0);
        long swCheck = tcpCheck(engineer, sw, "core-sw-" + f.s, switchPort.getLocalPort());
        long serverCheck = tcpCheck(engineer, server, "pay-web-" + f.s, serverPort.getLocalPort());
        run(engineer, swCheck, "up");
        run(engineer, serverCheck, "up");

        // The switch stops answering, and so (behind it) does the server.
        int swPort = switchPort.getLocalPort();
        switchPort.close();
        serverPort.close();
        run(engineer, swCheck, "down");
        run(engineer, serverCheck, "down");

        List<String> open = eventually(() -> f.incidentsOf(sw, true), l -> l.size() == 1, "an incident for the switch");
        String ref = open.get(0);
        // The server's own state change reaches the correlator on another thread: wait for it to be named a symptom.
        eventually(() -> f.incidentsOf(server, true), l -> l.equals(List.of(ref)), "the server is the switch's symptom: no incident of its own");
        JsonNode incident = f.incident(ref);
        assertThat(incident.get("priority").asString()).as("it takes a critical service down").isEqualTo("P1");
        JsonNode problem = eventually(() -> f.problem(sw), p -> p != null && p.get("symptoms").size() == 1, "the switch's problem naming its symptom");
        assertThat(problem.get("incident").asString()).isEqualTo(ref);
        assertThat(problem.get("symptoms").findValues("check").stream().map(JsonNode::asLong)).containsExactly(serverCheck);
        assertThat(problem.get("impactedServices").findValues("id").stream().map(JsonNode::asLong)).contains(service);

        // The switch comes back first: the server, still down, becomes a root cause at once.
        switchPort = listen(swPort);
        run(engineer, swCheck, "up");
        List<String> serverOwn = eventually(() -> f.incidentsOf(server, true), l -> l.size() == 1 && !l.contains(ref),
            "the server's own incident once the switch is up");
        assertThat(f.incidentsOf(sw, true)).as("the switch's incident is resolved").doesNotContain(ref);
        JsonNode resolved = f.incident(ref);
        assertThat(resolved.get("resolutionCode").asString()).isEqualTo("monitoring-recovered");
        assertThat(serverOwn).hasSize(1);
    }

    private static ServerSocket listen(int port) throws IOException {
        ServerSocket s = new ServerSocket();
        s.setReuseAddress(true);
        s.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
        Thread.ofVirtual().start(() -> {
            while (!s.isClosed()) {
                try (Socket c = s.accept()) {
                    // accepted and closed: the port answers
                } catch (IOException e) {
                    return;
                }
            }
        });
        return s;
    }

    private static long tcpCheck(ApiClient engineer, long ci, String name, int port) {
        var r = engineer.post("/api/v1/checks", "{\"name\":\"" + name + "\",\"type\":\"tcp\",\"ci\":" + ci
            + ",\"failureThreshold\":1,\"timeoutMs\":2000,\"target\":{\"host\":\"127.0.0.1\",\"port\":" + port + "}}");
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return r.json().get("id").asLong();
    }

    private static void run(ApiClient engineer, long check, String state) {
        var r = engineer.post("/api/v1/checks/" + check + "/run", "");
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        assertThat(r.json().get("state").asString()).as(r.body()).isEqualTo(state);
    }

    /** Polls (the correlator reacts after the engine's commit, on another thread) until the answer fits, for at most 20 s. */
    private <T> T eventually(Supplier<T> read, java.util.function.Predicate<T> fits, String what) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(20));
        T last = read.get();
        while (!fits.test(last) && Instant.now().isBefore(deadline)) {
            Thread.sleep(100);
            last = read.get();
        }
        assertThat(fits.test(last)).as(what + ": " + last).isTrue();
        return last;
    }
}
