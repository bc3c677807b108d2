package org.estate.monitoring.internal.probe.sys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.estate.monitoring.internal.probe.ProbeResult;
import org.estate.platform.ValidationException.FieldError;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The ping check: target rules, the loss rules, and real ICMP echo through both kinds of socket. */
class PingCheckTypeTests {

    private static final Path RANGE = Path.of("/proc/sys/net/ipv4/ping_group_range");
    private static IcmpSupport support;

    @BeforeAll
    static void open() {
        support = new IcmpSupport();
    }

    @AfterAll
    static void close() {
        support.destroy();
    }

    @Test
    void normaliseFillsDefaultsAndRefusesWhatIsOutOfRange() {
        PingCheckType type = new PingCheckType(support);
        List<FieldError> errors = new ArrayList<>();
        assertThat(type.normalise(Map.of("host", " 127.0.0.1 "), errors))
            .containsEntry("host", "127.0.0.1").containsEntry("count", 3).containsEntry("maxLossPercent", 50);
        assertThat(errors).isEmpty();

        Map<String, Object> bad = new HashMap<>();
        bad.put("host", "not a host");
        bad.put("count", 21);
        bad.put("maxLossPercent", -1);
        bad.put("port", 7);
        type.normalise(bad, errors);
        assertThat(errors).extracting(FieldError::field)
            .containsExactlyInAnyOrder("target.host", "target.count", "target.maxLossPercent", "target.port");

        errors.clear();
        type.normalise(Map.of("count", "2.5"), errors);
        assertThat(errors).extracting(FieldError::field).containsExactlyInAnyOrder("target.host", "target.count");
    }

    @Test
    void lossDecidesTheState() {
        IcmpEcho.Outcome all = new IcmpEcho.Outcome(3, 3, List.of(1.0, 2.0, 3.0));
        ProbeResult up = PingCheckType.judge("h", all, 50, 10);
        assertThat(up.state()).isEqualTo("up");
        assertThat(up.values()).containsEntry("lossPercent", 0).containsEntry("rttMinMs", 1.0).containsEntry("rttAvgMs", 2.0).containsEntry("rttMaxMs", 3.0);
        assertThat(up.latencyMs()).isEqualTo(2);

        ProbeResult some = PingCheckType.judge("h", new IcmpEcho.Outcome(3, 2, List.of(1.0, 2.0)), 50, 10);
        assertThat(some.state()).isEqualTo("degraded");
        assertThat(some.values()).containsEntry("lossPercent", 33);

        ProbeResult tooMany = PingCheckType.judge("h", new IcmpEcho.Outcome(3, 1, List.of(1.0)), 50, 10);
        assertThat(tooMany.state()).isEqualTo("down");
        assertThat(tooMany.ok()).isFalse();

        ProbeResult none = PingCheckType.judge("h", new IcmpEcho.Outcome(3, 0, List.of()), 100, 10);
        assertThat(none.state()).isEqualTo("down");
        assertThat(none.values()).containsEntry("lossPercent", 100);
    }

    @Test
    void withoutEitherSocketEveryPingCheckIsDownAndSaysHowToFixIt() {
        LibC refusing = (LibC) java.lang.reflect.Proxy.newProxyInstance(LibC.class.getClassLoader(), new Class<?>[] {LibC.class},
            (proxy, method, args) -> switch (method.getName()) {
                case "socket" -> -1;
                case "getegid" -> 1000;
                case "strerror" -> "Operation not permitted";
                default -> throw new AssertionError("not expected: " + method.getName());
            });
        IcmpSupport none = new IcmpSupport(refusing);
        assertThat(none.available()).isFalse();
        assertThat(none.socketKind()).isEmpty();
        assertThat(none.reason()).get().asString()
            .contains("ping_group_range").contains("group 1000").contains("CAP_NET_RAW").contains("Operation not permitted");
        ProbeResult r = new PingCheckType(none).prepare(1, Map.of("host", "127.0.0.1", "count", 1, "maxLossPercent", 0)).probe(Duration.ofSeconds(1));
        assertThat(r.state()).isEqualTo("down");
        assertThat(r.message()).isEqualTo(none.reason().get());

        IcmpSupport noLibrary = new IcmpSupport(null);
        assertThat(noLibrary.available()).isFalse();
        assertThat(noLibrary.reason()).get().asString().contains("C library");
    }

    @Test
    void theCheckPingsTheLoopbackForReal() {
        assumeTrue(support.available(), () -> support.reason().orElse(""));
        assertThat(support.socketKind()).get().isIn("datagram", "raw");
        ProbeResult r = new PingCheckType(support).prepare(1, Map.of("host", "127.0.0.1", "count", 3, "maxLossPercent", 0))
            .probe(Duration.ofSeconds(3));
        assertThat(r.state()).as(r.message()).isEqualTo("up");
        assertThat(r.values()).containsEntry("sent", 3).containsEntry("received", 3);
        assertThat((Double) r.values().get("rttAvgMs")).isPositive().isLessThan(1000.0);
    }

    @Test
    void aRawSocketEchoesAndCountsABlackHoleAsLoss() throws Exception {
        LibC c = LibC.load();
        IcmpEcho raw;
        try {
            raw = IcmpEcho.open(c, IcmpEcho.Kind.RAW);
        } catch (IOException e) {
            assumeTrue(false, "no raw socket here (needs root or CAP_NET_RAW): " + e.getMessage());
            return;
        }
        try (raw) {
            assertEchoAndLoss(raw);
        }
    }

    @Test
    void anUnprivilegedDatagramSocketEchoes() throws Exception {
        String before = IcmpSupport.pingGroupRange().orElseThrow();
        assertThat(before).matches("\\d+ \\d+"); // both numbers, or the restore below would write a half value
        boolean widened = false;
        try {
            if (!groupInRange(before)) {
                try {
                    Files.writeString(RANGE, "0 2147483647");
                    widened = true;
                } catch (IOException e) {
                    assumeTrue(false, "ping_group_range " + before + " excludes this group and cannot be changed here");
                }
            }
            try (IcmpEcho dgram = IcmpEcho.open(LibC.load(), IcmpEcho.Kind.DATAGRAM)) {
                assertEchoAndLoss(dgram);
            }
        } finally {
            if (widened) Files.writeString(RANGE, before);
        }
        assertThat(IcmpSupport.pingGroupRange()).contains(before);
    }

    private static void assertEchoAndLoss(IcmpEcho echo) throws Exception {
        IcmpEcho.Outcome o = echo.echo((Inet4Address) InetAddress.getByName("127.0.0.1"), 4, Duration.ofSeconds(3));
        assertThat(o.sent()).isEqualTo(4);
        assertThat(o.received()).isEqualTo(4);
        assertThat(o.rttMs()).allSatisfy(ms -> assertThat(ms).isPositive().isLessThan(1000.0));

        // TEST-NET-2 (RFC 5737) is for documentation only and never routed, so nothing answers it
        // (not TEST-NET-1: on these machines 192.0.2.1 is the gateway, and it answers)
        long start = System.nanoTime();
        IcmpEcho.Outcome lost = echo.echo((Inet4Address) InetAddress.getByName("198.51.100.1"), 2, Duration.ofMillis(300));
        assertThat(lost.sent()).isEqualTo(2);
        assertThat(lost.received()).isZero();
        assertThat((System.nanoTime() - start) / 1_000_000).isLessThan(1500);
    }

    private static boolean groupInRange(String range) {
        String[] p = range.split("\\s+");
        long gid = LibC.load().getegid();
        return p.length == 2 && Long.parseLong(p[0]) <= gid && gid <= Long.parseLong(p[1]);
    }
}
