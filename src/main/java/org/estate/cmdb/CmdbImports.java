package org.estate.cmdb;

import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * CSV imports run in the background so that a page can show progress on a large file. The job's
 * state is kept in the database, so any node can report it. The import itself is still
 * all-or-nothing.
 */
public interface CmdbImports {

    /** {@code status}: running, succeeded, rejected (bad rows, nothing written) or failed (unexpected error). */
    record Job(UUID id, String kind, String status, String phase, long done, long total, ImportResult result,
               List<ImportRejectedException.RowError> errors, String startedBy, Instant startedAt, Instant finishedAt) {

        public boolean finished() {
            return !"running".equals(status);
        }

        public int percent() {
            return total <= 0 ? 0 : (int) Math.min(100, done * 100 / total);
        }
    }

    /**
     * Starts importing {@code csv}; {@code kind} is {@code cis} or {@code relationships}. The file
     * is read (to a temporary file) and its size and encoding checked before this returns.
     *
     * @throws org.estate.platform.PayloadTooLargeException past the import size limit
     * @throws org.estate.platform.ValidationException      no file, an empty one, or not UTF-8 nor Windows-1252
     */
    Job start(String kind, InputStream csv) throws IOException;

    Optional<Job> job(UUID id);
}
