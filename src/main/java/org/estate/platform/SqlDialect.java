package org.estate.platform;

import java.sql.Connection;
import java.sql.SQLException;

import javax.sql.DataSource;

import org.springframework.stereotype.Component;

/**
 * The one place list SQL differs between H2 and PostgreSQL: how to compare text by code point
 * (H2 always does; PostgreSQL follows the database's collation unless told {@code COLLATE "C"}),
 * so a sorted list comes out in the same order on both.
 */
@Component
public class SqlDialect {

    private final DataSource dataSource;
    private volatile Boolean postgres;

    SqlDialect(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Asked of the database at first use, not at start, so a node can start while the database is down. */
    public boolean postgres() {
        Boolean known = postgres;
        if (known == null) {
            try (Connection c = dataSource.getConnection()) {
                known = "PostgreSQL".equals(c.getMetaData().getDatabaseProductName());
            } catch (SQLException e) {
                throw new org.springframework.dao.DataAccessResourceFailureException("Cannot reach the database", e);
            }
            postgres = known;
        }
        return known;
    }

    /** The expression, compared by code point on either database. */
    public String binary(String expression) {
        return postgres() ? expression + " COLLATE \"C\"" : expression;
    }
}
