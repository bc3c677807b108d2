package org.estate.cmdb.web;

import java.io.IOException;
import java.util.Map;
import java.util.UUID;

import jakarta.servlet.http.HttpServletResponse;

import org.estate.cmdb.Cmdb;
import org.estate.cmdb.CmdbImports;
import org.estate.cmdb.CiFilter;
import org.estate.platform.ImportProperties;
import org.estate.platform.NotFoundException;
import org.estate.platform.PayloadTooLargeException;
import org.estate.platform.ValidationException;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.multipart.MultipartHttpServletRequest;

/** CSV import with a progress page (refreshes itself, no JavaScript needed) and CSV export for the pages. */
@Controller
class CmdbImportPageController {

    private final CmdbImports imports;
    private final Cmdb cmdb;

    private final ImportProperties limits;

    CmdbImportPageController(CmdbImports imports, Cmdb cmdb, ImportProperties limits) {
        this.limits = limits;
        this.imports = imports;
        this.cmdb = cmdb;
    }

    @GetMapping("/cmdb/import")
    @PreAuthorize("hasRole('ENGINEER')")
    String form(Model model) {
        model.addAttribute("errors", Map.of());
        model.addAttribute("kind", "cis");
        model.addAttribute("limit", limits.described());
        return "cmdb/import/form";
    }

    @PostMapping("/cmdb/import")
    @PreAuthorize("hasRole('ENGINEER')")
    String upload(jakarta.servlet.http.HttpServletRequest form, Model model) throws IOException {
        MultipartHttpServletRequest request = org.estate.platform.Uploads.multipart(form);
        String kind = null;
        try {
            // Multipart is resolved lazily: should a file past the limit reach this far (the container
            // usually refuses it first, with the GOV.UK 413 page), it is shown beside its field.
            kind = request.getParameter("kind");
            MultipartFile file = request.getFile("file");
            CmdbImports.Job job;
            if (file == null || file.isEmpty()) {
                throw new ValidationException("file", "Choose a CSV file to import");
            }
            try (var in = file.getInputStream()) {
                job = imports.start(kind == null ? "" : kind, in);
            }
            return "redirect:/cmdb/import/" + job.id();
        } catch (ValidationException e) {
            model.addAttribute("errors", CiForm.errors(e));
        } catch (MaxUploadSizeExceededException | PayloadTooLargeException e) {
            model.addAttribute("errors", Map.of("file", "The selected file must be smaller than " + limits.described()));
        }
        model.addAttribute("kind", kind);
        model.addAttribute("limit", limits.described());
        return "cmdb/import/form";
    }

    @GetMapping("/cmdb/import/{id}")
    @PreAuthorize("hasRole('ENGINEER')")
    String job(@PathVariable UUID id, Model model) {
        model.addAttribute("job", imports.job(id).orElseThrow(() -> new NotFoundException("No import " + id)));
        return "cmdb/import/job";
    }

    @GetMapping("/cmdb/cis/export.csv")
    @PreAuthorize("hasRole('VIEWER')")
    void exportCisPage(@RequestParam(name = "class", required = false) java.util.List<String> ciClass,
                       @RequestParam(required = false) java.util.List<String> status,
                       @RequestParam(required = false) java.util.List<String> criticality, @RequestParam(required = false) String tag,
                       @RequestParam(required = false) String q, @RequestParam(required = false) String sort,
                       @RequestParam(required = false) boolean excel, HttpServletResponse response) throws IOException {
        CsvDownload.sendCis(cmdb, new CiFilter(CsvDownload.joined(ciClass), CsvDownload.joined(status), CsvDownload.joined(criticality),
            CsvDownload.blank(q), CsvDownload.blank(tag)), sort, excel, response);
    }

    @GetMapping("/cmdb/relationships/export.csv")
    @PreAuthorize("hasRole('VIEWER')")
    void exportRelationships(HttpServletResponse response) throws IOException {
        CsvDownload.send(response, "relationships.csv", cmdb::exportRelationships);
    }
}
