package org.estate.monitoring.internal.probe.sys;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.estate.monitoring.internal.probe.CheckType;
import org.estate.monitoring.internal.probe.ProbeResult;
import org.estate.monitoring.internal.probe.Prober;
import org.estate.platform.ValidationException.FieldError;
import org.springframework.stereotype.Component;

/**
 * The {@code ping} check: real ICMP echo (see {@link IcmpSupport}), {@code count} requests (1–20,
 * default 3). {@code up} when every echo is answered, {@code degraded} when some are lost but no
 * more than {@code maxLossPercent} (0–100, default 50), {@code down} above it or when none is
 * answered, or when this process cannot send ICMP at all (the message says why). IPv4.
 */
@Component
public class PingCheckType implements CheckType {

    static final int DEFAULT_COUNT = 3;
    static final int DEFAULT_MAX_LOSS = 50;

    private final IcmpSupport icmp;

    public PingCheckType(IcmpSupport icmp) {
        this.icmp = icmp;
    }

    @Override
    public String key() {
        return "ping";
    }

    @Override
    public Set<String> secretFields() {
        return Set.of();
    }

    @Override
    public Map<String, Object> normalise(Map<String, Object> target, List<FieldError> errors) {
        TargetReader r = new TargetReader(target, errors);
        r.host("host");
        r.integer("count", 1, 20, DEFAULT_COUNT, "the number of echo requests");
        r.integer("maxLossPercent", 0, 100, DEFAULT_MAX_LOSS, "the most loss to accept, in percent,");
        r.refuseUnknown();
        return r.out();
    }

    @Override
    public Prober prepare(long checkId, Map<String, Object> target) {
        String host = (String) target.get("host");
        int count = ((Number) target.getOrDefault("count", DEFAULT_COUNT)).intValue();
        int maxLoss = ((Number) target.getOrDefault("maxLossPercent", DEFAULT_MAX_LOSS)).intValue();
        return timeout -> probe(host, count, maxLoss, timeout);
    }

    private ProbeResult probe(String host, int count, int maxLoss, Duration timeout) {
        long start = System.nanoTime();
        if (icmp.echo().isEmpty()) {
            return ProbeResult.down(0, icmp.reason().orElse("ICMP echo is not available"), Map.of());
        }
        Inet4Address address;
        try {
            address = ipv4(host);
        } catch (UnknownHostException e) {
            return ProbeResult.down(ms(start), "Cannot resolve " + host + " to an IPv4 address", Map.of());
        }
        IcmpEcho.Outcome o;
        try {
            Duration left = timeout.minusNanos(System.nanoTime() - start); // name resolution took its part
            o = icmp.echo().get().echo(address, count, left.toMillis() < 1 ? Duration.ofMillis(1) : left);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return ProbeResult.down(ms(start), "Interrupted", Map.of());
        }
        return judge(host, o, maxLoss, ms(start));
    }

    /** The state for what the echoes found; public rules in the class comment. */
    static ProbeResult judge(String host, IcmpEcho.Outcome o, int maxLoss, long elapsedMs) {
        Map<String, Object> values = new LinkedHashMap<>();
        int loss = o.sent() == 0 ? 100 : (int) Math.round(100.0 * (o.sent() - o.received()) / o.sent());
        values.put("sent", o.sent());
        values.put("received", o.received());
        values.put("lossPercent", loss);
        if (o.received() == 0) {
            return ProbeResult.down(elapsedMs, "No answer from " + host + " to " + o.sent() + " echo requests", values);
        }
        double min = o.rttMs().stream().mapToDouble(d -> d).min().orElse(0);
        double max = o.rttMs().stream().mapToDouble(d -> d).max().orElse(0);
        double avg = o.rttMs().stream().mapToDouble(d -> d).average().orElse(0);
        values.put("rttMinMs", round(min));
        values.put("rttAvgMs", round(avg));
        values.put("rttMaxMs", round(max));
        long latency = Math.round(avg);
        String summary = o.received() + " of " + o.sent() + " answered (" + loss + "% loss), round trip min/avg/max "
            + round(min) + "/" + round(avg) + "/" + round(max) + " ms";
        if (loss > maxLoss) {
            return ProbeResult.down(latency, summary + ": loss above " + maxLoss + "%", values);
        }
        if (loss > 0) {
            return ProbeResult.degraded(latency, summary, values);
        }
        return ProbeResult.up(latency, summary, values);
    }

    private static Inet4Address ipv4(String host) throws UnknownHostException {
        for (InetAddress a : InetAddress.getAllByName(host)) {
            if (a instanceof Inet4Address v4) return v4;
        }
        throw new UnknownHostException(host);
    }

    private static double round(double ms) {
        return Math.round(ms * 1000) / 1000.0;
    }

    private static long ms(long start) {
        return (System.nanoTime() - start) / 1_000_000;
    }
}
