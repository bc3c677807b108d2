package org.estate.monitoring.internal.probe.sys;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * Debian's snmpd, started by a test as a child process with its own configuration on a free
 * 127.0.0.1 UDP port: a v2c community and a v3 user (SHA-256 and AES), persistent files in the
 * test's folder. {@link #restart()} stops it and starts it again on the same port (its uptime
 * starts again from zero).
 */
final class Snmpd implements AutoCloseable {

    static final String SNMPD = "/usr/sbin/snmpd";
    static final String COMMUNITY = "estate-ro-community";
    static final String USER = "estatemon";
    static final String AUTH_PASSWORD = "auth-pass-123";
    static final String PRIV_PASSWORD = "priv-pass-123";

    final int port;
    private final Path dir;
    private Process process;
    private long startedAt;

    Snmpd(Path dir) throws IOException {
        this.dir = dir;
        try (DatagramSocket probe = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            port = probe.getLocalPort();
        }
        Files.writeString(dir.resolve("snmpd.conf"), String.join("\n",
            "rocommunity " + COMMUNITY + " 127.0.0.1",
            "createUser " + USER + " SHA-256 \"" + AUTH_PASSWORD + "\" AES \"" + PRIV_PASSWORD + "\"",
            "rouser " + USER + " priv", ""));
        start();
    }

    static boolean installed() {
        return Files.isExecutable(Path.of(SNMPD));
    }

    private void start() throws IOException {
        ProcessBuilder pb = new ProcessBuilder(SNMPD, "-f", "-Lo", "-C", "-c", dir.resolve("snmpd.conf").toString(),
            "udp:127.0.0.1:" + port);
        pb.environment().put("SNMP_PERSISTENT_DIR", dir.resolve("persist").toString());
        pb.environment().put("MIBS", ""); // the agent needs no MIB files; without this it prints pages of warnings
        pb.redirectErrorStream(true).redirectOutput(dir.resolve("snmpd.log").toFile());
        process = pb.start();
        startedAt = System.nanoTime();
    }

    /** How long since this process was started. */
    long upMillis() {
        return (System.nanoTime() - startedAt) / 1_000_000;
    }

    void restart() throws IOException, InterruptedException {
        stop();
        start();
    }

    private void stop() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroy();
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        }
    }

    @Override
    public void close() throws InterruptedException {
        stop();
    }
}
