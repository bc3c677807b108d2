package org.estate.cmdb.web;

import java.io.IOException;
import java.util.Map;
import java.util.UUID;

import jakarta.servlet.http.HttpServletResponse;

import org.estate.cmdb.Cmdb;
import org.estate.cmdb.CmdbImports;
import org.estate.platform.NotFoundException;
import org.estate.platform.ValidationException;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;

/** CSV import with a progress page (refreshes itself, no JavaScript needed) and CSV export for the pages. */
@Controller
class CmdbImportPageController {

    private final CmdbImports imports;
    private final Cmdb cmdb;

    CmdbImportPageController(CmdbImports imports, Cmdb cmdb) {
        this.imports = imports;
        this.cmdb = cmdb;
    }

    @GetMapping("/cmdb/import")
    @PreAuthorize("hasRole('ENGINEER')")
    String form(Model model) {
        model.addAttribute("errors", Map.of());
        model.addAttribute("kind", "cis");
        return "cmdb/import/form";
    }

    @PostMapping("/cmdb/import")
    @PreAuthorize("hasRole('ENGINEER')")
    String upload(@RequestParam(required = false) String kind, @RequestParam(required = false) MultipartFile file, Model model)
        throws IOException {
        try {
            CmdbImports.Job job = imports.start(kind == null ? "" : kind, file == null ? null : file.getBytes());
            return "redirect:/cmdb/import/" + job.id();
        } catch (ValidationException e) {
            model.addAttribute("errors", CiForm.errors(e));
            model.addAttribute("kind", kind);
            return "cmdb/import/form";
        }
    }

    @GetMapping("/cmdb/import/{id}")
    @PreAuthorize("hasRole('ENGINEER')")
    String job(@PathVariable UUID id, Model model) {
        model.addAttribute("job", imports.job(id).orElseThrow(() -> new NotFoundException("No import " + id)));
        return "cmdb/import/job";
    }

    @GetMapping("/cmdb/cis/export.csv")
    @PreAuthorize("hasRole('VIEWER')")
    void exportCis(@RequestParam(name = "class", required = false) String ciClass, HttpServletResponse response) throws IOException {
        String key = ciClass == null || ciClass.isBlank() ? null : ciClass;
        if (key != null) {
            cmdb.ciClass(key).orElseThrow(() -> new NotFoundException("No class " + key));
        }
        CsvDownload.send(response, (key == null ? "cis" : key) + ".csv", out -> cmdb.exportCis(key, out));
    }

    @GetMapping("/cmdb/relationships/export.csv")
    @PreAuthorize("hasRole('VIEWER')")
    void exportRelationships(HttpServletResponse response) throws IOException {
        CsvDownload.send(response, "relationships.csv", cmdb::exportRelationships);
    }
}
