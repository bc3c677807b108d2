package org.estate.monitoring.internal.probe.sys;

import java.util.List;
import java.util.Map;
import java.util.Set;

import org.estate.monitoring.internal.probe.CheckType;
import org.estate.monitoring.internal.probe.Prober;
import org.estate.platform.ValidationException.FieldError;
import org.springframework.stereotype.Component;

/**
 * The {@code snmp} check: one interface of an SNMP agent, by SNMP v2c (a community) or v3 (a user,
 * with optional authentication and privacy). {@code down} when the interface's oper status is not
 * up or the agent does not answer, {@code degraded} when the busier direction is above
 * {@code maxUtilisationPercent} of {@code ifHighSpeed}; see {@link SnmpProber} for the counters.
 */
@Component
public class SnmpCheckType implements CheckType {

    static final List<String> AUTH = List.of("MD5", "SHA", "SHA-224", "SHA-256", "SHA-384", "SHA-512");
    static final List<String> PRIV = List.of("DES", "3DES", "AES", "AES-192", "AES-256");
    static final int DEFAULT_MAX_UTILISATION = 90;

    private final SnmpSession session;

    public SnmpCheckType(SnmpSession session) {
        this.session = session;
    }

    @Override
    public String key() {
        return "snmp";
    }

    @Override
    public Set<String> secretFields() {
        return Set.of("community", "authPassword", "privPassword");
    }

    @Override
    public Map<String, Object> normalise(Map<String, Object> target, List<FieldError> errors) {
        TargetReader r = new TargetReader(target, errors);
        r.host("host");
        r.integer("port", 1, 65535, 161, "the port");
        String version = r.oneOf("version", List.of("2c", "3"), "2c", "the SNMP version");
        if ("3".equals(version)) {
            r.refuse("community", "Leave the community empty: SNMP version 3 uses a user");
            r.text("user", true, 32, "the SNMPv3 user name");
            String auth = r.optionalOneOf("authProtocol", AUTH, "the authentication protocol");
            String authPassword = r.secret("authPassword", false, 256, "the authentication password");
            String priv = r.optionalOneOf("privProtocol", PRIV, "the privacy protocol");
            String privPassword = r.secret("privPassword", false, 256, "the privacy password");
            if (auth != null && authPassword == null) r.error("authPassword", "Enter the authentication password");
            if (auth == null && !r.has("authProtocol") && authPassword != null) r.error("authPassword", "Choose an authentication protocol for this password, or leave it empty");
            if (authPassword != null && authPassword.length() < 8) r.error("authPassword", "Enter an authentication password of at least 8 characters");
            if (priv != null && auth == null && !r.has("authProtocol")) r.error("privProtocol", "Choose an authentication protocol too: SNMPv3 privacy needs it");
            if (priv != null && privPassword == null) r.error("privPassword", "Enter the privacy password");
            if (priv == null && !r.has("privProtocol") && privPassword != null) r.error("privPassword", "Choose a privacy protocol for this password, or leave it empty");
            if (privPassword != null && privPassword.length() < 8) r.error("privPassword", "Enter a privacy password of at least 8 characters");
        } else if (version != null) {
            r.secret("community", true, 255, "the community");
            for (String k : List.of("user", "authProtocol", "authPassword", "privProtocol", "privPassword")) {
                r.refuse(k, "Leave this empty: only SNMP version 3 has users");
            }
        } else {
            // the version is wrong: that is the error; its fields are judged once it is right
            List.of("community", "user", "authProtocol", "authPassword", "privProtocol", "privPassword").forEach(r::ignore);
        }
        readInterface(r);
        r.integer("maxUtilisationPercent", 1, 100, DEFAULT_MAX_UTILISATION, "the highest acceptable utilisation in percent");
        r.refuseUnknown();
        return r.out();
    }

    /** {@code interface}: an ifIndex (a whole number, also as digits in text) or an ifName/ifDescr. */
    private static void readInterface(TargetReader r) {
        String what = "the interface: its ifIndex (a number), ifName or ifDescr";
        if (!r.has("interface")) {
            r.text("interface", true, 255, what);
            return;
        }
        Object v = r.get("interface");
        if (v instanceof Number || v instanceof String s && s.strip().matches("\\d{1,10}")) {
            r.integer("interface", 1, Integer.MAX_VALUE, null, "the interface's ifIndex");
        } else {
            r.text("interface", true, 255, what);
        }
    }

    @Override
    public Prober prepare(long checkId, Map<String, Object> target) {
        return new SnmpProber(session, target);
    }
}
