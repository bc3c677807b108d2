package org.estate.monitoring.internal.heartbeat;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.estate.monitoring.internal.probe.CheckType;
import org.estate.monitoring.internal.probe.ProbeResult;
import org.estate.monitoring.internal.probe.Prober;
import org.estate.platform.ValidationException.FieldError;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The {@code heartbeat} check: a backup job or cron calls the check's secret ping URL; the check is
 * judged at each run from the last ping ({@code mon_heartbeat_ping}): a failure when none has come
 * within {@code periodSeconds + graceSeconds} (of the last ping, or of the check's creation before
 * the first), or when the last ping was to {@code /fail}.
 */
@Component
class HeartbeatType implements CheckType {

    static final int MIN_PERIOD = 10;
    static final int MAX_PERIOD = 31 * 24 * 3600;
    static final int MAX_GRACE = 7 * 24 * 3600;
    static final int DEFAULT_GRACE = 60;

    private final JdbcClient jdbc;
    private final Clock clock;

    HeartbeatType(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    @Override
    public String key() {
        return "heartbeat";
    }

    @Override
    public int defaultFailureThreshold() {
        return 1;
    }

    @Override
    public Set<String> secretFields() {
        return Set.of();
    }

    @Override
    public Map<String, Object> normalise(Map<String, Object> target, List<FieldError> errors) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (String key : target.keySet()) {
            if (!key.equals("periodSeconds") && !key.equals("graceSeconds")) {
                errors.add(new FieldError("target." + key, "A heartbeat check has no '" + key + "': give periodSeconds and graceSeconds"));
            }
        }
        Integer period = whole(target.get("periodSeconds"));
        if (period == null || period < MIN_PERIOD || period > MAX_PERIOD) {
            errors.add(new FieldError("target.periodSeconds",
                "Enter how often the job pings, in seconds: a whole number from " + MIN_PERIOD + " to " + MAX_PERIOD));
        } else {
            out.put("periodSeconds", period);
        }
        Object g = target.get("graceSeconds");
        Integer grace = g == null ? Integer.valueOf(DEFAULT_GRACE) : whole(g);
        if (grace == null || grace < 0 || grace > MAX_GRACE) {
            errors.add(new FieldError("target.graceSeconds", "Enter the grace in seconds: a whole number from 0 to " + MAX_GRACE));
        } else {
            out.put("graceSeconds", grace);
        }
        return out;
    }

    private static Integer whole(Object v) {
        if (v instanceof Integer i) {
            return i;
        }
        if (v instanceof Long l && Math.abs(l) <= Integer.MAX_VALUE) {
            return l.intValue();
        }
        if (v instanceof BigDecimal d) {
            try {
                return d.intValueExact();
            } catch (ArithmeticException e) {
                return null;
            }
        }
        return null;
    }

    @Override
    public Prober prepare(long checkId, Map<String, Object> target) {
        long period = ((Number) target.getOrDefault("periodSeconds", 3600)).longValue();
        long grace = ((Number) target.getOrDefault("graceSeconds", DEFAULT_GRACE)).longValue();
        return timeout -> judge(checkId, period, grace);
    }

    private ProbeResult judge(long checkId, long period, long grace) {
        record Last(Instant created, Instant at, Boolean ok) {
        }
        var last = jdbc.sql("SELECT c.created_at, p.at, p.ok FROM mon_check c LEFT JOIN mon_heartbeat_ping p ON p.check_id = c.id WHERE c.id = ?")
            .param(checkId).query((rs, n) -> {
                Timestamp at = rs.getTimestamp(2);
                boolean ok = rs.getBoolean(3);
                return new Last(rs.getTimestamp(1).toInstant(), at == null ? null : at.toInstant(), at == null ? null : ok);
            }).optional();
        if (last.isEmpty()) {
            return ProbeResult.down(0, "The check no longer exists", Map.of());
        }
        Instant now = clock.instant();
        Last l = last.get();
        Instant base = l.at() != null ? l.at() : l.created();
        Map<String, Object> values = new LinkedHashMap<>();
        if (l.at() != null) {
            values.put("lastPingAt", l.at().toString());
        }
        if (now.isAfter(base.plusSeconds(period + grace))) {
            String since = l.at() == null ? "No ping since the check was made at " + base : "No ping since " + base;
            return ProbeResult.down(0, since + " (expected every " + period + " s, with " + grace + " s grace)", values);
        }
        if (l.at() != null && !l.ok()) {
            return ProbeResult.down(0, "The last ping, at " + l.at() + ", reported a failure", values);
        }
        return ProbeResult.up(0, l.at() == null ? "Waiting for the first ping" : "Last ping at " + l.at(), values);
    }
}
