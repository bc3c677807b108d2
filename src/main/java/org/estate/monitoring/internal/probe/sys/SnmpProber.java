package org.estate.monitoring.internal.probe.sys;

import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.snmp4j.CommunityTarget;
import org.snmp4j.PDU;
import org.snmp4j.ScopedPDU;
import org.snmp4j.Target;
import org.snmp4j.UserTarget;
import org.snmp4j.event.ResponseEvent;
import org.snmp4j.mp.SnmpConstants;
import org.snmp4j.security.AuthHMAC128SHA224;
import org.snmp4j.security.AuthHMAC192SHA256;
import org.snmp4j.security.AuthHMAC256SHA384;
import org.snmp4j.security.AuthHMAC384SHA512;
import org.snmp4j.security.AuthMD5;
import org.snmp4j.security.AuthSHA;
import org.snmp4j.security.Priv3DES;
import org.snmp4j.security.PrivAES128;
import org.snmp4j.security.PrivAES192;
import org.snmp4j.security.PrivAES256;
import org.snmp4j.security.PrivDES;
import org.snmp4j.security.SecurityLevel;
import org.snmp4j.security.UsmUser;
import org.snmp4j.smi.OID;
import org.snmp4j.smi.OctetString;
import org.snmp4j.smi.UdpAddress;
import org.snmp4j.smi.Variable;
import org.snmp4j.smi.VariableBinding;

import org.estate.monitoring.internal.probe.ProbeResult;
import org.estate.monitoring.internal.probe.Prober;

/**
 * One SNMP check's runs. Keeps between runs what the next needs: the interface's ifIndex once
 * resolved from a name (walking ifName, then ifDescr; resolved again when the index stops naming
 * it), the agent's engine ID (v3), and the last counter reading, from which {@link InterfaceRates}
 * makes bits, errors and discards per second.
 */
final class SnmpProber implements Prober {

    static final OID SYS_UPTIME = new OID("1.3.6.1.2.1.1.3.0");
    static final OID IF_DESCR = new OID("1.3.6.1.2.1.2.2.1.2");
    static final OID IF_OPER_STATUS = new OID("1.3.6.1.2.1.2.2.1.8");
    static final OID IF_IN_DISCARDS = new OID("1.3.6.1.2.1.2.2.1.13");
    static final OID IF_IN_ERRORS = new OID("1.3.6.1.2.1.2.2.1.14");
    static final OID IF_OUT_DISCARDS = new OID("1.3.6.1.2.1.2.2.1.19");
    static final OID IF_OUT_ERRORS = new OID("1.3.6.1.2.1.2.2.1.20");
    static final OID IF_NAME = new OID("1.3.6.1.2.1.31.1.1.1.1");
    static final OID IF_HC_IN_OCTETS = new OID("1.3.6.1.2.1.31.1.1.1.6");
    static final OID IF_HC_OUT_OCTETS = new OID("1.3.6.1.2.1.31.1.1.1.10");
    static final OID IF_HIGH_SPEED = new OID("1.3.6.1.2.1.31.1.1.1.15");
    private static final String[] OPER = {"", "up", "down", "testing", "unknown", "dormant", "notPresent", "lowerLayerDown"};

    private final SnmpSession session;
    private final String host;
    private final int port;
    private final boolean v3;
    private final String community;
    private final String user;
    private final String authProtocol;
    private final String authPassword;
    private final String privProtocol;
    private final String privPassword;
    private final String interfaceName;
    private final int maxUtilisation;

    private Integer ifIndex;
    private byte[] engineId;
    private InterfaceRates.Reading last;

    SnmpProber(SnmpSession session, Map<String, Object> t) {
        this.session = session;
        host = (String) t.get("host");
        port = ((Number) t.getOrDefault("port", 161)).intValue();
        v3 = "3".equals(t.get("version"));
        community = (String) t.get("community");
        user = (String) t.get("user");
        authProtocol = (String) t.get("authProtocol");
        authPassword = (String) t.get("authPassword");
        privProtocol = (String) t.get("privProtocol");
        privPassword = (String) t.get("privPassword");
        Object i = t.get("interface");
        ifIndex = i instanceof Number n ? n.intValue() : null;
        interfaceName = i instanceof Number ? null : (String) i;
        maxUtilisation = ((Number) t.getOrDefault("maxUtilisationPercent", SnmpCheckType.DEFAULT_MAX_UTILISATION)).intValue();
    }

    /** Why a run stopped short: becomes a {@code down} result. */
    private static final class Failure extends Exception {
        Failure(String message) {
            super(message, null, false, false);
        }
    }

    @Override
    public ProbeResult probe(Duration timeout) {
        long start = System.nanoTime();
        long deadline = start + timeout.toNanos();
        try {
            Target<UdpAddress> target = target(deadline);
            Map<OID, Variable> got = readInterface(target, deadline);
            if (got == null && interfaceName != null) {
                ifIndex = null; // the index no longer names the interface (the agent renumbered): find it again
                got = readInterface(target, deadline);
            }
            if (got == null) {
                throw new Failure(interfaceName != null ? "The agent has no interface named " + interfaceName
                    : "The agent has no interface with ifIndex " + ifIndex);
            }
            return judge(got, start);
        } catch (Failure f) {
            return ProbeResult.down(ms(start), f.getMessage(), Map.of());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return ProbeResult.down(ms(start), "Interrupted", Map.of());
        } catch (IOException | RuntimeException e) {
            return ProbeResult.down(ms(start), "SNMP failed: " + e.getMessage(), Map.of());
        }
    }

    /** The interface's values, or null when the index is missing or (for a name) names another interface. */
    private Map<OID, Variable> readInterface(Target<UdpAddress> target, long deadline) throws Failure, IOException, InterruptedException {
        if (ifIndex == null) {
            ifIndex = resolve(target, deadline);
            if (ifIndex == null) return null;
        }
        int i = ifIndex;
        List<OID> oids = List.of(SYS_UPTIME, at(IF_OPER_STATUS, i), at(IF_HC_IN_OCTETS, i), at(IF_HC_OUT_OCTETS, i),
            at(IF_HIGH_SPEED, i), at(IF_IN_ERRORS, i), at(IF_OUT_ERRORS, i), at(IF_IN_DISCARDS, i), at(IF_OUT_DISCARDS, i),
            at(IF_NAME, i), at(IF_DESCR, i));
        PDU pdu = pdu(PDU.GET);
        oids.forEach(o -> pdu.add(new VariableBinding(o)));
        Map<OID, Variable> got = new LinkedHashMap<>();
        for (VariableBinding vb : ask(pdu, target, deadline).getVariableBindings()) got.put(vb.getOid(), vb.getVariable());
        Variable oper = got.get(at(IF_OPER_STATUS, i));
        if (oper == null || oper.isException()) return null;
        if (interfaceName != null && !interfaceName.equals(text(got.get(at(IF_NAME, i)))) && !interfaceName.equals(text(got.get(at(IF_DESCR, i))))) {
            return null;
        }
        return got;
    }

    private ProbeResult judge(Map<OID, Variable> got, long start) {
        int i = ifIndex;
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("ifIndex", i);
        String name = text(got.get(at(IF_NAME, i)));
        if (name == null) name = text(got.get(at(IF_DESCR, i)));
        if (name != null) values.put("ifName", name);
        String label = name != null ? name : "ifIndex " + i;
        int operCode = got.get(at(IF_OPER_STATUS, i)).toInt();
        String oper = operCode > 0 && operCode < OPER.length ? OPER[operCode] : "status " + operCode;
        values.put("operStatus", oper);
        long speedMbps = number(got.get(at(IF_HIGH_SPEED, i)), 0);
        values.put("speedMbps", speedMbps);

        InterfaceRates.Rates rates;
        Variable hcIn = got.get(at(IF_HC_IN_OCTETS, i));
        Variable hcOut = got.get(at(IF_HC_OUT_OCTETS, i));
        if (hcIn == null || hcIn.isException() || hcOut == null || hcOut.isException()) {
            rates = InterfaceRates.Rates.none("the agent gives no 64-bit traffic counters (ifHCInOctets) for this interface");
            last = null;
        } else {
            InterfaceRates.Reading now = new InterfaceRates.Reading(System.nanoTime(), number(got.get(SYS_UPTIME), 0),
                hcIn.toLong(), hcOut.toLong(), number(got.get(at(IF_IN_ERRORS, i)), 0), number(got.get(at(IF_OUT_ERRORS, i)), 0),
                number(got.get(at(IF_IN_DISCARDS, i)), 0), number(got.get(at(IF_OUT_DISCARDS, i)), 0));
            rates = InterfaceRates.between(last, now);
            last = now;
        }
        Double utilisation = InterfaceRates.utilisationPercent(rates, speedMbps);
        String traffic;
        if (rates.known()) {
            values.put("inBps", Math.round(rates.inBps()));
            values.put("outBps", Math.round(rates.outBps()));
            values.put("inErrorsPerSec", round(rates.inErrorsPerSec()));
            values.put("outErrorsPerSec", round(rates.outErrorsPerSec()));
            values.put("inDiscardsPerSec", round(rates.inDiscardsPerSec()));
            values.put("outDiscardsPerSec", round(rates.outDiscardsPerSec()));
            traffic = "in " + bits(rates.inBps()) + ", out " + bits(rates.outBps());
            if (utilisation != null) {
                values.put("utilisationPercent", Math.round(utilisation * 100) / 100.0);
                traffic += ", " + Math.round(utilisation) + "% of " + bits(speedMbps * 1e6);
            }
            double errors = rates.inErrorsPerSec() + rates.outErrorsPerSec();
            double discards = rates.inDiscardsPerSec() + rates.outDiscardsPerSec();
            if (errors > 0 || discards > 0) traffic += "; " + round(errors) + " errors/s, " + round(discards) + " discards/s";
        } else {
            traffic = "no rates yet: " + rates.why();
        }
        long ms = ms(start);
        if (operCode != 1) {
            return ProbeResult.down(ms, "Interface " + label + " is " + oper, values);
        }
        if (utilisation != null && utilisation > maxUtilisation) {
            return ProbeResult.degraded(ms, "Interface " + label + " is busier than " + maxUtilisation + "%: " + traffic, values);
        }
        return ProbeResult.up(ms, "Interface " + label + " is up: " + traffic, values);
    }

    /** Finds the interface's ifIndex by walking ifName, then ifDescr; null when neither holds the name. */
    private Integer resolve(Target<UdpAddress> target, long deadline) throws Failure, IOException, InterruptedException {
        for (OID column : List.of(IF_NAME, IF_DESCR)) {
            OID next = column;
            for (int requests = 0; requests < 200; requests++) {
                PDU pdu = pdu(PDU.GETBULK);
                pdu.setMaxRepetitions(40);
                pdu.add(new VariableBinding(next));
                List<? extends VariableBinding> row = ask(pdu, target, deadline).getVariableBindings();
                if (row.isEmpty()) break;
                boolean inside = false;
                for (VariableBinding vb : row) {
                    if (vb.isException() || !vb.getOid().startsWith(column)) {
                        inside = false;
                        break;
                    }
                    inside = true;
                    next = vb.getOid();
                    if (interfaceName.equals(text(vb.getVariable()))) return vb.getOid().last();
                }
                if (!inside) break;
            }
        }
        return null;
    }

    private PDU ask(PDU pdu, Target<UdpAddress> target, long deadline) throws Failure, IOException, InterruptedException {
        long left = (deadline - System.nanoTime()) / 1_000_000;
        if (left < 10) throw new Failure("No answer from " + host + ":" + port + " within the timeout");
        target.setTimeout(Math.max(5, left / 2));
        target.setRetries(1);
        ResponseEvent<UdpAddress> event = session.send(pdu, target, Duration.ofMillis(left));
        PDU response = event.getResponse();
        if (response == null) {
            engineId = null; // discover again next run: the agent may have been reinstalled
            throw new Failure("No answer from " + host + ":" + port + (v3 ? " (is the user, its passwords and protocols right?)"
                : " (is the community right?)") + " within " + (left < 1000 ? left + " ms" : left / 1000 + " s"));
        }
        if (response.getType() == PDU.REPORT) {
            engineId = null;
            VariableBinding vb = response.size() > 0 ? response.get(0) : null;
            throw new Failure("The agent refused the request: " + report(vb == null ? null : vb.getOid()));
        }
        if (response.getErrorStatus() != PDU.noError) {
            throw new Failure("The agent answered with an error: " + response.getErrorStatusText());
        }
        return response;
    }

    private Target<UdpAddress> target(long deadline) throws Failure, IOException {
        UdpAddress address;
        try {
            address = new UdpAddress(InetAddress.getByName(host), port);
        } catch (UnknownHostException e) {
            throw new Failure("Cannot resolve " + host);
        }
        if (!v3) {
            CommunityTarget<UdpAddress> t = new CommunityTarget<>(address, new OctetString(community));
            t.setVersion(SnmpConstants.version2c);
            return t;
        }
        if (engineId == null) {
            long left = Math.max(10, (deadline - System.nanoTime()) / 2_000_000);
            byte[] id = session.discoverEngineId(address, Duration.ofMillis(left));
            if (id == null || id.length == 0) throw new Failure("No answer from " + host + ":" + port + " to SNMPv3 engine discovery");
            session.addUser(id, new UsmUser(new OctetString(user), auth(authProtocol), secret(authPassword),
                priv(privProtocol), secret(privPassword)));
            engineId = id;
        }
        int level = authProtocol == null ? SecurityLevel.NOAUTH_NOPRIV : privProtocol == null ? SecurityLevel.AUTH_NOPRIV : SecurityLevel.AUTH_PRIV;
        UserTarget<UdpAddress> t = new UserTarget<>(address, new OctetString(user), engineId, level);
        t.setVersion(SnmpConstants.version3);
        return t;
    }

    private PDU pdu(int type) {
        PDU pdu = v3 ? new ScopedPDU() : new PDU();
        pdu.setType(type);
        return pdu;
    }

    static OID auth(String name) {
        if (name == null) return null;
        return switch (name) {
            case "MD5" -> AuthMD5.ID;
            case "SHA" -> AuthSHA.ID;
            case "SHA-224" -> AuthHMAC128SHA224.ID;
            case "SHA-256" -> AuthHMAC192SHA256.ID;
            case "SHA-384" -> AuthHMAC256SHA384.ID;
            case "SHA-512" -> AuthHMAC384SHA512.ID;
            default -> throw new IllegalArgumentException("authentication protocol " + name);
        };
    }

    static OID priv(String name) {
        if (name == null) return null;
        return switch (name) {
            case "DES" -> PrivDES.ID;
            case "3DES" -> Priv3DES.ID;
            case "AES" -> PrivAES128.ID;
            case "AES-192" -> PrivAES192.ID;
            case "AES-256" -> PrivAES256.ID;
            default -> throw new IllegalArgumentException("privacy protocol " + name);
        };
    }

    private static String report(OID oid) {
        if (oid == null) return "a report without a reason";
        String s = oid.toDottedString();
        if (s.startsWith("1.3.6.1.6.3.15.1.1.1")) return "security level not supported for this user";
        if (s.startsWith("1.3.6.1.6.3.15.1.1.2")) return "not in the time window (the agent's clock or boots changed)";
        if (s.startsWith("1.3.6.1.6.3.15.1.1.3")) return "unknown user name";
        if (s.startsWith("1.3.6.1.6.3.15.1.1.4")) return "unknown engine ID";
        if (s.startsWith("1.3.6.1.6.3.15.1.1.5")) return "wrong authentication password or protocol";
        if (s.startsWith("1.3.6.1.6.3.15.1.1.6")) return "decryption failed (wrong privacy password or protocol)";
        return "report " + s;
    }

    private static OctetString secret(String s) {
        return s == null ? null : new OctetString(s);
    }

    private static OID at(OID column, int index) {
        return new OID(column).append(index);
    }

    private static String text(Variable v) {
        return v == null || v.isException() || !(v instanceof OctetString s) ? null : s.toString();
    }

    private static long number(Variable v, long dflt) {
        return v == null || v.isException() ? dflt : v.toLong();
    }

    static String bits(double bps) {
        if (bps >= 1e9) return String.format(Locale.ROOT, "%.1f Gbit/s", bps / 1e9);
        if (bps >= 1e6) return String.format(Locale.ROOT, "%.1f Mbit/s", bps / 1e6);
        if (bps >= 1e3) return String.format(Locale.ROOT, "%.1f kbit/s", bps / 1e3);
        return Math.round(bps) + " bit/s";
    }

    private static double round(double v) {
        return Math.round(v * 1000) / 1000.0;
    }

    private static long ms(long start) {
        return (System.nanoTime() - start) / 1_000_000;
    }
}
