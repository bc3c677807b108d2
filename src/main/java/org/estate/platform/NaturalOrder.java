package org.estate.platform;

import java.util.Comparator;
import java.util.Locale;

/**
 * The order people expect of names: case-insensitive, and numbers by value ("srv2" before
 * "srv10"). {@link #key} turns a text into a key whose plain binary order is that order, so the
 * same key sorts alike in Java, on H2 (which compares strings by code unit) and on PostgreSQL
 * (compared with {@code COLLATE "C"}, see {@link SortOptions}). Lists too large to sort in Java
 * keep the key in a column beside the text (e.g. {@code ci.name_key}).
 */
public final class NaturalOrder {

    /** Null last, as both databases order nulls when sorting ascending. */
    public static final Comparator<String> COMPARATOR = Comparator.nullsLast(Comparator.comparing(NaturalOrder::key));

    private NaturalOrder() {
    }

    /**
     * Lower case (locale-independent), and every run of ASCII digits written as its length in
     * three digits followed by the digits without leading zeros: "Srv10" becomes "srv00210" and
     * "srv2" "srv0012", so a shorter number sorts first and equal lengths compare digit by digit.
     */
    public static String key(String text) {
        if (text == null) {
            return null;
        }
        String lower = text.toLowerCase(Locale.ROOT);
        StringBuilder key = new StringBuilder(lower.length() + 12);
        int i = 0;
        int n = lower.length();
        while (i < n) {
            char c = lower.charAt(i);
            if (c < '0' || c > '9') {
                key.append(c);
                i++;
                continue;
            }
            int start = i;
            while (i < n && lower.charAt(i) >= '0' && lower.charAt(i) <= '9') {
                i++;
            }
            int first = start;
            while (first < i - 1 && lower.charAt(first) == '0') {
                first++;
            }
            int digits = Math.min(i - first, 999);
            key.append((char) ('0' + digits / 100)).append((char) ('0' + digits / 10 % 10)).append((char) ('0' + digits % 10));
            key.append(lower, first, first + digits);
        }
        return key.toString();
    }
}
