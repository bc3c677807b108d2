package org.estate.platform;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;

import org.apache.commons.csv.CSVPrinter;

/**
 * The one way every CSV export writes its rows: RFC 4180 in the format {@link CsvFile} reads, with
 * every cell escaped against formula injection ({@link CsvCells}), so an export re-imported
 * changes nothing and a spreadsheet never runs a cell.
 */
public final class CsvOutput {

    private final CSVPrinter printer;

    public CsvOutput(Writer out) {
        this(out, false);
    }

    /**
     * With {@code excel}: a UTF-8 byte order mark first and CRLF line ends, so Excel on Windows
     * opens the file with its accents intact ({@code ?excel=true} on every export).
     */
    public CsvOutput(Writer out, boolean excel) {
        try {
            if (excel) {
                out.write('\uFEFF');
            }
            this.printer = new CSVPrinter(out, excel ? CsvFile.FORMAT.builder().setRecordSeparator("\r\n").get() : CsvFile.FORMAT);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A CSV download: the response's headers set ({@code text/csv}, an attachment named
     * {@code filename}) and its body ready for rows. Call {@link #flush} at the end. Check the
     * request (filters, order) before, so an error is never a cut-off 200.
     */
    public static CsvOutput attachment(jakarta.servlet.http.HttpServletResponse response, String filename, boolean excel) {
        response.setContentType("text/csv;charset=UTF-8");
        response.setHeader("Content-Disposition", "attachment; filename=\"" + filename + "\"");
        try {
            return new CsvOutput(new java.io.OutputStreamWriter(response.getOutputStream(), java.nio.charset.StandardCharsets.UTF_8), excel);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public void row(Iterable<String> cells) {
        try {
            for (String cell : cells) {
                printer.print(CsvCells.escape(cell == null ? "" : cell));
            }
            printer.println();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public void row(String... cells) {
        row(java.util.Arrays.asList(cells));
    }

    public void flush() {
        try {
            printer.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
