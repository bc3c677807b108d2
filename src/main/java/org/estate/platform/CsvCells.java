package org.estate.platform;

/**
 * The one rule against CSV formula injection, applied to every cell of every CSV export and
 * undone by every CSV import, so that an export re-imported changes nothing.
 *
 * <p>A cell is <em>dangerous</em> when, after any leading single quotes, it begins with {@code =},
 * {@code +}, {@code -}, {@code @}, a tab or a carriage return: a spreadsheet could run it as a
 * formula. On export a dangerous cell gets one more leading {@code '} (OWASP's advice; Excel shows
 * the cell as text). On import a cell that begins with {@code '} and is dangerous without it loses
 * that one quote. Plain numbers such as {@code -12.5} are not dangerous and are left alone.
 * Examples: {@code =SUM(A1)} ↔ {@code '=SUM(A1)}; {@code '=x} ↔ {@code ''=x}; {@code 'quoted} is
 * never changed.
 *
 * <p>The same escape covers the import's clear marker ({@value CsvValues#CLEAR}): an exported value
 * that reads {@code (clear)} is written {@code '(clear)}, so re-importing it sets that text instead
 * of clearing the field ({@link CsvFile.Row#clears} is true only for an unquoted marker).
 */
public final class CsvCells {

    private static final java.util.regex.Pattern PLAIN_NUMBER = java.util.regex.Pattern.compile("[-+]?\\d{1,40}(\\.\\d{1,40})?");

    private CsvCells() {
    }

    public static String escape(String cell) {
        return cell != null && dangerous(cell) ? "'" + cell : cell;
    }

    public static String unescape(String cell) {
        return cell != null && cell.length() > 1 && cell.charAt(0) == '\'' && dangerous(cell.substring(1)) ? cell.substring(1) : cell;
    }

    static boolean dangerous(String cell) {
        int i = 0;
        while (i < cell.length() && cell.charAt(i) == '\'') {
            i++;
        }
        if (i == cell.length()) {
            return false;
        }
        if (CsvValues.isClear(cell.substring(i))) {
            return true;
        }
        char c = cell.charAt(i);
        boolean trigger = c == '=' || c == '+' || c == '-' || c == '@' || c == '\t' || c == '\r';
        return trigger && !(i == 0 && PLAIN_NUMBER.matcher(cell).matches());
    }

    /** A column as Excel names it: 0 → A, 25 → Z, 26 → AA. */
    public static String columnLetter(int index) {
        StringBuilder s = new StringBuilder();
        for (int n = index + 1; n > 0; n = (n - 1) / 26) {
            s.insert(0, (char) ('A' + (n - 1) % 26));
        }
        return s.toString();
    }
}
