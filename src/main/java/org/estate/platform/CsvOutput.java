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
