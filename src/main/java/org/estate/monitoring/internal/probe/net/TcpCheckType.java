package org.estate.monitoring.internal.probe.net;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.estate.monitoring.internal.probe.CheckType;
import org.estate.monitoring.internal.probe.ProbeResult;
import org.estate.monitoring.internal.probe.Prober;
import org.estate.platform.ValidationException.FieldError;
import org.springframework.stereotype.Component;

/**
 * The {@code tcp} check: {@code up} when a TCP connection to the host and port opens within the
 * timeout (the latency is the time to connect), {@code down} when it is refused, unreachable or slow.
 * The connection is closed at once; nothing is sent.
 */
@Component
public class TcpCheckType implements CheckType {

    static final List<String> FIELDS = List.of("host", "port");

    @Override
    public String key() {
        return "tcp";
    }

    @Override
    public Set<String> secretFields() {
        return Set.of();
    }

    @Override
    public Map<String, Object> normalise(Map<String, Object> target, List<FieldError> errors) {
        TargetReader r = new TargetReader(target, errors, "tcp", FIELDS);
        r.put("host", r.host("host"));
        Integer port = r.integer("port", 1, 65535, null, "the port");
        if (port == null && !r.present("port")) {
            r.error("port", "Enter the port, from 1 to 65535");
        }
        r.put("port", port);
        return r.result();
    }

    @Override
    public Prober prepare(long checkId, Map<String, Object> target) {
        String host = (String) target.get("host");
        int port = ((Number) target.get("port")).intValue();
        String where = host + ":" + port;
        return timeout -> {
            long start = System.nanoTime();
            InetSocketAddress address = new InetSocketAddress(host, port);
            if (address.isUnresolved()) {
                return ProbeResult.down((System.nanoTime() - start) / 1_000_000, "Cannot find the host " + host + " (no such name in DNS)", Map.of());
            }
            int ms = (int) Math.max(1, timeout.toMillis() - (System.nanoTime() - start) / 1_000_000);
            long connectStart = System.nanoTime();
            try (Socket socket = new Socket()) {
                socket.connect(address, ms);
                long latency = (System.nanoTime() - connectStart) / 1_000_000;
                if (selfConnected(socket)) {
                    return ProbeResult.down(latency, "Nothing is listening on " + where
                        + " (the connection met itself: the system gave it the same port as its source)", Map.of());
                }
                return ProbeResult.up(latency, "Connected to " + where + " in " + latency + " ms", Map.of());
            } catch (IOException e) {
                return ProbeResult.down((System.nanoTime() - connectStart) / 1_000_000, NetFailures.describe(e, where, timeout), Map.of());
            }
        };
    }

    /**
     * A connection to a local port nobody listens on can meet itself when the system picks that
     * same port as its source (TCP simultaneous open): it opens, but no server is there.
     */
    static boolean selfConnected(Socket socket) {
        return socket.getLocalPort() == socket.getPort() && socket.getLocalAddress().equals(socket.getInetAddress());
    }
}
