package org.estate.monitoring.internal.probe.net;

import java.io.IOException;
import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.estate.monitoring.internal.probe.ProbeResult;
import org.estate.monitoring.internal.probe.Prober;
import org.xbill.DNS.AAAARecord;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Resolver;
import org.xbill.DNS.Section;
import org.xbill.DNS.TXTRecord;
import org.xbill.DNS.Type;

/**
 * One {@code dns} check, ready to run. Answers are written as people write them: addresses, names
 * without the final dot, {@code 10 mail.example.gov.uk} for MX, a TXT record's strings joined. An
 * expected value matches an answer ignoring case, spacing, quotes and final dots (TXT exactly; an
 * address as the same address however written).
 */
final class DnsProber implements Prober {

    private static final int MAX_ANSWERS = 20;

    private final String shownName;
    private final String typeName;
    private final Record question;
    private final int type;
    private final String resolverSetting;
    private final String expect;
    private Resolver resolver;

    DnsProber(String name, String typeName, String resolverSetting, String expect) {
        this.shownName = name;
        this.typeName = typeName;
        this.type = Type.value(typeName);
        this.question = (Record.newRecord(Name.fromConstantString(name.endsWith(".") ? name : name + "."), type, DClass.IN));
        this.resolverSetting = resolverSetting;
        this.expect = expect;
    }

    @Override
    public ProbeResult probe(Duration timeout) {
        long start = System.nanoTime();
        String server = resolverSetting == null ? "the system's resolver" : resolverSetting;
        try {
            if (resolver == null) {
                resolver = DnsResolvers.resolver(resolverSetting);
            }
            resolver.setTimeout(timeout);
            Message response = resolver.sendAsync(Message.newQuery(question)).toCompletableFuture()
                .get(Math.max(1, timeout.toNanos() - (System.nanoTime() - start)), TimeUnit.NANOSECONDS);
            return judge(response, (System.nanoTime() - start) / 1_000_000, server);
        } catch (TimeoutException e) {
            return ProbeResult.down(timeout.toMillis(), "No answer from " + server + " within " + timeout.toMillis() + " ms", Map.of());
        } catch (ExecutionException | IOException e) {
            Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
            String m = cause instanceof java.net.UnknownHostException ? "Cannot find the resolver " + server
                : cause instanceof IOException && String.valueOf(cause.getMessage()).toLowerCase(Locale.ROOT).contains("timed out")
                ? "No answer from " + server + " within " + timeout.toMillis() + " ms"
                : "Asking " + server + " failed: " + TargetReader.shown(String.valueOf(cause.getMessage()), 300);
            return ProbeResult.down((System.nanoTime() - start) / 1_000_000, m, Map.of());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return ProbeResult.down((System.nanoTime() - start) / 1_000_000, "The run was interrupted", Map.of());
        } catch (RuntimeException e) {
            return ProbeResult.down((System.nanoTime() - start) / 1_000_000, "Asking " + server + " failed: " + TargetReader.shown(String.valueOf(e.getMessage()), 300), Map.of());
        }
    }

    private ProbeResult judge(Message response, long ms, String server) {
        int rcode = response.getRcode();
        if (rcode == Rcode.NXDOMAIN) {
            return ProbeResult.down(ms, shownName + " does not exist (NXDOMAIN from " + server + ")", Map.of("rcode", "NXDOMAIN"));
        }
        if (rcode != Rcode.NOERROR) {
            return ProbeResult.down(ms, server + " answered " + Rcode.string(rcode) + " for " + shownName, Map.of("rcode", Rcode.string(rcode)));
        }
        List<String> answers = new ArrayList<>();
        List<Record> matching = new ArrayList<>();
        for (Record r : response.getSection(Section.ANSWER)) {
            if (r.getType() == type) {
                matching.add(r);
                if (answers.size() < MAX_ANSWERS) {
                    answers.add(TargetReader.shown(text(r), 255));
                }
            }
        }
        if (matching.isEmpty()) {
            return ProbeResult.down(ms, "No " + typeName + " record for " + shownName, Map.of("answers", List.of()));
        }
        Map<String, Object> values = Map.of("answers", answers);
        String listed = TargetReader.shown(String.join(", ", answers), 800);
        if (expect != null && matching.stream().noneMatch(this::matches)) {
            return ProbeResult.down(ms, TargetReader.shown("No " + typeName + " answer for " + shownName + " equals "
                + TargetReader.shown(expect, 100) + " (answers: " + listed + ")", 1000), values);
        }
        return ProbeResult.up(ms, TargetReader.shown(typeName + " " + shownName + ": " + listed, 1000), values);
    }

    static String text(Record r) {
        if (r instanceof ARecord a) {
            return a.getAddress().getHostAddress();
        }
        if (r instanceof AAAARecord a) {
            return ipv6(a.getAddress().getAddress());
        }
        if (r instanceof TXTRecord t) {
            return String.join("", t.getStrings());
        }
        return canonical(r.rdataToString(), false);
    }

    /** An IPv6 address as RFC 5952 writes it: lower-case hex, the longest run of zero groups as {@code ::}. */
    static String ipv6(byte[] a) {
        int[] g = new int[8];
        for (int i = 0; i < 8; i++) {
            g[i] = ((a[2 * i] & 0xff) << 8) | (a[2 * i + 1] & 0xff);
        }
        int bestStart = -1;
        int bestLength = 1;
        for (int i = 0; i < 8; ) {
            int j = i;
            while (j < 8 && g[j] == 0) {
                j++;
            }
            if (j - i > bestLength) {
                bestStart = i;
                bestLength = j - i;
            }
            i = j == i ? i + 1 : j;
        }
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                out.append("::");
                i += bestLength - 1;
                continue;
            }
            if (!out.isEmpty() && out.charAt(out.length() - 1) != ':') {
                out.append(':');
            }
            out.append(Integer.toHexString(g[i]));
        }
        return out.toString();
    }

    private boolean matches(Record r) {
        if (r instanceof ARecord a) {
            return sameAddress(a.getAddress(), expect);
        }
        if (r instanceof AAAARecord a) {
            return sameAddress(a.getAddress(), expect);
        }
        if (r instanceof TXTRecord) {
            return text(r).equals(expect);
        }
        return canonical(text(r), true).equals(canonical(expect, true));
    }

    private static boolean sameAddress(InetAddress answer, String expected) {
        String e = expected.strip();
        if (!Hosts.valid(e) || !(e.indexOf(':') >= 0 || e.matches("[0-9.]+"))) {
            return false;
        }
        byte[] literal = org.xbill.DNS.Address.toByteArray(e, e.indexOf(':') >= 0 ? org.xbill.DNS.Address.IPv6 : org.xbill.DNS.Address.IPv4);
        return literal != null && java.util.Arrays.equals(literal, answer.getAddress());
    }

    /** Spacing collapsed, final dots and quotes dropped, and (for comparing) lower case. */
    static String canonical(String s, boolean lower) {
        StringBuilder out = new StringBuilder();
        for (String token : s.strip().replace("\"", "").split("\\s+")) {
            if (token.length() > 1 && token.endsWith(".")) {
                token = token.substring(0, token.length() - 1);
            }
            out.append(out.isEmpty() ? "" : " ").append(lower ? token.toLowerCase(Locale.ROOT) : token);
        }
        return out.toString();
    }
}
