package org.estate.oncall.internal;

import java.util.Optional;

/**
 * Phone numbers for SMS, checked for form only and answered in E.164 ({@code +447700900123}).
 *
 * <p>Accepted: a UK mobile written nationally ({@code 07700 900123}, 11 digits), the same with the
 * country code ({@code +44 7700 900123}, {@code +44 (0)7700 900123}, {@code 0044 7700 900123}), and
 * any other country's number in E.164 ({@code +} or {@code 00}, then 8 to 15 digits, the first not 0).
 * Spaces, hyphens, dots and brackets between digits are allowed and dropped.
 *
 * <p>Refused: UK numbers that are not mobiles (01, 02, 03, 08, 09 … nationally or after +44), since
 * they cannot receive a text; letters; too few or too many digits. Numbers are never checked for
 * allocation, so Ofcom's drama range (07700 900000–900999) is accepted, as tests and demos need.
 */
public final class PhoneNumbers {

    /** The longest text looked at; longer is refused before any work. */
    static final int MAX_INPUT = 40;

    /** A parsed number, or why it was refused. */
    public record Parsed(String e164, String problem) {

        public boolean ok() {
            return e164 != null;
        }
    }

    private PhoneNumbers() {
    }

    /** The number in E.164, or empty when it is not a phone number that can receive a text. */
    public static Optional<String> e164(String text) {
        return Optional.ofNullable(parse(text).e164());
    }

    public static Parsed parse(String text) {
        if (text == null || text.isBlank()) {
            return refused("Enter a mobile phone number, like 07700 900123 or +44 7700 900123");
        }
        if (text.length() > MAX_INPUT) {
            return refused("A phone number is at most " + MAX_INPUT + " characters");
        }
        String t = text.strip();
        // "+44 (0)7700 900123": the (0) is the national trunk prefix, never dialled after +44.
        t = t.replace("(0)", "");
        StringBuilder digits = new StringBuilder();
        boolean plus = false;
        for (int i = 0; i < t.length(); i++) {
            char c = t.charAt(i);
            if (c == '+' && i == 0) {
                plus = true;
            } else if (c >= '0' && c <= '9') {
                digits.append(c);
            } else if (c == ' ' || c == '-' || c == '.' || c == '(' || c == ')' || c == '\u00a0') {
                continue;
            } else {
                return refused("A phone number has only digits, spaces, hyphens and brackets, and may start with +");
            }
        }
        String d = digits.toString();
        if (!plus && d.startsWith("00")) {
            // 00 is the international prefix dialled from the UK: 0044 7700 900123 is +44 7700 900123.
            plus = true;
            d = d.substring(2);
        }
        if (!plus) {
            if (d.startsWith("07")) {
                return d.length() == 11 ? new Parsed("+44" + d.substring(1), null)
                    : refused("A UK mobile number has 11 digits, like 07700 900123");
            }
            if (d.startsWith("0")) {
                return refused("That is a UK landline or service number: give a mobile number (07…) that can receive texts");
            }
            return refused("Give a UK mobile number (07…) or an international number starting with +");
        }
        if (d.startsWith("44")) {
            String national = d.substring(2);
            if (national.startsWith("0")) {
                national = national.substring(1); // +44 07700 900123, the trunk 0 written without brackets
            }
            if (national.isEmpty()) {
                return refused("A UK mobile number has 10 digits after +44, like +44 7700 900123");
            }
            if (!national.startsWith("7")) {
                return refused("That is a UK landline or service number: give a mobile number (+44 7…) that can receive texts");
            }
            return national.length() == 10 ? new Parsed("+44" + national, null)
                : refused("A UK mobile number has 10 digits after +44, like +44 7700 900123");
        }
        if (d.isEmpty() || d.charAt(0) == '0') {
            return refused("After + comes the country code, which never starts with 0");
        }
        if (d.length() < 8 || d.length() > 15) {
            return refused("An international number has 8 to 15 digits after the +");
        }
        return new Parsed("+" + d, null);
    }

    private static Parsed refused(String problem) {
        return new Parsed(null, problem);
    }
}
