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
     * Exactly the CIs the list shows for this filter, in its order. The filter and order are
     * checked first (422 naming the parameter for an unknown class, status or sort field), so an
     * error is never a cut-off 200.
     */
    static void sendCis(org.estate.cmdb.Cmdb cmdb, org.estate.cmdb.CiFilter filter, String sort, boolean excel,
                        HttpServletResponse response) throws IOException {
        org.estate.platform.Sort order = cmdb.ciSort(sort);
        cmdb.search(filter, order, org.estate.platform.Paging.of(0, 1));
        String name = filter.ciClass() == null || filter.ciClass().contains(",") ? "cis" : filter.ciClass();
        send(response, name + ".csv", out -> cmdb.exportCis(filter, order, out, excel));
    }

    /** One filter value from a parameter given once, several times or comma-separated: comma-joined, or null. */
    static String joined(java.util.List<String> values) {
        if (values == null) {
            return null;
        }
        String joined = values.stream().filter(v -> v != null && !v.isBlank()).map(String::trim)
            .collect(java.util.stream.Collectors.joining(","));
        return joined.isEmpty() ? null : joined;
    }

    static String blank(String s) {
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
