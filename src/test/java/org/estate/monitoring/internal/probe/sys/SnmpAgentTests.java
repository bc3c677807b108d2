package org.estate.monitoring.internal.probe.sys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import org.estate.monitoring.internal.probe.ProbeResult;
import org.estate.monitoring.internal.probe.Prober;
import org.estate.platform.ValidationException.FieldError;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The snmp check against Debian's snmpd, started by the test on a free loopback port. */
class SnmpAgentTests {

    private static final Duration TIMEOUT = Duration.ofSeconds(2);

    @TempDir
    static Path dir;
    private static Snmpd snmpd;
    private static SnmpSession session;
    private static SnmpCheckType type;

    @BeforeAll
    static void startAgent() throws Exception {
        assumeTrue(Snmpd.installed(), "Debian's snmpd is not installed");
        snmpd = new Snmpd(dir);
        session = new SnmpSession();
        type = new SnmpCheckType(session);
        awaitAnswer(snmpd);
    }

    @AfterAll
    static void stopAgent() throws Exception {
        if (snmpd != null) snmpd.close();
        if (session != null) session.destroy();
    }

    private static void awaitAnswer(Snmpd agent) throws InterruptedException {
        Prober p = type.prepare(1, v2c(agent, 1));
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        ProbeResult r;
        do {
            r = p.probe(Duration.ofMillis(300));
        } while (r.message().startsWith("No answer") && System.nanoTime() < deadline);
        assertThat(r.message()).as("snmpd answers").doesNotStartWith("No answer");
    }

    private static Map<String, Object> v2c(Snmpd agent, Object iface, Object... more) {
        Map<String, Object> t = new HashMap<>(Map.of("host", "127.0.0.1", "port", agent.port, "community", Snmpd.COMMUNITY, "interface", iface));
        for (int i = 0; i < more.length; i += 2) t.put((String) more[i], more[i + 1]);
        return normalised(t);
    }

    private static Map<String, Object> normalised(Map<String, Object> t) {
        List<FieldError> errors = new ArrayList<>();
        Map<String, Object> out = type.normalise(t, errors);
        assertThat(errors).isEmpty();
        return out;
    }

    @Test
    void byNameTheFirstRunIsUpWithoutRatesThenTrafficGivesRatesAndUtilisation() throws Exception {
        Prober p = type.prepare(1, v2c(snmpd, "lo", "maxUtilisationPercent", 1));
        ProbeResult first = p.probe(TIMEOUT);
        assertThat(first.state()).as(first.message()).isEqualTo("up");
        assertThat(first.message()).contains("first reading");
        assertThat(first.values()).containsEntry("ifIndex", 1).containsEntry("ifName", "lo").containsEntry("operStatus", "up")
            .doesNotContainKey("inBps");

        // loopback traffic well above 1% of lo's reported 10 Mbit/s; the agent refreshes its counters every few
        // seconds, so run until a run sees them move (with a deadline)
        ProbeResult busy = withTraffic(() -> until(p, r -> r.values().get("inBps") instanceof Long bps && bps > 0, Duration.ofSeconds(20)));
        assertThat(busy.state()).as(busy.message()).isEqualTo("degraded");
        assertThat((Double) busy.values().get("utilisationPercent")).isGreaterThan(1.0);
        assertThat(busy.values()).containsKeys("outBps", "inErrorsPerSec", "outErrorsPerSec", "inDiscardsPerSec", "outDiscardsPerSec");
        assertThat(busy.message()).contains("busier than 1%");
    }

    @Test
    void byIfIndexAndByV3WithAuthenticationAndPrivacy() {
        ProbeResult byIndex = type.prepare(2, v2c(snmpd, 1)).probe(TIMEOUT);
        assertThat(byIndex.state()).as(byIndex.message()).isEqualTo("up");
        assertThat(byIndex.values()).containsEntry("ifName", "lo");

        Map<String, Object> v3 = normalised(new HashMap<>(Map.of("host", "127.0.0.1", "port", snmpd.port, "version", "3",
            "user", Snmpd.USER, "authProtocol", "SHA-256", "authPassword", Snmpd.AUTH_PASSWORD, "privProtocol", "AES",
            "privPassword", Snmpd.PRIV_PASSWORD, "interface", "lo")));
        ProbeResult secure = type.prepare(3, v3).probe(TIMEOUT);
        assertThat(secure.state()).as(secure.message()).isEqualTo("up");
        assertThat(secure.values()).containsEntry("ifIndex", 1);

        Map<String, Object> wrong = new HashMap<>(v3);
        wrong.put("authPassword", "not-the-password");
        ProbeResult refused = type.prepare(4, wrong).probe(TIMEOUT);
        assertThat(refused.state()).isEqualTo("down");
        assertThat(refused.message()).doesNotContain("not-the-password").doesNotContain(Snmpd.PRIV_PASSWORD);
    }

    @Test
    void aDownInterfaceAMissingOneAndAWrongCommunityAreDown() throws IOException {
        String downIf = null;
        for (String name : List.of("ifb0", "ifb1", "dummy0")) {
            Path state = Path.of("/sys/class/net", name, "operstate");
            if (Files.exists(state) && Files.readString(state).strip().equals("down")) downIf = name;
        }
        if (downIf != null) {
            ProbeResult r = type.prepare(5, v2c(snmpd, downIf)).probe(TIMEOUT);
            assertThat(r.state()).as(r.message()).isEqualTo("down");
            assertThat(r.values()).containsEntry("operStatus", "down");
            assertThat(r.message()).isEqualTo("Interface " + downIf + " is down");
        }

        ProbeResult missing = type.prepare(6, v2c(snmpd, "no-such-if0")).probe(TIMEOUT);
        assertThat(missing.state()).isEqualTo("down");
        assertThat(missing.message()).isEqualTo("The agent has no interface named no-such-if0");

        Map<String, Object> wrongCommunity = new HashMap<>(v2c(snmpd, 1));
        wrongCommunity.put("community", "not-the-community");
        long start = System.nanoTime();
        ProbeResult silent = type.prepare(7, wrongCommunity).probe(Duration.ofMillis(800));
        assertThat(silent.state()).isEqualTo("down");
        assertThat(silent.message()).startsWith("No answer from 127.0.0.1:" + snmpd.port).doesNotContain("not-the-community");
        assertThat((System.nanoTime() - start) / 1_000_000).isLessThan(3000);
    }

    @Test
    void anAgentRestartGivesNoRateThatRun() throws Exception {
        try (Snmpd own = new Snmpd(Files.createDirectories(dir.resolve("restart")))) {
            awaitAnswer(own);
            Prober p = type.prepare(8, v2c(own, "lo"));
            // run until this agent has been up for longer than a fresh start will be when it first answers
            until(p, r -> r.values().containsKey("inBps") && own.upMillis() > 3000, Duration.ofSeconds(10));
            own.restart();
            ProbeResult after = until(p, r -> !r.message().startsWith("No answer"), Duration.ofSeconds(15));
            assertThat(after.state()).as(after.message()).isEqualTo("up");
            assertThat(after.message()).contains("restarted");
            assertThat(after.values()).doesNotContainKey("inBps");
            ProbeResult next = p.probe(TIMEOUT);
            assertThat(next.values()).containsKey("inBps");
        }
    }

    private static ProbeResult until(Prober p, Predicate<ProbeResult> done, Duration within) {
        long deadline = System.nanoTime() + within.toNanos();
        ProbeResult r;
        while (true) {
            r = p.probe(TIMEOUT);
            if (done.test(r) || System.nanoTime() > deadline) break;
            try {
                Thread.sleep(100); // the polling interval
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        }
        assertThat(done.test(r)).as("within " + within + ", last: " + r.message()).isTrue();
        return r;
    }

    /** Runs {@code body} while another thread sends UDP datagrams over the loopback as fast as it may. */
    private static <T> T withTraffic(java.util.concurrent.Callable<T> body) throws Exception {
        try (DatagramSocket sink = new DatagramSocket(0, InetAddress.getLoopbackAddress());
             DatagramSocket source = new DatagramSocket()) {
            byte[] data = new byte[60_000];
            DatagramPacket packet = new DatagramPacket(data, data.length, InetAddress.getLoopbackAddress(), sink.getLocalPort());
            Thread sender = Thread.ofPlatform().daemon().start(() -> {
                while (!Thread.currentThread().isInterrupted()) {
                    try {
                        source.send(packet);
                        Thread.sleep(1);
                    } catch (IOException | InterruptedException e) {
                        return;
                    }
                }
            });
            try {
                return body.call();
            } finally {
                sender.interrupt();
                sender.join(2000);
            }
        }
    }
}
