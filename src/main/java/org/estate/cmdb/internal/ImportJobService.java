package org.estate.cmdb.internal;

import java.io.IOException;
import java.io.InputStream;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import jakarta.annotation.PreDestroy;

import org.estate.cmdb.Cmdb;
import org.estate.cmdb.CmdbImports;
import org.estate.cmdb.ImportRejectedException;
import org.estate.cmdb.ImportRejectedException.RowError;
import org.estate.cmdb.ImportResult;
import org.estate.platform.AuditLog;
import org.estate.platform.CsvFile;
import org.estate.platform.ImportProperties;
import org.estate.platform.ValidationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.concurrent.DelegatingSecurityContextRunnable;
import org.springframework.stereotype.Service;

import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Runs CSV imports in the background on behalf of the signed-in user, keeping their progress in
 * the database (autocommitted, apart from the import's own transaction) so any node can show it.
 * A job whose node died stops reporting progress and is shown as failed after a while.
 */
@Service
class ImportJobService implements CmdbImports {

    private static final Logger log = LoggerFactory.getLogger(ImportJobService.class);
    private static final Duration STALLED = Duration.ofMinutes(10);
    private static final int MAX_STORED_ERRORS = 10_000;

    private final Cmdb cmdb;
    private final JdbcClient jdbc;
    private final AuditLog audit;
    private final Clock clock;
    private final JsonMapper json = JsonMapper.builder().build();
    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();

    private final ImportProperties limits;

    ImportJobService(Cmdb cmdb, JdbcClient jdbc, AuditLog audit, Clock clock, ImportProperties limits) {
        this.limits = limits;
        this.cmdb = cmdb;
        this.jdbc = jdbc;
        this.audit = audit;
        this.clock = clock;
    }

    @Override
    public Job start(String kind, InputStream upload) throws IOException {
        if (!"cis".equals(kind) && !"relationships".equals(kind)) {
            throw new ValidationException("kind", "Choose what the file holds: CIs or relationships");
        }
        if (upload == null) {
            throw new ValidationException("file", "Choose a CSV file to import");
        }
        CsvFile csv = CsvFile.spool(upload, limits.maxBytes());
        if (csv.size() == 0) {
            csv.close();
            throw new ValidationException("file", "The selected file is empty: choose a CSV file to import");
        }
        UUID id = UUID.randomUUID();
        Timestamp now = Timestamp.from(clock.instant());
        jdbc.sql("""
                INSERT INTO cmdb_import_job (id, kind, status, phase, done, total, started_by, started_at, updated_at)
                VALUES (:id, :kind, 'running', 'queued', 0, 0, :by, :now, :now)""")
            .param("id", id.toString()).param("kind", kind).param("by", audit.currentActor()).param("now", now).update();
        executor.execute(new DelegatingSecurityContextRunnable(() -> run(id, kind, csv)));
        return job(id).orElseThrow();
    }

    private void run(UUID id, String kind, CsvFile csv) {
        Cmdb.ImportProgress progress = new Cmdb.ImportProgress() {
            private long lastWrite;

            @Override
            public void update(String phase, long done, long total) {
                long nanos = System.nanoTime();
                // At most a few progress writes a second: progress must not slow the import.
                if (nanos - lastWrite > 250_000_000L || done == total) {
                    lastWrite = nanos;
                    jdbc.sql("UPDATE cmdb_import_job SET phase = :phase, done = :done, total = :total, updated_at = :now WHERE id = :id")
                        .param("phase", phase).param("done", done).param("total", total)
                        .param("now", Timestamp.from(clock.instant())).param("id", id.toString()).update();
                }
            }
        };
        try (csv) {
            ImportResult result = "cis".equals(kind) ? cmdb.importCis(csv, progress) : cmdb.importRelationships(csv, progress);
            finish(id, "succeeded", json.writeValueAsString(result), null);
        } catch (ImportRejectedException e) {
            List<RowError> errors = e.errors().size() > MAX_STORED_ERRORS ? e.errors().subList(0, MAX_STORED_ERRORS) : e.errors();
            finish(id, "rejected", null, json.writeValueAsString(errors));
        } catch (ValidationException e) {
            finish(id, "rejected", null, json.writeValueAsString(e.errors().stream()
                .map(f -> new RowError(0, null, f.message())).toList()));
        } catch (RuntimeException e) {
            log.error("CSV import {} failed", id, e);
            String reason = e instanceof org.springframework.dao.OptimisticLockingFailureException
                || e instanceof org.estate.platform.ConflictException ? e.getMessage() : "Unexpected error: the import was rolled back and has been logged";
            finish(id, "failed", null, json.writeValueAsString(List.of(new RowError(0, null, reason))));
        }
    }

    private void finish(UUID id, String status, String result, String errors) {
        Timestamp now = Timestamp.from(clock.instant());
        jdbc.sql("""
                UPDATE cmdb_import_job SET status = :status, phase = 'finished', result = :result, errors = :errors,
                       updated_at = :now, finished_at = :now WHERE id = :id""")
            .param("status", status).param("result", result).param("errors", errors).param("now", now)
            .param("id", id.toString()).update();
    }

    @Override
    public Optional<Job> job(UUID id) {
        Instant stalledBefore = clock.instant().minus(STALLED);
        return jdbc.sql("SELECT * FROM cmdb_import_job WHERE id = :id").param("id", id.toString())
            .query((rs, n) -> {
                String status = rs.getString("status");
                Instant updated = rs.getTimestamp("updated_at").toInstant();
                String errors = rs.getString("errors");
                List<RowError> rowErrors = errors == null ? List.of() : json.readValue(errors, new TypeReference<List<RowError>>() { });
                if ("running".equals(status) && updated.isBefore(stalledBefore)) {
                    status = "failed";
                    rowErrors = List.of(new RowError(0, null, "The import stopped reporting progress (its server may have restarted); nothing was written: run it again"));
                }
                String result = rs.getString("result");
                Timestamp finished = rs.getTimestamp("finished_at");
                return new Job(UUID.fromString(rs.getString("id")), rs.getString("kind"), status, rs.getString("phase"),
                    rs.getLong("done"), rs.getLong("total"), result == null ? null : json.readValue(result, ImportResult.class),
                    rowErrors, rs.getString("started_by"), rs.getTimestamp("started_at").toInstant(),
                    finished == null ? null : finished.toInstant());
            }).optional();
    }

    @PreDestroy
    void stop() {
        executor.shutdownNow();
    }
}
