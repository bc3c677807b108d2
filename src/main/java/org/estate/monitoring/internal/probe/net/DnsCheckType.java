package org.estate.monitoring.internal.probe.net;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.estate.monitoring.internal.probe.CheckType;
import org.estate.monitoring.internal.probe.Prober;
import org.estate.platform.ValidationException.FieldError;
import org.springframework.stereotype.Component;
import org.xbill.DNS.Name;
import org.xbill.DNS.ReverseMap;
import org.xbill.DNS.TextParseException;

/**
 * The {@code dns} check: asks a resolver (the system's, or one named as {@code host} or
 * {@code host:port}) for a name's records of one type, through dnsjava, without any cache between
 * runs. {@code down} when the name does not exist, has no such record, the resolver fails or does
 * not answer in time, or — with {@code expect} — when no answer equals the expected value.
 */
@Component
public class DnsCheckType implements CheckType {

    static final List<String> FIELDS = List.of("name", "recordType", "resolver", "expect");
    static final List<String> TYPES = List.of("A", "AAAA", "CNAME", "MX", "TXT", "NS", "PTR", "SRV", "CAA", "SOA");

    @Override
    public String key() {
        return "dns";
    }

    @Override
    public Set<String> secretFields() {
        return Set.of();
    }

    @Override
    public Map<String, Object> normalise(Map<String, Object> target, List<FieldError> errors) {
        TargetReader r = new TargetReader(target, errors, "dns", FIELDS);
        String name = r.text("name", true, 253, "Enter the name to look up, like www.example.gov.uk");
        String type = r.text("recordType", false, 10, null);
        if (type == null) {
            type = r.present("recordType") ? null : "A";
        } else if (!TYPES.contains(type.toUpperCase(Locale.ROOT))) {
            r.error("recordType", "Use one of " + String.join(", ", TYPES));
            type = null;
        } else {
            type = type.toUpperCase(Locale.ROOT);
        }
        if (name != null) {
            name = name(r, name, type);
        }
        r.put("name", name);
        r.put("recordType", type);
        String resolver = r.text("resolver", false, 260, null);
        if (resolver != null && DnsResolvers.address(resolver) == null) {
            r.error("resolver", "Enter the resolver as a host or IP address, optionally with a port (like 10.0.0.53, 10.0.0.53:5353 or [2001:db8::53]:53)");
            resolver = null;
        }
        r.put("resolver", resolver);
        r.put("expect", r.text("expect", false, 1000, null));
        return r.result();
    }

    /** The name to ask for, or null with an error; an IP address asked for PTR becomes its reverse name. */
    private static String name(TargetReader r, String name, String type) {
        if ("PTR".equals(type) && (name.indexOf(':') >= 0 || name.matches("[0-9.]+")) && Hosts.valid(name)) {
            try {
                return ReverseMap.fromAddress(name).toString(true);
            } catch (java.net.UnknownHostException e) {
                r.error("name", "Enter a valid IP address or a name");
                return null;
            }
        }
        String plain = name.endsWith(".") ? name.substring(0, name.length() - 1) : name;
        if (plain.isEmpty() || plain.startsWith(".") || plain.contains("..") || plain.contains(" ")) {
            r.error("name", "Enter a DNS name like www.example.gov.uk");
            return null;
        }
        for (String label : plain.split("\\.")) {
            if (label.length() > 63) {
                r.error("name", "Each part of a DNS name is at most 63 characters");
                return null;
            }
        }
        try {
            Name.fromString(plain, Name.root);
        } catch (TextParseException e) {
            r.error("name", "Enter a DNS name like www.example.gov.uk");
            return null;
        }
        return plain;
    }

    @Override
    public Prober prepare(long checkId, Map<String, Object> target) {
        return new DnsProber((String) target.get("name"), target.get("recordType") instanceof String t ? t : "A",
            (String) target.get("resolver"), (String) target.get("expect"));
    }
}
