package org.estate.cmdb.web;

import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

import jakarta.servlet.http.HttpServletResponse;

/** Streams a CSV download, shared by the API and the pages. */
final class CsvDownload {

    private CsvDownload() {
    }

    /**
     * Exactly the CIs the list shows for this filter. The filter is checked first (404 for an
     * unknown class, 422 for a bad status), so an error is never a cut-off 200.
     */
    static void sendCis(org.estate.cmdb.Cmdb cmdb, org.estate.cmdb.CiFilter raw, HttpServletResponse response) throws IOException {
        org.estate.cmdb.CiFilter filter = new org.estate.cmdb.CiFilter(blank(raw.ciClass()), blank(raw.status()),
            blank(raw.criticality()), blank(raw.q()), blank(raw.tag()));
        if (filter.ciClass() != null) {
            cmdb.ciClass(filter.ciClass()).orElseThrow(() -> new org.estate.platform.NotFoundException("No CI class '" + filter.ciClass() + "'"));
        }
        cmdb.search(filter, org.estate.platform.Paging.of(0, 1));
        send(response, (filter.ciClass() == null ? "cis" : filter.ciClass()) + ".csv", out -> cmdb.exportCis(filter, out));
    }

    private static String blank(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }

    static void send(HttpServletResponse response, String filename, Consumer<Writer> body) throws IOException {
        response.setContentType("text/csv;charset=UTF-8");
        response.setHeader("Content-Disposition", "attachment; filename=\"" + filename + "\"");
        Writer out = new OutputStreamWriter(response.getOutputStream(), StandardCharsets.UTF_8);
        body.accept(out);
        out.flush();
    }
}
