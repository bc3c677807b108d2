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

    static void send(HttpServletResponse response, String filename, Consumer<Writer> body) throws IOException {
        response.setContentType("text/csv;charset=UTF-8");
        response.setHeader("Content-Disposition", "attachment; filename=\"" + filename + "\"");
        Writer out = new OutputStreamWriter(response.getOutputStream(), StandardCharsets.UTF_8);
        body.accept(out);
        out.flush();
    }
}
