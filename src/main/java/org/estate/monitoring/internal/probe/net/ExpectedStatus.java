package org.estate.monitoring.internal.probe.net;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The HTTP statuses an {@code http} check accepts, written as a code ({@code 200}), a range
 * ({@code 200-299}) or a comma-separated list of either ({@code 200,301,302} or {@code 200-299,404}),
 * with codes from 100 to 599. {@link #text()} is the canonical form (no spaces).
 */
final class ExpectedStatus {

    static final String DEFAULT = "200-299";
    static final String RULE = "Use a status like 200, a range like 200-299 or a list like 200,301,302, with codes from 100 to 599";
    private static final Pattern PART = Pattern.compile("(\\d{3})(?:\\s*-\\s*(\\d{3}))?");

    private final BitSet codes;
    private final String text;

    private ExpectedStatus(BitSet codes, String text) {
        this.codes = codes;
        this.text = text;
    }

    /** The statuses, or null when {@code spec} does not follow the rule. */
    static ExpectedStatus parse(String spec) {
        if (spec == null || spec.isBlank() || spec.length() > 200) {
            return null;
        }
        BitSet codes = new BitSet(600);
        List<String> parts = new ArrayList<>();
        for (String raw : spec.split(",", -1)) {
            Matcher m = PART.matcher(raw.strip());
            if (!m.matches()) {
                return null;
            }
            int lo = Integer.parseInt(m.group(1));
            int hi = m.group(2) == null ? lo : Integer.parseInt(m.group(2));
            if (lo < 100 || hi > 599 || lo > hi) {
                return null;
            }
            codes.set(lo, hi + 1);
            parts.add(lo == hi ? String.valueOf(lo) : lo + "-" + hi);
        }
        return new ExpectedStatus(codes, String.join(",", parts));
    }

    boolean accepts(int status) {
        return status >= 0 && status < 600 && codes.get(status);
    }

    String text() {
        return text;
    }
}
