package org.estate.cmdb.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.estate.platform.SearchContribution;
import org.estate.platform.StoredJson;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Finds CIs by a host name or IP address (for monitoring, which matches an alert's
 * {@code instance} to a CI): the CI's name, or one of its address attributes, equal to it ignoring
 * case. One query on the derived search text (indexed), checked exactly in Java.
 */
@Component
class CiAddresses {

    /** The attributes that hold a CI's host name or address. */
    static final Set<String> ADDRESS_ATTRIBUTES = Set.of("hostname", "fqdn", "ipAddress", "managementIp");
    private static final int MAX_CANDIDATES = 200;
    private static final int MAX_LENGTH = 255;

    private final JdbcClient jdbc;

    CiAddresses(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Transactional(readOnly = true)
    List<Long> at(String host) {
        if (host == null || host.isBlank() || host.length() > MAX_LENGTH) {
            return List.of();
        }
        String h = host.strip().toLowerCase(Locale.ROOT);
        String shortName = h.indexOf('.') > 0 && !Character.isDigit(h.charAt(0)) ? h.substring(0, h.indexOf('.')) : null;
        List<Long> out = new ArrayList<>();
        jdbc.sql("SELECT id, name, attributes FROM ci WHERE LOWER(name) = :h OR search_text LIKE :pattern ORDER BY id LIMIT :limit")
            .param("h", h).param("pattern", "%" + SearchContribution.Query.escapeLike(h) + "%").param("limit", MAX_CANDIDATES)
            .query((rs, n) -> {
                if (matches(h, shortName, rs.getString("name"), rs.getString("attributes"))) {
                    out.add(rs.getLong("id"));
                }
                return null;
            }).list();
        return out;
    }

    private static boolean matches(String host, String shortName, String name, String attributes) {
        if (host.equalsIgnoreCase(name)) {
            return true;
        }
        Map<String, Object> values = attributes == null || attributes.isEmpty() ? Map.of() : StoredJson.readObject(attributes);
        for (String key : ADDRESS_ATTRIBUTES) {
            if (values.get(key) instanceof String v) {
                String value = v.strip().toLowerCase(Locale.ROOT);
                if (value.equals(host) || ("hostname".equals(key) && value.equals(shortName))) {
                    return true;
                }
            }
        }
        return false;
    }
}
