package org.estate.monitoring.internal.probe.sys;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * Whether this process can send ICMP echo, decided once at start: an unprivileged ICMP datagram
 * socket where {@code net.ipv4.ping_group_range} includes the process's group, else a raw socket
 * (root or {@code CAP_NET_RAW}). When neither opens, one WARN line says why and how to fix it, and
 * {@link #reason()} says the same for the check's page. Never falls back to TCP port 7.
 */
@Component
public class IcmpSupport implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(IcmpSupport.class);

    private final IcmpEcho echo;
    private final String reason;

    public IcmpSupport() {
        this(loadLibC());
    }

    private static LibC loadLibC() {
        try {
            return LibC.load();
        } catch (Throwable e) { // UnsatisfiedLinkError, NoClassDefFoundError: no C library JNA can load here
            log.debug("No C library for ICMP", e);
            return null;
        }
    }

    /** With this C library (null: none could be loaded). */
    IcmpSupport(LibC c) {
        IcmpEcho opened = null;
        String why = null;
        if (c == null) {
            why = "Estate cannot send ICMP echo (ping), so ping checks report down: the C library could not be loaded through JNA; ping needs Linux.";
        } else {
            String datagramError;
            try {
                opened = IcmpEcho.open(c, IcmpEcho.Kind.DATAGRAM);
                datagramError = null;
            } catch (IOException e) {
                datagramError = e.getMessage();
            }
            if (opened == null) {
                try {
                    opened = IcmpEcho.open(c, IcmpEcho.Kind.RAW);
                } catch (IOException rawError) {
                    int gid = c.getegid();
                    why = "Estate cannot send ICMP echo (ping), so ping checks report down: an ICMP datagram socket was refused ("
                        + datagramError + ") because net.ipv4.ping_group_range is \"" + pingGroupRange().orElse("unknown")
                        + "\", which does not include Estate's group " + gid + ", and a raw socket was refused (" + rawError.getMessage()
                        + ") because the process has neither root nor CAP_NET_RAW. Fix either: sysctl -w net.ipv4.ping_group_range=\"0 2147483647\""
                        + " (or a range including " + gid + ", kept in /etc/sysctl.d/), or give Estate CAP_NET_RAW"
                        + " (AmbientCapabilities=CAP_NET_RAW in its systemd unit, or setcap cap_net_raw+ep on the java binary).";
                }
            }
        }
        this.echo = opened;
        this.reason = why;
        if (why != null) {
            log.warn(why);
        } else {
            log.info("Ping checks send ICMP echo through an {} socket", opened.kind() == IcmpEcho.Kind.RAW ? "ICMP raw" : "unprivileged ICMP datagram");
        }
    }

    /** {@code net.ipv4.ping_group_range} as "low high", or empty where there is none to read. */
    static Optional<String> pingGroupRange() {
        try {
            // line by line: a single read of a /proc file (as Files.readString does) can stop after the first number
            return Optional.of(String.join(" ", Files.readAllLines(Path.of("/proc/sys/net/ipv4/ping_group_range"))).strip().replaceAll("\\s+", " "));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** True when ping checks can send ICMP echo. */
    public boolean available() {
        return echo != null;
    }

    /** Why ping checks cannot run and how to fix it; empty when they can. */
    public Optional<String> reason() {
        return Optional.ofNullable(reason);
    }

    /** {@code datagram} or {@code raw} when available, for the check's page. */
    public Optional<String> socketKind() {
        return echo == null ? Optional.empty() : Optional.of(echo.kind().name().toLowerCase());
    }

    /** The shared echo socket, or empty when none could be opened. */
    Optional<IcmpEcho> echo() {
        return Optional.ofNullable(echo);
    }

    @Override
    public void destroy() {
        if (echo != null) echo.close();
    }
}
