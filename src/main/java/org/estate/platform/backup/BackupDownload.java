package org.estate.platform.backup;

import java.io.IOException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;

import jakarta.servlet.http.HttpServletResponse;

/** Takes a backup and streams it as a file download, shared by the API and the page; the file is gone afterwards. */
final class BackupDownload {

    static final String CONTENT_TYPE = "application/zip";
    private static final Logger log = LoggerFactory.getLogger(BackupDownload.class);

    private BackupDownload() {
    }

    static void send(DatabaseBackups backups, HttpServletResponse response) {
        try (DatabaseBackups.Backup backup = backups.take()) {
            response.setStatus(HttpServletResponse.SC_OK);
            response.setContentType(CONTENT_TYPE);
            response.setHeader(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment().filename(backup.fileName()).build().toString());
            response.setHeader(HttpHeaders.CACHE_CONTROL, "no-store");
            // The length lets a client tell a cut-off download from a whole one.
            response.setContentLengthLong(backup.size());
            try {
                backup.writeTo(response.getOutputStream());
                response.flushBuffer();
            } catch (IOException e) {
                // The client went away (or the connection broke): nothing more can be said to it.
                log.warn("Backup {} was not delivered whole: {}", backup.fileName(), e.getMessage());
            }
        }
    }
}
