package org.estate.platform.backup;

import java.util.Map;

import org.estate.platform.ConflictException;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;

import jakarta.servlet.http.HttpServletResponse;

/** The "Backup" page: admins download a backup of the running Estate with one button. */
@Controller
class BackupPageController {

    private final DatabaseBackups backups;

    BackupPageController(DatabaseBackups backups) {
        this.backups = backups;
    }

    @GetMapping("/admin/backup")
    @PreAuthorize("hasRole('ADMIN')")
    String page(Model model) {
        model.addAttribute("unavailable", backups.unavailableReason());
        model.addAttribute("errors", Map.of());
        return "platform/backup";
    }

    @PostMapping("/admin/backup")
    @PreAuthorize("hasRole('ADMIN')")
    String download(HttpServletResponse response, Model model) {
        try {
            BackupDownload.send(backups, response);
            return null;
        } catch (ConflictException | BackupUnavailableException e) {
            response.setStatus(e instanceof ConflictException ? HttpServletResponse.SC_CONFLICT : HttpServletResponse.SC_NOT_IMPLEMENTED);
            model.addAttribute("unavailable", backups.unavailableReason());
            model.addAttribute("errors", Map.of("backup", e.getMessage()));
            return "platform/backup";
        }
    }
}
