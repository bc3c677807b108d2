package org.estate.platform;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * The one CSV reading convention of every import. The upload is copied to a temporary file (never
 * held in memory) up to the import size limit, beyond which it is refused with 413; its encoding is
 * then decided from the whole file: UTF-8 (with or without a byte-order mark), else Windows-1252
 * (what Excel's "CSV (Comma delimited)" writes), else it is refused with 422. So no byte is ever
 * decoded into a U+FFFD replacement character. Rows are streamed, as often as the importer wants
 * to pass over them, with the formula-injection escape of {@link CsvCells} undone and numbered as
 * Excel numbers them (the header is row 1).
 */
public final class CsvFile implements AutoCloseable {

    /** RFC 4180; blank lines are read (and skipped by {@link Rows}) so that row numbers stay Excel's. */
    public static final CSVFormat FORMAT = CSVFormat.RFC4180.builder().setIgnoreEmptyLines(false).setRecordSeparator("\n").get();
    public static final Charset WINDOWS_1252 = Charset.forName("windows-1252");

    private final Path path;
    private final Charset charset;
    private final long size;

    private CsvFile(Path path, Charset charset, long size) {
        this.path = path;
        this.charset = charset;
        this.size = size;
    }

    /**
     * Copies {@code in} to a temporary file, refusing it past {@code maxBytes} (413), and decides its
     * encoding (422 naming the field {@code file} when it is neither UTF-8 nor Windows-1252).
     */
    public static CsvFile spool(InputStream in, long maxBytes) throws IOException {
        Path path = Files.createTempFile("estate-import-", ".csv");
        try {
            Detector detector = new Detector();
            long size = 0;
            byte[] buffer = new byte[64 * 1024];
            try (OutputStream out = Files.newOutputStream(path)) {
                int n;
                while ((n = in.read(buffer)) > 0) {
                    size += n;
                    if (size > maxBytes) {
                        throw new PayloadTooLargeException(maxBytes);
                    }
                    detector.feed(buffer, n);
                    out.write(buffer, 0, n);
                }
            }
            return new CsvFile(path, detector.finish(), size);
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(path);
            throw e;
        }
    }

    /** The body of an API request ({@code text/csv}), refused at once when it announces more than the limit. */
    public static CsvFile spool(jakarta.servlet.http.HttpServletRequest request, long maxBytes) throws IOException {
        if (request.getContentLengthLong() > maxBytes) {
            throw new PayloadTooLargeException(maxBytes);
        }
        return spool(request.getInputStream(), maxBytes);
    }

    public Charset charset() {
        return charset;
    }

    public long size() {
        return size;
    }

    /** A fresh pass over the file's records; close it when done. */
    public Rows rows() {
        try {
            BufferedReader reader = new BufferedReader(new InputStreamReader(Files.newInputStream(path), charset), 64 * 1024);
            reader.mark(1);
            if (reader.read() != '\uFEFF') {
                reader.reset();
            }
            return new Rows(reader);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        try {
            Files.deleteIfExists(path);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * One record: its row number as Excel shows it, its cells with the formula escape undone, and
     * which cells held the clear marker {@value CsvValues#CLEAR} (unquoted).
     */
    public record Row(int number, List<String> cells, java.util.BitSet clears) {
        public Row(int number, List<String> cells) {
            this(number, cells, new java.util.BitSet());
        }

        public String cell(int index) {
            return index < cells.size() ? cells.get(index) : "";
        }

        /** Whether the cell asks to clear its field. */
        public boolean clears(int index) {
            return clears.get(index);
        }
    }

    /**
     * The records of one pass: {@link #header()} is the first (trimmed), iteration gives the rest. A
     * broken quote is reported as a 422 on the field {@code file} naming the row.
     */
    public static final class Rows implements Iterable<Row>, AutoCloseable {

        private final Reader reader;
        private final CSVParser parser;
        private final Iterator<CSVRecord> records;
        private final List<String> header;
        private int lastRow = 1;

        Rows(Reader reader) throws IOException {
            this.reader = reader;
            this.parser = FORMAT.parse(reader);
            this.records = parser.iterator();
            Row first = next(records);
            this.header = first == null ? List.of() : first.cells().stream().map(String::strip).toList();
        }

        /** The header row's cells, trimmed; empty for an empty file. */
        public List<String> header() {
            return header;
        }

        @Override
        public Iterator<Row> iterator() {
            return new Iterator<>() {
                private Row next;

                @Override
                public boolean hasNext() {
                    if (next == null) {
                        next = Rows.this.next(records);
                    }
                    return next != null;
                }

                @Override
                public Row next() {
                    if (!hasNext()) {
                        throw new NoSuchElementException();
                    }
                    Row r = next;
                    next = null;
                    return r;
                }
            };
        }

        private Row next(Iterator<CSVRecord> it) {
            try {
                while (it.hasNext()) {
                    CSVRecord record = it.next();
                    // Excel shows one row per record (a quoted cell's line breaks stay inside its row),
                    // blank lines included: so the record's number is the row Excel shows.
                    lastRow = (int) record.getRecordNumber();
                    List<String> cells = new ArrayList<>(record.size());
                    java.util.BitSet clears = new java.util.BitSet();
                    boolean blank = true;
                    for (String v : record) {
                        if (CsvValues.isClear(v)) {
                            clears.set(cells.size());
                        }
                        blank &= v.isBlank();
                        cells.add(CsvCells.unescape(v));
                    }
                    if (!blank) {
                        return new Row(lastRow, cells, clears);
                    }
                }
                return null;
            } catch (UncheckedIOException | IllegalStateException e) {
                String reason = e.getCause() != null && e.getCause().getMessage() != null ? e.getCause().getMessage() : e.getMessage();
                throw new ValidationException("file", "The file is not valid CSV after row " + lastRow
                    + " (a quote is not closed, or a quoted cell has text after its closing quote): " + reason);
            }
        }

        @Override
        public void close() {
            try {
                parser.close();
                reader.close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /** Decides the encoding while the bytes go by, without holding them. */
    private static final class Detector {
        private final CharsetDecoder utf8 = StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        private final ByteBuffer pending = ByteBuffer.allocate(64 * 1024 + 8);
        private final CharBuffer sink = CharBuffer.allocate(64 * 1024 + 8);
        private boolean validUtf8 = true;
        private boolean undefinedIn1252;
        private boolean nul;
        private long seen;
        private final byte[] start = new byte[2];

        void feed(byte[] bytes, int n) {
            for (int i = 0; i < n; i++) {
                int b = bytes[i] & 0xFF;
                if (seen + i < 2) {
                    start[(int) seen + i] = (byte) b;
                }
                if (b == 0) {
                    nul = true;
                } else if (b == 0x81 || b == 0x8D || b == 0x8F || b == 0x90 || b == 0x9D) {
                    undefinedIn1252 = true;
                }
            }
            seen += n;
            if (validUtf8) {
                pending.put(bytes, 0, n).flip();
                decode(false);
                pending.compact();
            }
        }

        private void decode(boolean end) {
            while (true) {
                sink.clear();
                CoderResult r = utf8.decode(pending, sink, end);
                if (r.isError()) {
                    validUtf8 = false;
                    return;
                }
                if (r.isUnderflow()) {
                    return;
                }
            }
        }

        Charset finish() {
            int b0 = start[0] & 0xFF;
            int b1 = start[1] & 0xFF;
            if (seen >= 2 && ((b0 == 0xFF && b1 == 0xFE) || (b0 == 0xFE && b1 == 0xFF)) || nul) {
                throw new ValidationException("file", "The file is UTF-16 (Excel's \"Unicode Text\"): save it as \"CSV UTF-8 (Comma delimited)\" and try again");
            }
            if (validUtf8) {
                pending.flip();
                decode(true);
                if (validUtf8) {
                    sink.clear();
                    validUtf8 = !utf8.flush(sink).isError();
                }
            }
            if (validUtf8) {
                return StandardCharsets.UTF_8;
            }
            if (!undefinedIn1252) {
                return WINDOWS_1252;
            }
            throw new ValidationException("file", "The file must be UTF-8: save it as \"CSV UTF-8 (Comma delimited)\" and try again (it is neither UTF-8 nor Windows-1252)");
        }
    }
}
