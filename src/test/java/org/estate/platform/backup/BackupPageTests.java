package org.estate.platform.backup;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import org.estate.test.BrowserSupport;
import org.estate.test.EstateTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

import com.microsoft.playwright.Download;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;

/** The Backup page in real Chromium: an admin downloads a backup; a second one at the same time is refused on the page. */
@EstateTest
@TestPropertySource(properties = "estate.test.own-database=file")
class BackupPageTests extends BrowserSupport {

    @Autowired
    DatabaseBackups backups;

    private Page.GetByRoleOptions named(String name) {
        return new Page.GetByRoleOptions().setName(name).setExact(true);
    }

    @Test
    void adminDownloadsABackupFromThePage() throws Exception {
        signInAsAdmin();
        open("/admin/backup");
        assertThat(page.locator("h1")).hasText("Backup");
        assertThat(page.locator(".govuk-warning-text")).containsText("password");
        axe();
        Download download = page.waitForDownload(() -> page.getByRole(AriaRole.BUTTON, named("Download a backup")).click());
        assertThat(download.suggestedFilename()).matches("estate-backup-\\d{8}T\\d{6}Z\\.zip");
        Path file = download.path();
        assertThat(H2Backups.verify(file)).isEqualTo("estate.mv.db");
    }

    @Test
    void aSecondBackupAtTheSameTimeIsRefusedOnThePage() {
        signInAsAdmin();
        open("/admin/backup");
        try (DatabaseBackups.Backup first = backups.take()) {
            page.getByRole(AriaRole.BUTTON, named("Download a backup")).click();
            assertThat(page.locator(".govuk-error-summary")).containsText("already being taken");
            axe();
        }
    }

    @Test
    void onlyAdminsSeeThePage() {
        signInAs("backup.page.manager", "manager");
        var response = page.navigate(url("/admin/backup"));
        assertThat(response.status()).isEqualTo(403);
        assertThat(page.getByRole(AriaRole.BUTTON, named("Download a backup"))).hasCount(0);
    }
}
