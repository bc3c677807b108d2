package org.estate.monitoring.internal;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.estate.platform.Secrets;
import org.estate.platform.StoredJson;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Reads check definitions for the engine, secrets opened. */
@Component
public class CheckDefinitions {

    private static final String SELECT = """
        SELECT id, name, check_type, ci_id, interval_seconds, timeout_ms, failure_threshold, recovery_threshold,
               enabled, target, secrets, version FROM mon_check""";

    private final JdbcClient jdbc;
    private final Secrets secrets;

    CheckDefinitions(JdbcClient jdbc, Secrets secrets) {
        this.jdbc = jdbc;
        this.secrets = secrets;
    }

    public Optional<CheckDefinition> find(long id) {
        return jdbc.sql(SELECT + " WHERE id = ?").param(id).query(this::row).optional();
    }

    /** The definitions of these checks (unknown ids absent), in one query. */
    public List<CheckDefinition> load(Collection<Long> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        return jdbc.sql(SELECT + " WHERE id IN (:ids)").param("ids", ids).query(this::row).list();
    }

    private CheckDefinition row(java.sql.ResultSet rs, int n) throws java.sql.SQLException {
        Map<String, Object> target = new LinkedHashMap<>(StoredJson.readObject(rs.getString("target")));
        String sealed = rs.getString("secrets");
        if (sealed != null && !sealed.isEmpty()) {
            target.putAll(StoredJson.readObject(secrets.open(sealed)));
        }
        long ci = rs.getLong("ci_id");
        Long ciId = rs.wasNull() ? null : ci;
        return new CheckDefinition(rs.getLong("id"), rs.getString("name"), rs.getString("check_type"),
            ciId, rs.getInt("interval_seconds"), rs.getInt("timeout_ms"),
            rs.getInt("failure_threshold"), rs.getInt("recovery_threshold"), rs.getBoolean("enabled"),
            target, rs.getLong("version"));
    }
}
