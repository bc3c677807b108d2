package org.estate.monitoring.internal.probe.net;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.Map;

import org.estate.monitoring.internal.probe.ProbeResult;
import org.estate.test.Nginx;
import org.junit.jupiter.api.Test;

/** The {@code tcp} check against a listening socket, a closed port and a name that does not exist. */
class TcpProbeTests {

    final TcpCheckType tcp = new TcpCheckType();

    ProbeResult probe(String host, int port) {
        return tcp.prepare(1, Map.of("host", host, "port", port)).probe(Duration.ofSeconds(3));
    }

    @Test
    void upWhenSomethingListens() throws IOException {
        try (ServerSocket listening = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            ProbeResult r = probe("127.0.0.1", listening.getLocalPort());
            assertThat(r.state()).as(r.message()).isEqualTo("up");
            assertThat(r.message()).startsWith("Connected to 127.0.0.1:" + listening.getLocalPort() + " in ");
            assertThat(r.latencyMs()).isBetween(0L, 3000L);
        }
    }

    @Test
    void downWhenRefused() {
        int closed = Nginx.closedPort();
        ProbeResult r = probe("127.0.0.1", closed);
        assertThat(r.state()).isEqualTo("down");
        assertThat(r.ok()).isFalse();
        assertThat(r.message()).startsWith("Connection to 127.0.0.1:" + closed + " refused");
    }

    @Test
    void aConnectionThatMetItselfIsNotAListener() throws IOException {
        int free = Nginx.closedPort();
        InetSocketAddress self = new InetSocketAddress(InetAddress.getLoopbackAddress(), free);
        try (Socket s = new Socket()) {
            s.setReuseAddress(true);
            s.bind(self);
            s.connect(self, 2000);
            assertThat(TcpCheckType.selfConnected(s)).as("TCP simultaneous open to its own port").isTrue();
        }
        try (ServerSocket listening = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
             Socket s = new Socket()) {
            s.connect(listening.getLocalSocketAddress(), 2000);
            assertThat(TcpCheckType.selfConnected(s)).isFalse();
        }
    }

    @Test
    void downWhenTheNameDoesNotExist() {
        ProbeResult r = probe("no-such-host.invalid", 80);
        assertThat(r.state()).isEqualTo("down");
        assertThat(r.message()).isEqualTo("Cannot find the host no-such-host.invalid (no such name in DNS)");
    }
}
