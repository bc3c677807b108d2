package org.estate.platform.audit;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.estate.platform.ApiTokenUse;
import org.estate.platform.AuditLog;
import org.estate.platform.PageResult;
import org.estate.platform.Paging;
import org.estate.platform.StoredJson;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import tools.jackson.databind.json.JsonMapper;

@Service
class JdbcAuditLog implements AuditLog {

    private final JdbcClient jdbc;
    private final JdbcTemplate jdbcTemplate;
    private final JsonMapper json;
    private final Clock clock;

    private final org.estate.platform.SqlDialect dialect;

    JdbcAuditLog(JdbcClient jdbc, JdbcTemplate jdbcTemplate, JsonMapper json, Clock clock, org.estate.platform.SqlDialect dialect) {
        this.dialect = dialect;
        this.jdbc = jdbc;
        this.jdbcTemplate = jdbcTemplate;
        this.json = json;
        this.clock = clock;
    }

    // MANDATORY: an audit entry written outside the write's own transaction could survive a
    // rolled-back write, or be lost while the write commits.
    @Override
    @Transactional(propagation = Propagation.MANDATORY)
    public void record(String entity, String entityId, String action, String summary, Map<String, Change> changes) {
        recordAll(List.of(new Record(entity, entityId, action, summary, changes)));
    }

    @Override
    @Transactional(propagation = Propagation.MANDATORY)
    public void recordAll(List<Record> records) {
        if (records.isEmpty()) {
            return;
        }
        Timestamp at = Timestamp.from(clock.instant());
        String actor = currentActor();
        String via = currentVia();
        List<Object[]> args = new ArrayList<>(records.size());
        for (Record r : records) {
            args.add(new Object[] {at, actor, r.action(), r.entity(), r.entityId(), truncate(r.summary()),
                r.changes() == null || r.changes().isEmpty() ? null : json.writeValueAsString(r.changes()), via});
        }
        for (int from = 0; from < args.size(); from += 1000) {
            jdbcTemplate.batchUpdate("""
                INSERT INTO audit_entry (occurred_at, actor, action, entity, entity_id, summary, changes, via)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)""", args.subList(from, Math.min(args.size(), from + 1000)));
        }
    }

    @Override
    @Transactional(readOnly = true)
    public List<Entry> history(String entity, String entityId) {
        return jdbc.sql("""
                SELECT id, occurred_at, actor, action, entity, entity_id, summary, changes, via
                FROM audit_entry WHERE entity = :entity AND entity_id = :entityId ORDER BY id DESC""")
            .param("entity", entity).param("entityId", entityId)
            .query((rs, n) -> map(rs)).list();
    }

    @Override
    @Transactional(readOnly = true)
    public PageResult<Entry> search(String entity, String entityId, Paging paging) {
        return search(new Query(null, entity, entityId, null, null), paging);
    }

    @Override
    @Transactional(readOnly = true)
    public List<String> entities() {
        return jdbc.sql("SELECT DISTINCT entity FROM audit_entry ORDER BY entity").query(String.class).list();
    }

    @Override
    @Transactional(readOnly = true)
    public PageResult<Entry> search(Query query, org.estate.platform.Sort sort, Paging paging) {
        String entity = query.entity();
        String entityId = query.entityId();
        StringBuilder where = new StringBuilder(" WHERE 1 = 1");
        Map<String, Object> params = new LinkedHashMap<>();
        if (query.actor() != null && !query.actor().isBlank()) {
            where.append(" AND actor = :actor");
            params.put("actor", query.actor().trim());
        }
        if (query.from() != null) {
            where.append(" AND occurred_at >= :from");
            params.put("from", Timestamp.from(query.from()));
        }
        if (query.to() != null) {
            where.append(" AND occurred_at < :to");
            params.put("to", Timestamp.from(query.to()));
        }
        if (entity != null && !entity.isBlank()) {
            where.append(" AND entity = :entity");
            params.put("entity", entity);
        }
        if (entityId != null && !entityId.isBlank()) {
            where.append(" AND entity_id = :entityId");
            params.put("entityId", entityId);
        }
        long total = jdbc.sql("SELECT count(*) FROM audit_entry" + where).params(params).query(Long.class).single();
        List<Entry> items = jdbc.sql("SELECT id, occurred_at, actor, action, entity, entity_id, summary, changes, via FROM audit_entry"
                + where + SORT.orderBy(sort == null ? SORT.parse(null) : sort, dialect) + " LIMIT :limit OFFSET :offset")
            .params(params).param("limit", paging.size()).param("offset", paging.offset())
            .query((rs, n) -> map(rs)).list();
        return new PageResult<>(items, paging.page(), paging.size(), total);
    }

    @Override
    public String currentActor() {
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        if (auth == null || !auth.isAuthenticated() || auth.getName() == null || "anonymousUser".equals(auth.getName())) {
            return "system";
        }
        return auth.getName();
    }

    /** How the current actor acts when not in person: the API token they use, else null. */
    private static String currentVia() {
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        if (auth != null && auth.getDetails() instanceof ApiTokenUse.Token token) {
            String via = token.toString();
            return via.length() <= 200 ? via : via.substring(0, 197) + "...";
        }
        return null;
    }

    private Entry map(java.sql.ResultSet rs) throws java.sql.SQLException {
        String changes = rs.getString("changes");
        Map<String, Change> parsed = changes == null ? Map.of() : changes(changes);
        Instant at = rs.getTimestamp("occurred_at").toInstant();
        return new Entry(rs.getLong("id"), at, rs.getString("actor"), rs.getString("action"), rs.getString("entity"),
            rs.getString("entity_id"), rs.getString("summary"), parsed, rs.getString("via"));
    }

    /**
     * Tolerant of whatever an older version stored: a number outside today's limits reads back as
     * its text and a malformed entry as itself, so the audit log can always be read.
     */
    static Map<String, Change> changes(String stored) {
        Map<String, Change> parsed = new LinkedHashMap<>();
        StoredJson.readObject(stored).forEach((field, value) -> {
            if (value instanceof Map<?, ?> m && (m.containsKey("from") || m.containsKey("to"))) {
                parsed.put(field, new Change(m.get("from"), m.get("to")));
            } else {
                parsed.put(field, new Change(null, value));
            }
        });
        return parsed;
    }

    private static String truncate(String s) {
        return s == null || s.length() <= 500 ? s : s.substring(0, 497) + "...";
    }
}
