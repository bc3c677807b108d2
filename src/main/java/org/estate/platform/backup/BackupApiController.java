package org.estate.platform.backup;

import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletResponse;

@RestController
@RequestMapping("/api/v1/admin/backup")
@Tag(name = "Backup")
class BackupApiController {

    private final DatabaseBackups backups;

    BackupApiController(DatabaseBackups backups) {
        this.backups = backups;
    }

    @PostMapping
    @PreAuthorize("hasRole('ADMIN')")
    @Operation(summary = "Takes a backup of the running Estate and answers it as a download; admin only",
        description = "On the embedded H2 database: a zip holding estate.mv.db, H2's online backup, consistent, taken "
            + "without stopping Estate (restore it with ./estate restore). One backup at a time: 409 while another is "
            + "being taken. On PostgreSQL: 501, use pg_dump and pg_restore. The file holds password and token hashes.",
        responses = {
            @ApiResponse(responseCode = "200", description = "The backup, estate-backup-<UTC time>.zip",
                content = @Content(mediaType = BackupDownload.CONTENT_TYPE, schema = @Schema(type = "string", format = "binary"))),
            @ApiResponse(responseCode = "409", description = "Another backup is being taken"),
            @ApiResponse(responseCode = "501", description = "PostgreSQL: back up with pg_dump")})
    void backup(HttpServletResponse response) {
        BackupDownload.send(backups, response);
    }
}
