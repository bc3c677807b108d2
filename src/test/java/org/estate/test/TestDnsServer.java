package org.estate.test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.SocketException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;

/**
 * A tiny authoritative DNS server over UDP on 127.0.0.1, answering from records a test gives it
 * (dnsjava's {@link Message}): the records of the asked name and type; NXDOMAIN for a name it has
 * no records for; SERVFAIL for names marked failing; silence for names marked silent (a timeout).
 */
public final class TestDnsServer implements AutoCloseable {

    private final DatagramSocket socket;
    private final Map<Name, List<Record>> records = new ConcurrentHashMap<>();
    private final Set<Name> failing = ConcurrentHashMap.newKeySet();
    private final Set<Name> silent = ConcurrentHashMap.newKeySet();
    private final AtomicInteger queries = new AtomicInteger();
    private final Thread thread;

    public TestDnsServer() {
        try {
            socket = new DatagramSocket(0, InetAddress.getLoopbackAddress());
        } catch (SocketException e) {
            throw new UncheckedIOException(e);
        }
        thread = Thread.ofVirtual().name("test-dns").start(this::serve);
    }

    /** {@code 127.0.0.1:<port>}, as a {@code dns} check's resolver. */
    public String address() {
        return "127.0.0.1:" + socket.getLocalPort();
    }

    public TestDnsServer add(Record r) {
        records.computeIfAbsent(r.getName(), k -> new ArrayList<>()).add(r);
        return this;
    }

    public TestDnsServer failing(String name) {
        failing.add(Name.fromConstantString(name));
        return this;
    }

    public TestDnsServer silent(String name) {
        silent.add(Name.fromConstantString(name));
        return this;
    }

    /** Queries received so far. */
    public int queries() {
        return queries.get();
    }

    private void serve() {
        byte[] buffer = new byte[4096];
        while (!socket.isClosed()) {
            try {
                DatagramPacket in = new DatagramPacket(buffer, buffer.length);
                socket.receive(in);
                queries.incrementAndGet();
                Message query = new Message(java.util.Arrays.copyOf(in.getData(), in.getLength()));
                Record question = query.getQuestion();
                if (silent.contains(question.getName())) {
                    continue;
                }
                Message answer = new Message(query.getHeader().getID());
                answer.getHeader().setFlag(Flags.QR);
                answer.getHeader().setFlag(Flags.AA);
                answer.addRecord(question, Section.QUESTION);
                List<Record> known = records.get(question.getName());
                if (failing.contains(question.getName())) {
                    answer.getHeader().setRcode(Rcode.SERVFAIL);
                } else if (known == null) {
                    answer.getHeader().setRcode(Rcode.NXDOMAIN);
                } else {
                    known.stream().filter(r -> r.getType() == question.getType()).forEach(r -> answer.addRecord(r, Section.ANSWER));
                }
                byte[] out = answer.toWire(512);
                socket.send(new DatagramPacket(out, out.length, in.getSocketAddress()));
            } catch (IOException e) {
                if (socket.isClosed()) {
                    return;
                }
            }
        }
    }

    @Override
    public void close() {
        socket.close();
        try {
            thread.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
