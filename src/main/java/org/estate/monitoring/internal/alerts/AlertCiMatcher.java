package org.estate.monitoring.internal.alerts;

import java.net.URI;
import java.util.List;
import java.util.Map;

import org.estate.cmdb.Cmdb;
import org.estate.platform.NotFoundException;
import org.springframework.stereotype.Component;

/**
 * Finds the CI an alert is about: its {@code ci} label (an id, or {@code class:name}), else its
 * {@code instance} label's host (port, scheme and path stripped) against CI names, host names and
 * IP addresses ({@link Cmdb#cisAtAddress}). No CI, or several at one address: unmatched.
 */
@Component
class AlertCiMatcher {

    private final Cmdb cmdb;

    AlertCiMatcher(Cmdb cmdb) {
        this.cmdb = cmdb;
    }

    Long match(Map<String, String> labels) {
        String ci = labels.get("ci");
        if (ci != null && !ci.isBlank()) {
            Long found = byCiLabel(ci.strip());
            if (found != null) {
                return found;
            }
        }
        String host = host(labels.get("instance"));
        if (host == null) {
            return null;
        }
        List<Long> ids = cmdb.cisAtAddress(host);
        return ids.size() == 1 ? ids.getFirst() : null;
    }

    private Long byCiLabel(String ci) {
        if (ci.chars().allMatch(Character::isDigit) && ci.length() <= 18) {
            try {
                return cmdb.get(Long.parseLong(ci)).id();
            } catch (NotFoundException e) {
                return null;
            }
        }
        int colon = ci.indexOf(':');
        if (colon > 0 && colon < ci.length() - 1) {
            return cmdb.find(ci.substring(0, colon).strip(), ci.substring(colon + 1).strip()).map(c -> c.id()).orElse(null);
        }
        return null;
    }

    /** The host part of an {@code instance} label: {@code web1:9100} → {@code web1}, {@code [::1]:9100} → {@code ::1}, a URL's host. */
    static String host(String instance) {
        if (instance == null || instance.isBlank() || instance.length() > 1000) {
            return null;
        }
        String s = instance.strip();
        if (s.contains("://")) {
            try {
                String h = URI.create(s).getHost();
                return h == null ? null : h.startsWith("[") ? h.substring(1, h.length() - 1) : h;
            } catch (IllegalArgumentException e) {
                return null;
            }
        }
        if (s.startsWith("[")) {
            int end = s.indexOf(']');
            return end > 1 ? s.substring(1, end) : null;
        }
        int colon = s.indexOf(':');
        if (colon >= 0 && colon == s.lastIndexOf(':')) {
            s = s.substring(0, colon);
        }
        int slash = s.indexOf('/');
        if (slash >= 0) {
            s = s.substring(0, slash);
        }
        return s.isEmpty() ? null : s;
    }
}
