package org.estate.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The one CSV reading convention: encodings, size limit, formula escape and its exact round trip. */
@Tag("unit")
class CsvConventionTests {

    static CsvFile spool(byte[] bytes, long max) throws IOException {
        return CsvFile.spool(new ByteArrayInputStream(bytes), max);
    }

    static List<List<String>> rows(CsvFile f) {
        List<List<String>> all = new ArrayList<>();
        try (CsvFile.Rows rows = f.rows()) {
            all.add(rows.header());
            rows.forEach(r -> all.add(r.cells()));
        }
        return all;
    }

    @Test
    void utf8WithOrWithoutBomAndWindows1252AreDecodedWithoutReplacementCharacters() throws IOException {
        String text = "name,description\nTown hall – annex,£12 a month\n";
        for (byte[] bytes : List.of(text.getBytes(StandardCharsets.UTF_8),
            concat(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}, text.getBytes(StandardCharsets.UTF_8)),
            text.getBytes(CsvFile.WINDOWS_1252))) {
            try (CsvFile f = spool(bytes, 1000)) {
                assertThat(rows(f)).containsExactly(List.of("name", "description"), List.of("Town hall – annex", "£12 a month"));
            }
        }
        // Excel's bytes for "–" and "£" in "CSV (Comma delimited)".
        try (CsvFile f = spool(new byte[] {'a', '\n', (byte) 0x96, ' ', (byte) 0xA3, '\n'}, 1000)) {
            assertThat(f.charset()).isEqualTo(CsvFile.WINDOWS_1252);
            assertThat(rows(f).get(1)).containsExactly("– £");
        }
    }

    @Test
    void whatIsNeitherUtf8NorWindows1252IsRefusedNamingTheFile() {
        // 0x81 is undefined in Windows-1252 and not UTF-8 on its own.
        assertThatThrownBy(() -> spool(new byte[] {'a', '\n', (byte) 0x81, '\n'}, 1000))
            .isInstanceOfSatisfying(ValidationException.class, e -> {
                assertThat(e.errors().getFirst().field()).isEqualTo("file");
                assertThat(e.errors().getFirst().message()).contains("must be UTF-8");
            });
        assertThatThrownBy(() -> spool("a,b\n".getBytes(StandardCharsets.UTF_16), 1000))
            .isInstanceOf(ValidationException.class).hasMessageContaining("UTF-16");
    }

    @Test
    void anUploadPastTheLimitIsRefusedWithTheLimit() {
        assertThatThrownBy(() -> spool(new byte[2049], 2048)).isInstanceOfSatisfying(PayloadTooLargeException.class,
            e -> assertThat(e.getMessage()).contains("2 KB limit"));
    }

    @Test
    void aBrokenQuoteIsA422NamingTheRow() throws IOException {
        try (CsvFile f = spool("a,b\n1,2\n\"3,4\n".getBytes(StandardCharsets.UTF_8), 1000); CsvFile.Rows rows = f.rows()) {
            assertThatThrownBy(() -> rows.forEach(r -> { })).isInstanceOf(ValidationException.class).hasMessageContaining("after row 2");
        }
    }

    @Test
    void formulaCellsAreEscapedAndEveryValueRoundTrips() throws IOException {
        assertThat(CsvCells.escape("=SUM(A1:A9)")).isEqualTo("'=SUM(A1:A9)");
        assertThat(CsvCells.escape("+44 20")).isEqualTo("'+44 20");
        assertThat(CsvCells.escape("@cmd")).isEqualTo("'@cmd");
        assertThat(CsvCells.escape("\tx")).isEqualTo("'\tx");
        assertThat(CsvCells.escape("\rx")).isEqualTo("'\rx");
        assertThat(CsvCells.escape("-2+3")).isEqualTo("'-2+3");
        assertThat(CsvCells.escape("'=x")).isEqualTo("''=x");
        assertThat(CsvCells.escape("-12.5")).isEqualTo("-12.5");
        assertThat(CsvCells.escape("'quoted")).isEqualTo("'quoted");
        List<String> values = new ArrayList<>(List.of("", "'", "''", "=", "'=", "''=", "-", "-1", "'-1", "''-1", "+1", "@", "a=b",
            "'quoted'", "\t", "\r\n=x", "=1+2\n'", "–£€"));
        Random random = new Random(7);
        String alphabet = "'=+-@\t\r\n\",;a1 £–";
        for (int i = 0; i < 2000; i++) {
            StringBuilder s = new StringBuilder();
            for (int n = random.nextInt(6); n > 0; n--) {
                s.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            values.add(s.toString());
        }
        for (String v : values) {
            assertThat(CsvCells.unescape(CsvCells.escape(v))).as("[%s]", v).isEqualTo(v);
            assertThat(CsvCells.dangerous(CsvCells.escape(v)) && !CsvCells.escape(v).startsWith("'")).as("[%s]", v).isFalse();
        }
        // And through a real file, written by the export side and read by the import side.
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (OutputStreamWriter w = new OutputStreamWriter(bytes, StandardCharsets.UTF_8)) {
            CsvOutput out = new CsvOutput(w);
            // A second column, since a row whose cells are all blank is no row (as Excel's empty rows are skipped).
            out.row("value", "n");
            values.forEach(v -> out.row(v, "x"));
            out.flush();
        }
        try (CsvFile f = spool(bytes.toByteArray(), 10_000_000)) {
            List<List<String>> read = rows(f);
            List<String> back = read.subList(1, read.size()).stream().map(r -> r.getFirst()).toList();
            assertThat(back).hasSameSizeAs(values);
            for (int i = 0; i < values.size(); i++) {
                assertThat(back.get(i)).as("[%s]", values.get(i)).isEqualTo(values.get(i));
            }
        }
    }

    @Test
    void columnsAreNamedAsExcelNamesThem() {
        assertThat(CsvCells.columnLetter(0)).isEqualTo("A");
        assertThat(CsvCells.columnLetter(25)).isEqualTo("Z");
        assertThat(CsvCells.columnLetter(26)).isEqualTo("AA");
        assertThat(CsvCells.columnLetter(701)).isEqualTo("ZZ");
        assertThat(CsvCells.columnLetter(702)).isEqualTo("AAA");
    }

    @Test
    void headersMatchByKeyOrLabel() {
        List<CsvHeader.Column> columns = List.of(new CsvHeader.Column("endOfLife", "End of life"),
            new CsvHeader.Column("a", "Same"), new CsvHeader.Column("b", "Same"));
        assertThat(CsvHeader.keys(List.of("endOfLife", " END OF LIFE ", "Same", "b", "other"), columns))
            .containsExactly("endOfLife", "endOfLife", null, "b", null);
    }

    @Test
    void headersIgnoreTrailingEmptyColumnsSuggestTheNearestKeyAndRefuseDuplicates() {
        List<CsvHeader.Column> columns = List.of(new CsvHeader.Column("hostname", "Hostname"),
            new CsvHeader.Column("ipAddress", "IP address"), new CsvHeader.Column("name", "Name"));
        CsvHeader.Match m = CsvHeader.match(List.of(" IP ADDRESS ", "Name", "", " "), columns, List.of("name"));
        assertThat(m.keys()).containsExactly("ipAddress", "name");
        assertThat(m.problems()).isEmpty();
        assertThat(m.cell("name", 7)).isEqualTo("B7");
        CsvHeader.Match bad = CsvHeader.match(List.of("Hostnam", "name", "NAME", "", "colour"), columns, List.of("name", "ipAddress"));
        assertThat(bad.problems()).extracting(CsvHeader.Problem::message).containsExactly(
            "Unknown column 'Hostnam'. Did you mean hostname (Hostname)?",
            "Column 'NAME' names name, which column B already names: delete one of them",
            "Column D has no header: name it or delete the column",
            "Unknown column 'colour': the columns are hostname, ipAddress, name",
            "The header has no 'ipAddress' column (IP address): add it");
        assertThat(bad.problems()).extracting(CsvHeader.Problem::cell).containsExactly("A1", "C1", "D1", "E1", null);
    }

    @Test
    void datesAreIsoOrUkDayFirstAndNeverGuessed() {
        List<String> problems = new ArrayList<>();
        assertThat(CsvValues.date("End of life", "2027-03-31", problems::add)).hasToString("2027-03-31");
        assertThat(CsvValues.date("End of life", "31/03/2027", problems::add)).hasToString("2027-03-31");
        assertThat(CsvValues.date("End of life", " 1/3/2027 ", problems::add)).hasToString("2027-03-01");
        assertThat(problems).isEmpty();
        assertThat(CsvValues.date("End of life", "03/31/2027", problems::add)).isNull();
        assertThat(CsvValues.date("End of life", "31/02/2027", problems::add)).isNull();
        assertThat(CsvValues.date("End of life", "2027-02-30", problems::add)).isNull();
        assertThat(CsvValues.date("End of life", "next week", problems::add)).isNull();
        assertThat(problems).hasSize(4);
        assertThat(problems.get(0)).isEqualTo("End of life '03/31/2027' is not a date: dates are day first (31/03/2027), not month first");
        assertThat(problems.get(1)).isEqualTo("End of life '31/02/2027' is not a real date: use " + CsvValues.DATE_FORMS);
        assertThat(problems.get(3)).isEqualTo("End of life 'next week' is not a date: use " + CsvValues.DATE_FORMS);
        // UK times are London time: 1 July is BST.
        assertThat(CsvValues.instant("Opened at", "01/07/2026 09:30", problems::add)).hasToString("2026-07-01T08:30:00Z");
        assertThat(CsvValues.instant("Opened at", "2026-07-01T09:30:00+01:00", problems::add)).hasToString("2026-07-01T08:30:00Z");
        assertThat(CsvValues.instant("Opened at", "07/13/2026 09:30", problems::add)).isNull();
        assertThat(problems.getLast()).contains("Opened at '07/13/2026 09:30'").contains("day first");
    }

    @Test
    void valuesMatchKeyOrLabelInAnyCaseAndTheClearMarkerIsEscapedOnExport() {
        List<CsvValues.Option> options = CsvValues.options(List.of("on-premises", "saas"));
        assertThat(CsvValues.option(" SaaS ", options)).isEqualTo("saas");
        assertThat(CsvValues.option("On Premises", options)).isEqualTo("on-premises");
        assertThat(CsvValues.option("cloud", options)).isNull();
        assertThat(CsvValues.notAnOption("Hosting", "cloud", options))
            .isEqualTo("Hosting 'cloud' is not one of: On premises (on-premises), Saas (saas)");
        assertThat(CsvCells.escape("(clear)")).isEqualTo("'(clear)");
        assertThat(CsvCells.escape("(CLEAR)")).isEqualTo("'(CLEAR)");
        assertThat(CsvCells.escape("'(clear)")).isEqualTo("''(clear)");
        assertThat(CsvCells.escape("clear")).isEqualTo("clear");
        assertThat(CsvCells.unescape("'(clear)")).isEqualTo("(clear)");
    }

    @Test
    void blankLinesAreRowsAsInExcelAndOnlyAnUnquotedMarkerClears() throws IOException {
        String text = "a,b\n1,(clear)\n\n,\n\"x\ny\",'(clear)\n";
        try (CsvFile f = spool(text.getBytes(StandardCharsets.UTF_8), 1000); CsvFile.Rows rows = f.rows()) {
            List<CsvFile.Row> read = new ArrayList<>();
            rows.forEach(read::add);
            assertThat(read).extracting(CsvFile.Row::number).containsExactly(2, 5);
            assertThat(read.get(0).clears(1)).isTrue();
            assertThat(read.get(1).cells()).containsExactly("x\ny", "(clear)");
            assertThat(read.get(1).clears(1)).isFalse();
        }
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] c = new byte[a.length + b.length];
        System.arraycopy(a, 0, c, 0, a.length);
        System.arraycopy(b, 0, c, a.length, b.length);
        return c;
    }
}
