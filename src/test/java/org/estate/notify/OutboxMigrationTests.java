package org.estate.notify;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.estate.test.TestDatabaseInitializer;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * V91 on a database that already holds email: pending becomes queued, every row is an email, and the
 * sent and failed rows keep their status (on H2 or PostgreSQL, as {@code estate.test.db} says).
 */
class OutboxMigrationTests {

    @Test
    void pendingEmailBecomesQueuedEmail() {
        Map<String, Object> db = "postgresql".equals(TestDatabaseInitializer.DB) ? TestDatabaseInitializer.newPostgresDatabase()
            : Map.of("spring.datasource.url", "jdbc:h2:mem:migration-" + java.util.UUID.randomUUID()
                + ";DB_CLOSE_DELAY=-1;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH",
                "spring.datasource.username", "sa", "spring.datasource.password", "");
        DriverManagerDataSource source = new DriverManagerDataSource((String) db.get("spring.datasource.url"),
            (String) db.get("spring.datasource.username"), (String) db.get("spring.datasource.password"));
        String vendor = "postgresql".equals(TestDatabaseInitializer.DB) ? "postgresql" : "h2";
        Flyway.configure().dataSource(source).locations("classpath:db/migration", "classpath:db/vendor/" + vendor).target("90").load().migrate();
        JdbcClient jdbc = JdbcClient.create(source);
        for (String status : new String[] {"pending", "sent", "failed"}) {
            jdbc.sql("INSERT INTO notify_outbox (recipients, subject, body, reference, status, attempts, next_attempt_at, created_at)"
                    + " VALUES ('a@example.org', 's', 'b', ?, ?, 1, CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)")
                .params("old-" + status, status).update();
        }
        Flyway.configure().dataSource(source).locations("classpath:db/migration", "classpath:db/vendor/" + vendor).load().migrate();
        assertThat(jdbc.sql("SELECT reference || ' ' || status || ' ' || channel FROM notify_outbox ORDER BY id").query(String.class).list())
            .containsExactly("old-pending queued email", "old-sent sent email", "old-failed failed email");
        jdbc.sql("INSERT INTO notify_outbox (channel, recipients, subject, body, status, attempts, next_attempt_at, created_at)"
            + " VALUES ('sms', '+447700900123', NULL, 'b', 'cancelled', 0, CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)").update();
        assertThat(jdbc.sql("SELECT COUNT(*) FROM notify_outbox WHERE subject IS NULL").query(Long.class).single()).isEqualTo(1);
    }
}
