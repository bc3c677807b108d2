package org.estate.cmdb.internal;

import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.estate.platform.NaturalOrder;
import org.estate.platform.StoredJson;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

import tools.jackson.databind.json.JsonMapper;

/** SQL for CIs. Attribute values are a JSON object kept as text, parsed here. */
@Repository
class CiStore {

    static final int CHUNK = 1000;
    static final String COLUMNS = "id, class_key, name, status, criticality, owner, description, end_of_life, end_of_support, "
        + "tags, attributes, created_at, updated_at, version";

    private final JdbcClient jdbc;
    private final JdbcTemplate jdbcTemplate;
    private final JsonMapper json = JsonMapper.builder().enable(tools.jackson.core.StreamWriteFeature.WRITE_BIGDECIMAL_AS_PLAIN).build();
    private final RowMapper<CiRecord> mapper = this::map;

    // A method, not the field: callers hold a proxy of this repository, whose fields are empty.
    RowMapper<CiRecord> mapper() {
        return mapper;
    }

    CiStore(JdbcClient jdbc, JdbcTemplate jdbcTemplate) {
        this.jdbc = jdbc;
        this.jdbcTemplate = jdbcTemplate;
    }

    Optional<CiRecord> find(long id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM ci WHERE id = :id").param("id", id).query(mapper).optional();
    }

    Optional<CiRecord> find(String classKey, String name) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM ci WHERE class_key = :class AND name = :name")
            .param("class", classKey).param("name", name).query(mapper).optional();
    }

    long insert(CiRecord ci, Instant now) {
        GeneratedKeyHolder keys = new GeneratedKeyHolder();
        jdbc.sql("""
                INSERT INTO ci (class_key, name, status, criticality, owner, description, end_of_life, end_of_support,
                                tags, attributes, search_text, created_at, updated_at, version, name_key)
                VALUES (:class, :name, :status, :criticality, :owner, :description, :eol, :eos, :tags, :attributes, :search,
                        :now, :now, 0, :nameKey)""")
            .param("nameKey", NaturalOrder.key(ci.name()))
            .param("class", ci.classKey()).param("name", ci.name()).param("status", ci.status())
            .param("criticality", ci.criticality()).param("owner", ci.owner()).param("description", ci.description())
            .param("eol", sqlDate(ci.endOfLife())).param("eos", sqlDate(ci.endOfSupport()))
            .param("tags", tagsText(ci.tags())).param("attributes", attributesText(ci.attributes()))
            .param("search", CiSearchText.of(ci.name(), ci.owner(), ci.description(), ci.attributes()))
            .param("now", Timestamp.from(now))
            .update(keys, "id");
        return keys.getKeyAs(Number.class).longValue();
    }

    /** Updates when the stored version is {@code expectedVersion}; answers whether it did. */
    boolean update(long id, long expectedVersion, CiRecord ci, Instant now) {
        return jdbc.sql("""
                UPDATE ci SET name = :name, status = :status, criticality = :criticality, owner = :owner,
                       description = :description, end_of_life = :eol, end_of_support = :eos, tags = :tags,
                       attributes = :attributes, search_text = :search, updated_at = :now, version = version + 1,
                       name_key = :nameKey
                WHERE id = :id AND version = :version""")
            .param("nameKey", NaturalOrder.key(ci.name()))
            .param("name", ci.name()).param("status", ci.status()).param("criticality", ci.criticality())
            .param("owner", ci.owner()).param("description", ci.description())
            .param("eol", sqlDate(ci.endOfLife())).param("eos", sqlDate(ci.endOfSupport()))
            .param("tags", tagsText(ci.tags())).param("attributes", attributesText(ci.attributes()))
            .param("search", CiSearchText.of(ci.name(), ci.owner(), ci.description(), ci.attributes()))
            .param("now", Timestamp.from(now)).param("id", id).param("version", expectedVersion)
            .update() == 1;
    }

    void batchInsert(List<CiRecord> cis, Instant now) {
        Timestamp ts = Timestamp.from(now);
        // Chunks of 1,000, built as they go: a 100,000-row batch held at once does not fit a small heap.
        for (int from = 0; from < cis.size(); from += CHUNK) {
            List<Object[]> args = new ArrayList<>(CHUNK);
            for (CiRecord ci : cis.subList(from, Math.min(cis.size(), from + CHUNK))) {
                args.add(new Object[] {ci.classKey(), ci.name(), ci.status(), ci.criticality(), ci.owner(), ci.description(),
                    sqlDate(ci.endOfLife()), sqlDate(ci.endOfSupport()), tagsText(ci.tags()), attributesText(ci.attributes()),
                    CiSearchText.of(ci.name(), ci.owner(), ci.description(), ci.attributes()), ts, ts, NaturalOrder.key(ci.name())});
            }
            jdbcTemplate.batchUpdate("""
                INSERT INTO ci (class_key, name, status, criticality, owner, description, end_of_life, end_of_support,
                                tags, attributes, search_text, created_at, updated_at, version, name_key)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, ?)""", args);
        }
    }

    void batchUpdate(List<CiRecord> cis, Instant now) {
        Timestamp ts = Timestamp.from(now);
        for (int from = 0; from < cis.size(); from += CHUNK) {
            List<Object[]> args = new ArrayList<>(CHUNK);
            for (CiRecord ci : cis.subList(from, Math.min(cis.size(), from + CHUNK))) {
                args.add(new Object[] {ci.status(), ci.criticality(), ci.owner(), ci.description(), sqlDate(ci.endOfLife()),
                    sqlDate(ci.endOfSupport()), tagsText(ci.tags()), attributesText(ci.attributes()),
                    CiSearchText.of(ci.name(), ci.owner(), ci.description(), ci.attributes()), ts, ci.id(), ci.version()});
            }
            int[] counts = jdbcTemplate.batchUpdate("""
                UPDATE ci SET status = ?, criticality = ?, owner = ?, description = ?, end_of_life = ?, end_of_support = ?,
                       tags = ?, attributes = ?, search_text = ?, updated_at = ?, version = version + 1
                WHERE id = ? AND version = ?""", args);
            for (int c : counts) {
                if (c == 0) {
                    throw new org.springframework.dao.OptimisticLockingFailureException(
                        "A CI changed while the import ran: run the import again");
                }
            }
        }
    }

    boolean delete(long id) {
        return jdbc.sql("DELETE FROM ci WHERE id = :id").param("id", id).update() == 1;
    }

    /** The CIs with these names (of any class), keyed by class and name (for import upserts, a chunk at a time). */
    Map<String, CiRecord> byClassAndName(List<String> names) {
        Map<String, CiRecord> all = new LinkedHashMap<>();
        if (names.isEmpty()) {
            return all;
        }
        jdbc.sql("SELECT " + COLUMNS + " FROM ci WHERE name IN (:names)").param("names", names)
            .query(mapper).list().forEach(ci -> all.put(key(ci.classKey(), ci.name()), ci));
        return all;
    }

    static String key(String classKey, String name) {
        return classKey + "\u0000" + name;
    }

    String attributesText(Map<String, Object> attributes) {
        return attributes == null || attributes.isEmpty() ? null : json.writeValueAsString(attributes);
    }

    Map<String, Object> parseAttributes(String text) {
        return parseStoredAttributes(text);
    }

    /**
     * The stored attributes, tolerant of values stored before today's limits: anything that is not
     * a valid canonical value (a number out of range, a list, bad JSON) reads back as its stored
     * text, so the CI can still be listed, exported, corrected and deleted.
     */
    static Map<String, Object> parseStoredAttributes(String text) {
        if (text == null || text.isBlank()) {
            return Map.of();
        }
        Map<String, Object> values = new LinkedHashMap<>();
        StoredJson.readObject(text).forEach((key, v) -> {
            if (v instanceof String || v instanceof java.math.BigDecimal || v instanceof Boolean) {
                values.put(key, v);
            } else if (v != null) {
                values.put(key, v.toString());
            }
        });
        return values;
    }

    static String tagsText(List<String> tags) {
        return tags == null || tags.isEmpty() ? null : String.join(";", tags);
    }

    static List<String> parseTags(String text) {
        return text == null || text.isBlank() ? List.of() : Arrays.asList(text.split(";"));
    }

    private CiRecord map(ResultSet rs, int n) throws SQLException {
        return new CiRecord(rs.getLong("id"), rs.getString("class_key"), rs.getString("name"), rs.getString("status"),
            rs.getString("criticality"), rs.getString("owner"), rs.getString("description"),
            localDate(rs.getDate("end_of_life")), localDate(rs.getDate("end_of_support")),
            parseTags(rs.getString("tags")), parseAttributes(rs.getString("attributes")),
            rs.getTimestamp("created_at").toInstant(), rs.getTimestamp("updated_at").toInstant(), rs.getLong("version"));
    }

    private static LocalDate localDate(Date d) {
        return d == null ? null : d.toLocalDate();
    }

    private static Date sqlDate(LocalDate d) {
        return d == null ? null : Date.valueOf(d);
    }

}
