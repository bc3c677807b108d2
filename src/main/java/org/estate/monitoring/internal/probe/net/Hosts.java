package org.estate.monitoring.internal.probe.net;

import java.util.regex.Pattern;

/** What counts as a host in a target: a DNS name, an IPv4 address or an IPv6 address. */
final class Hosts {

    private static final Pattern LABEL = Pattern.compile("[A-Za-z0-9_]([A-Za-z0-9_-]{0,61}[A-Za-z0-9_])?");
    private static final Pattern IPV4 = Pattern.compile("(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)(\\.(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)){3}");
    private static final Pattern IPV6_CHARS = Pattern.compile("[0-9A-Fa-f:.]{2,45}");

    private Hosts() {
    }

    static boolean valid(String host) {
        if (host == null || host.isEmpty() || host.length() > 253) {
            return false;
        }
        if (host.indexOf(':') >= 0) {
            return ipv6(host);
        }
        if (IPV4.matcher(host).matches()) {
            return true;
        }
        String name = host.endsWith(".") ? host.substring(0, host.length() - 1) : host;
        if (name.isEmpty()) {
            return false;
        }
        for (String label : name.split("\\.", -1)) {
            if (!LABEL.matcher(label).matches()) {
                return false;
            }
        }
        // An all-numeric dotted name that is not a valid IPv4 address (999.1.1.1) is a typo, not a name.
        return !name.matches("[0-9.]+");
    }

    static boolean ipv6(String host) {
        if (!IPV6_CHARS.matcher(host).matches()) {
            return false;
        }
        // dnsjava parses the literal without ever looking it up.
        return org.xbill.DNS.Address.toByteArray(host, org.xbill.DNS.Address.IPv6) != null;
    }
}
