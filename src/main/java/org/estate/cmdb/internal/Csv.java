package org.estate.cmdb.internal;

import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.List;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.estate.cmdb.ImportRejectedException;
import org.estate.cmdb.ImportRejectedException.RowError;

/** Reading and writing the CMDB's CSV files with Commons CSV (RFC 4180, header row first). */
final class Csv {

    static final CSVFormat FORMAT = CSVFormat.RFC4180.builder().setIgnoreEmptyLines(true).setRecordSeparator("\n").get();

    record Table(List<String> header, List<CSVRecord> rows) {
    }

    private Csv() {
    }

    static Table read(Reader reader) throws IOException {
        List<CSVRecord> records = new ArrayList<>();
        try (CSVParser parser = FORMAT.parse(reader)) {
            for (CSVRecord record : parser) {
                records.add(record);
            }
        } catch (java.io.UncheckedIOException | IllegalStateException e) {
            // A broken quote: Commons CSV says where.
            throw new ImportRejectedException(List.of(new RowError(Math.max(0, records.size()), null,
                "The file is not valid CSV: " + e.getMessage())));
        }
        if (records.isEmpty()) {
            throw new ImportRejectedException(List.of(new RowError(0, null, "The file is empty: it needs a header row")));
        }
        List<String> header = new ArrayList<>();
        for (String h : records.getFirst()) {
            header.add(h.replace("\uFEFF", "").trim());
        }
        return new Table(header, records.subList(1, records.size()));
    }
}
