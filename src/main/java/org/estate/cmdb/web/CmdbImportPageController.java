package org.estate.cmdb.web;

import java.io.IOException;
import java.nio.file.Files;
import java.util.Map;
import java.util.UUID;

import jakarta.servlet.http.HttpServletResponse;

import org.estate.cmdb.Cmdb;
import org.estate.cmdb.CmdbImports;
import org.estate.cmdb.CiFilter;
import org.estate.cmdb.ImportRejectedException;
import org.estate.platform.CheckedUploads;
import org.estate.platform.CsvFile;
import org.estate.platform.ImportCheck;
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

/**
 * CSV import with a check first ("Check this file": a dry run that shows, field by field, what the
 * file would create, update and leave unchanged, writing nothing; the checked file is kept on the
 * server for the session ({@link CheckedUploads}) so that "Import" on the check page imports it), a progress page for the import
 * itself (refreshes itself, no JavaScript needed) and CSV export for the pages.
 */
@Controller
class CmdbImportPageController {

    private final CmdbImports imports;
    private final Cmdb cmdb;

    private final ImportProperties limits;
    private final CheckedUploads checked;

    CmdbImportPageController(CmdbImports imports, Cmdb cmdb, ImportProperties limits, CheckedUploads checked) {
        this.checked = checked;
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

    /** How many rows' changes the check page lists; the counts are always complete. */
    static final int SHOWN_CHANGES = 100;

    @PostMapping("/cmdb/import")
    @PreAuthorize("hasRole('ENGINEER')")
    String upload(jakarta.servlet.http.HttpServletRequest form, Model model) throws IOException {
        MultipartHttpServletRequest request = org.estate.platform.Uploads.multipart(form);
        String kind = null;
        try {
            if ("check".equals(request.getParameter("action"))) {
                kind = request.getParameter("kind");
                return check(kind, request.getFile("file"), form.getSession().getId(), model);
            }
            // Multipart is resolved lazily: should a file past the limit reach this far (the container
            // usually refuses it first, with the GOV.UK 413 page), it is shown beside its field.
            kind = request.getParameter("kind");
            MultipartFile file = request.getFile("file");
            CmdbImports.Job job;
            String checkedId = request.getParameter("checked");
            if (checkedId != null && (file == null || file.isEmpty())) {
                // The file checked on the page before, kept on the server for this session.
                CheckedUploads.Kept kept = checked.take(form.getSession().getId(), checkedId).orElseThrow(() -> new ValidationException(
                    "file", "The checked file is no longer kept (it is kept for an hour, and imported once): choose it again"));
                kind = kept.kind();
                try (var in = Files.newInputStream(kept.path())) {
                    job = imports.start(kind, in);
                } finally {
                    checked.discard(kept);
                }
                return "redirect:/cmdb/import/" + job.id();
            }
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

    /** The dry run on the page: what the file would do, or every problem with its row and column. */
    private String check(String kind, MultipartFile file, String session, Model model) throws IOException {
        if (!"cis".equals(kind) && !"relationships".equals(kind)) {
            throw new ValidationException("kind", "Choose what the file holds: CIs or relationships");
        }
        if (file == null || file.isEmpty()) {
            throw new ValidationException("file", "Choose a CSV file to check");
        }
        model.addAttribute("kind", kind);
        model.addAttribute("limit", limits.described());
        model.addAttribute("fileName", file.getOriginalFilename());
        CheckedUploads.Kept kept;
        try (var upload = file.getInputStream()) {
            kept = checked.keep(session, kind, file.getOriginalFilename(), upload, limits.maxBytes());
        }
        boolean keep = false;
        try (var in = Files.newInputStream(kept.path()); CsvFile csv = CsvFile.spool(in, limits.maxBytes())) {
            ImportCheck check = "cis".equals(kind) ? cmdb.checkCis(csv) : cmdb.checkRelationships(csv);
            keep = true;
            model.addAttribute("checked", kept.id());
            model.addAttribute("check", check);
            model.addAttribute("shown", check.changes().subList(0, Math.min(SHOWN_CHANGES, check.changes().size())));
            model.addAttribute("rows", check.created() + check.updated() + check.unchanged());
            model.addAttribute("errors", Map.of());
            return "cmdb/import/check";
        } catch (ImportRejectedException e) {
            model.addAttribute("problems", e.errors());
            model.addAttribute("errors", Map.of("file", "The file has " + e.errors().size()
                + " problem(s): correct them and check the file again (nothing was imported)"));
            return "cmdb/import/form";
        } finally {
            if (!keep) {
                checked.discard(kept);
            }
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
    void exportRelationships(@RequestParam(required = false) boolean excel, HttpServletResponse response) throws IOException {
        CsvDownload.send(response, "relationships.csv", out -> cmdb.exportRelationships(out, excel));
    }
}
