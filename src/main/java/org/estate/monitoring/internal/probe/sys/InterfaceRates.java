package org.estate.monitoring.internal.probe.sys;

/**
 * Rates from two readings of one interface's counters: bits per second from the 64-bit octet
 * counters (a wrap past 2^64 is just arithmetic modulo 2^64), errors and discards per second from
 * the 32-bit counters (modulo 2^32). No rate on the first reading, when the agent restarted
 * ({@code sysUpTime} went back), or when a 64-bit counter went back (a reset), so a restart never
 * shows as a spike.
 */
final class InterfaceRates {

    private InterfaceRates() {
    }

    /** One reading: when (monotonic nanoseconds), the agent's sysUpTime (hundredths of a second), and the counters as the agent gave them. */
    record Reading(long atNanos, long uptimeTicks, long inOctets, long outOctets,
                   long inErrors, long outErrors, long inDiscards, long outDiscards) {
    }

    /** Rates, or {@code why} there are none this run. */
    record Rates(double inBps, double outBps, double inErrorsPerSec, double outErrorsPerSec,
                 double inDiscardsPerSec, double outDiscardsPerSec, String why) {

        static Rates none(String why) {
            return new Rates(0, 0, 0, 0, 0, 0, why);
        }

        boolean known() {
            return why == null;
        }
    }

    static Rates between(Reading before, Reading now) {
        if (before == null) {
            return Rates.none("first reading; rates from the next run");
        }
        if (Long.compareUnsigned(now.uptimeTicks(), before.uptimeTicks()) < 0) {
            return Rates.none("the agent restarted (its uptime went back); rates from the next run");
        }
        double seconds = (now.atNanos() - before.atNanos()) / 1e9;
        if (seconds <= 0) {
            return Rates.none("no time passed since the last reading");
        }
        long in = now.inOctets() - before.inOctets(); // modulo 2^64: a wrap gives the true increase
        long out = now.outOctets() - before.outOctets();
        if (in < 0 || out < 0) {
            // an increase above 2^63 octets between two runs cannot happen: the counter was reset
            return Rates.none("a traffic counter went back (reset); rates from the next run");
        }
        return new Rates(in * 8 / seconds, out * 8 / seconds,
            delta32(now.inErrors(), before.inErrors()) / seconds, delta32(now.outErrors(), before.outErrors()) / seconds,
            delta32(now.inDiscards(), before.inDiscards()) / seconds, delta32(now.outDiscards(), before.outDiscards()) / seconds,
            null);
    }

    /** The increase of a Counter32, wrapping at 2^32. */
    static long delta32(long now, long before) {
        return (now - before) & 0xffffffffL;
    }

    /** The busier direction as a percentage of the interface's speed, or null when the speed is unknown (0). */
    static Double utilisationPercent(Rates r, long speedMbps) {
        if (!r.known() || speedMbps <= 0) return null;
        return Math.max(r.inBps(), r.outBps()) * 100 / (speedMbps * 1_000_000.0);
    }
}
