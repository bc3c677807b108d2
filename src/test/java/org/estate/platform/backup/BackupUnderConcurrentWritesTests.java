package org.estate.platform.backup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.estate.test.ApiClient;
import org.estate.test.ApiClient.Response;
import org.estate.test.EstateTest;
import org.estate.test.TestDatabaseInitializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;

/**
 * The test: a backup taken while several clients keep creating CIs through the API holds
 * every CI whose creation was acknowledged before the backup was asked for, and is consistent.
 */
@EstateTest
@TestPropertySource(properties = "estate.test.own-database=file")
class BackupUnderConcurrentWritesTests {

    private static final Logger log = LoggerFactory.getLogger(BackupUnderConcurrentWritesTests.class);
    private static final int WRITERS = 4;

    @LocalServerPort
    int port;
    @TempDir
    Path tmp;

    @Test
    void restoresABackupTakenUnderConcurrentWritesAndFindsEveryAcknowledgedWriteUpToTheBackup() throws Exception {
        assumeTrue("h2".equals(TestDatabaseInitializer.DB));
        ApiClient engineer = ApiClient.as(port, "backup.writer", "engineer");
        String token = ApiClient.admin(port).post("/api/v1/tokens", "{\"name\":\"backup test\"}").json().get("token").asString();
        String run = "conc-" + UUID.randomUUID().toString().substring(0, 8) + "-";
        // Some megabytes first, so that copying the file takes a while and writes land during the copy.
        StringBuilder csv = new StringBuilder("class,name,description\n");
        String bulk = "bulk-" + UUID.randomUUID().toString().substring(0, 8) + "-";
        for (int i = 0; i < 1000; i++) {
            StringBuilder description = new StringBuilder();
            while (description.length() < 3900) {
                description.append(UUID.randomUUID());
            }
            csv.append("server,").append(bulk).append(i).append(',').append(description).append('\n');
        }
        Response imported = engineer.post("/api/v1/cis/import", csv.toString(), "text/csv");
        assertThat(imported.status()).as(imported.body()).isEqualTo(200);
        Set<String> acknowledged = ConcurrentHashMap.newKeySet();
        List<Response> failures = java.util.Collections.synchronizedList(new ArrayList<>());
        CountDownLatch warmedUp = new CountDownLatch(60);
        AtomicBoolean stop = new AtomicBoolean();
        ExecutorService pool = Executors.newFixedThreadPool(WRITERS);
        List<Future<?>> writers = new ArrayList<>();
        for (int w = 0; w < WRITERS; w++) {
            String prefix = run + w + "-";
            writers.add(pool.submit(() -> {
                for (int n = 0; !stop.get(); n++) {
                    String name = prefix + n;
                    Response r = engineer.post("/api/v1/cis", "{\"class\":\"server\",\"name\":\"" + name + "\",\"owner\":\"Platforms\"}");
                    if (r.status() == 201) {
                        acknowledged.add(name);
                        warmedUp.countDown();
                    } else {
                        failures.add(r);
                    }
                }
            }));
        }
        HttpResponse<byte[]> backup;
        Set<String> acknowledgedBefore;
        int acknowledgedAfterResponse;
        try {
            assertThat(warmedUp.await(120, TimeUnit.SECONDS)).as("writers got going").isTrue();
            // Everything in this copy was acknowledged before the backup request is sent.
            acknowledgedBefore = new HashSet<>(acknowledged);
            backup = BackupDownloads.post(port, token);
            acknowledgedAfterResponse = acknowledged.size();
        } finally {
            stop.set(true);
            for (Future<?> f : writers) {
                f.get(60, TimeUnit.SECONDS);
            }
            pool.shutdown();
        }
        assertThat(backup.statusCode()).isEqualTo(200);
        assertThat(failures).as("writes refused while the backup was taken").isEmpty();
        log.info("Backup of {} bytes: {} CIs acknowledged before it was asked for, {} by the time it arrived, {} in all",
            backup.body().length, acknowledgedBefore.size(), acknowledgedAfterResponse, acknowledged.size());

        Path zip = Files.write(tmp.resolve("backup.zip"), backup.body());
        Path restored = tmp.resolve("restored");
        BackupTool.restore(zip, restored);
        Set<String> inBackup = new HashSet<>();
        try (Connection c = DriverManager.getConnection("jdbc:h2:file:" + restored.toAbsolutePath() + "/estate"
                + H2Backups.SETTINGS + ";IFEXISTS=TRUE", "sa", "")) {
            try (ResultSet rs = c.createStatement().executeQuery("SELECT name FROM ci WHERE name LIKE '" + run + "%'")) {
                while (rs.next()) {
                    inBackup.add(rs.getString(1));
                }
            }
            assertThat(inBackup).containsAll(acknowledgedBefore);
            // Nothing half-written: every CI restored came with its audit entry, in the same transaction.
            try (ResultSet rs = c.createStatement().executeQuery("""
                    SELECT count(*) FROM ci WHERE NOT EXISTS (SELECT 1 FROM audit_entry a
                    WHERE a.entity = 'ci' AND a.action = 'created' AND a.entity_id = CAST(ci.id AS VARCHAR))""")) {
                rs.next();
                assertThat(rs.getInt(1)).as("CIs without their audit entry").isZero();
            }
            try (ResultSet rs = c.createStatement().executeQuery("""
                    SELECT count(*) FROM audit_entry a WHERE a.entity = 'ci' AND a.action = 'created'
                    AND a.summary LIKE '%""" + run + "%' AND NOT EXISTS (SELECT 1 FROM ci WHERE CAST(ci.id AS VARCHAR) = a.entity_id)")) {
                rs.next();
                assertThat(rs.getInt(1)).as("audit entries of CIs that are not there").isZero();
            }
        }
        // Nothing that was never written: a write in flight during the backup may or may not be in it, but was acknowledged.
        assertThat(acknowledged).containsAll(inBackup);
    }
}
