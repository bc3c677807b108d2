package org.estate.monitoring.internal.probe.sys;

import java.io.IOException;
import java.net.Inet4Address;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

import com.sun.jna.Memory;
import com.sun.jna.Native;

/**
 * ICMP echo over one socket shared by every ping check: an unprivileged ICMP datagram socket or a
 * raw one. One platform thread receives every reply and hands it to the waiting check by the
 * payload (a per-socket mark and a per-echo token), so checks wait on virtual threads without
 * pinning a carrier in native code, and the kernel's rewriting of a datagram socket's identifier
 * does not matter. IPv4 only.
 */
final class IcmpEcho implements AutoCloseable {

    /** Which socket: {@code datagram} needs {@code ping_group_range} to include the group, {@code raw} needs root or CAP_NET_RAW. */
    enum Kind { DATAGRAM, RAW }

    /** What one series of echoes found: round trips in milliseconds of those answered. */
    record Outcome(int sent, int received, List<Double> rttMs) {
    }

    private static final int PAYLOAD = 24;

    private final LibC c;
    private final Kind kind;
    private final int fd;
    private final long mark = ThreadLocalRandom.current().nextLong();
    private final short identifier = (short) ThreadLocalRandom.current().nextInt();
    private final AtomicLong tokens = new AtomicLong(ThreadLocalRandom.current().nextInt() & 0xffffL);
    private final Map<Long, Series> waiting = new ConcurrentHashMap<>();
    private final Thread receiver;
    private volatile boolean open = true;

    private IcmpEcho(LibC c, Kind kind, int fd) {
        this.c = c;
        this.kind = kind;
        this.fd = fd;
        this.receiver = Thread.ofPlatform().daemon().name("estate-icmp-" + kind.name().toLowerCase()).unstarted(this::receive);
    }

    /** Opens a socket of this kind and starts receiving; an {@link IOException} says why not (the C library's words). */
    static IcmpEcho open(LibC c, Kind kind) throws IOException {
        int fd = c.socket(LibC.AF_INET, kind == Kind.RAW ? LibC.SOCK_RAW : LibC.SOCK_DGRAM, LibC.IPPROTO_ICMP);
        if (fd < 0) {
            int errno = Native.getLastError();
            throw new IOException(c.strerror(errno) + " (errno " + errno + ")");
        }
        if (kind == Kind.RAW) {
            // a raw socket sees every ICMP message to the host: let the kernel drop all but echo replies (type 0)
            Memory filter = new Memory(4);
            filter.setInt(0, ~1);
            c.setsockopt(fd, LibC.SOL_RAW, LibC.ICMP_FILTER, filter, 4);
        }
        IcmpEcho echo = new IcmpEcho(c, kind, fd);
        echo.receiver.start();
        return echo;
    }

    Kind kind() {
        return kind;
    }

    /**
     * Sends {@code count} echo requests one after another, each as soon as the one before is
     * answered or has had its share of {@code timeout}; a reply to an earlier one still counts
     * while a later one waits. Returns within {@code timeout}.
     */
    Outcome echo(Inet4Address to, int count, Duration timeout) throws InterruptedException {
        long start = System.nanoTime();
        long end = start + timeout.toNanos();
        long share = timeout.toNanos() / count;
        Series series = new Series(count);
        List<Long> mine = new ArrayList<>(count);
        byte[] address = sockaddr(to);
        try {
            for (int i = 0; i < count; i++) {
                long token = tokens.incrementAndGet();
                mine.add(token);
                series.tokenOf[i] = token; // before the map publishes the series to the receiving thread
                waiting.put(token, series);
                byte[] packet = request(token);
                series.sentAt[i] = System.nanoTime();
                long n = c.sendto(fd, packet, packet.length, LibC.MSG_DONTWAIT, address, address.length);
                series.sent++;
                if (n < 0) {
                    continue; // not sent (no route, buffer full): lost
                }
                series.awaitReply(i, Math.min(series.sentAt[i] + share, end));
            }
        } finally {
            mine.forEach(waiting::remove);
        }
        return series.outcome();
    }

    private byte[] request(long token) {
        byte[] p = new byte[8 + PAYLOAD];
        p[0] = 8; // echo request
        p[4] = (byte) (identifier >> 8);
        p[5] = (byte) identifier;
        p[6] = (byte) (token >> 8);
        p[7] = (byte) token;
        putLong(p, 8, mark);
        putLong(p, 16, token);
        int sum = checksum(p);
        p[2] = (byte) (sum >> 8);
        p[3] = (byte) sum;
        return p;
    }

    static int checksum(byte[] p) {
        long sum = 0;
        for (int i = 0; i + 1 < p.length; i += 2) sum += ((p[i] & 0xff) << 8) | (p[i + 1] & 0xff);
        if ((p.length & 1) == 1) sum += (p[p.length - 1] & 0xff) << 8;
        while ((sum >> 16) != 0) sum = (sum & 0xffff) + (sum >> 16);
        return (int) (~sum & 0xffff);
    }

    private static byte[] sockaddr(Inet4Address to) {
        byte[] a = new byte[16];
        // sa_family is in host byte order (little-endian on the machines Estate runs on); port 0; address as given
        a[0] = (byte) LibC.AF_INET;
        System.arraycopy(to.getAddress(), 0, a, 4, 4);
        return a;
    }

    private void receive() {
        Memory pollfd = new Memory(8);
        byte[] buf = new byte[1500];
        while (open) {
            pollfd.setInt(0, fd);
            pollfd.setShort(4, LibC.POLLIN);
            pollfd.setShort(6, (short) 0);
            int ready = c.poll(pollfd, 1, 500);
            if (ready <= 0) continue;
            while (open) {
                long n = c.recvfrom(fd, buf, buf.length, LibC.MSG_DONTWAIT, null, null);
                if (n <= 0) break;
                long at = System.nanoTime();
                accept(buf, (int) n, at);
            }
        }
    }

    private void accept(byte[] buf, int n, long at) {
        int off = 0;
        if (kind == Kind.RAW) {
            if (n < 20 || (buf[0] >> 4 & 0xf) != 4) return;
            off = (buf[0] & 0xf) * 4;
        }
        if (n - off < 8 + 16 || buf[off] != 0) return; // not an echo reply of ours
        if (getLong(buf, off + 8) != mark) return;
        long token = getLong(buf, off + 16);
        Series s = waiting.get(token);
        if (s != null) s.answered(token, at);
    }

    private static void putLong(byte[] b, int at, long v) {
        for (int i = 7; i >= 0; i--) {
            b[at + i] = (byte) v;
            v >>= 8;
        }
    }

    private static long getLong(byte[] b, int at) {
        long v = 0;
        for (int i = 0; i < 8; i++) v = (v << 8) | (b[at + i] & 0xff);
        return v;
    }

    @Override
    public void close() {
        open = false;
        try {
            receiver.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        c.close(fd);
    }

    /** One check's echoes: when each was sent and answered. */
    private static final class Series {
        final ReentrantLock lock = new ReentrantLock();
        final Condition changed = lock.newCondition();
        final long[] tokenOf;
        final long[] sentAt;
        final long[] answeredAt;
        int sent;

        Series(int count) {
            tokenOf = new long[count];
            sentAt = new long[count];
            answeredAt = new long[count];
        }

        void answered(long token, long at) {
            lock.lock();
            try {
                for (int i = 0; i < tokenOf.length; i++) {
                    if (tokenOf[i] == token && answeredAt[i] == 0) {
                        answeredAt[i] = at;
                        changed.signalAll();
                    }
                }
            } finally {
                lock.unlock();
            }
        }

        void awaitReply(int i, long until) throws InterruptedException {
            lock.lock();
            try {
                long left;
                while (answeredAt[i] == 0 && (left = until - System.nanoTime()) > 0) changed.awaitNanos(left);
            } finally {
                lock.unlock();
            }
        }

        Outcome outcome() {
            lock.lock();
            try {
                List<Double> rtts = new ArrayList<>();
                for (int i = 0; i < sent; i++) {
                    if (answeredAt[i] != 0) rtts.add((answeredAt[i] - sentAt[i]) / 1_000_000.0);
                }
                return new Outcome(sent, rtts.size(), rtts);
            } finally {
                lock.unlock();
            }
        }
    }
}
