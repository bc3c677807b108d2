package org.estate.monitoring.internal.probe.net;

import java.util.regex.Pattern;

/**
 * What an {@code http} check's {@code expectBody} asks of the response body: plain text that the
 * body contains (case-sensitive), or a regular expression written between slashes ({@code /ok|up/})
 * that finds a match somewhere in it. A regular expression is given a deadline, so a pattern that
 * backtracks badly ends the run rather than holding a thread.
 */
final class BodyMatch {

    private final String text;
    private final Pattern pattern;
    private final String shown;

    private BodyMatch(String text, Pattern pattern, String shown) {
        this.text = text;
        this.pattern = pattern;
        this.shown = shown;
    }

    static boolean isRegex(String expect) {
        return expect.length() >= 2 && expect.startsWith("/") && expect.endsWith("/");
    }

    static BodyMatch of(String expect) {
        if (expect == null || expect.isEmpty()) {
            return null;
        }
        String shown = TargetReader.shown(expect, 100);
        return isRegex(expect)
            ? new BodyMatch(null, Pattern.compile(expect.substring(1, expect.length() - 1)), shown)
            : new BodyMatch(expect, null, shown);
    }

    /** Null when the body matches, else why not in plain words. */
    String mismatch(String body, long deadlineNanos) {
        if (text != null) {
            return body.contains(text) ? null : "The response does not contain \"" + shown + "\"";
        }
        try {
            return pattern.matcher(new Deadline(body, deadlineNanos)).find() ? null : "The response does not match " + shown;
        } catch (Deadline.Passed e) {
            return "Matching the response against " + shown + " took too long";
        }
    }

    /** A body that stops a regular expression once the run's time is up (checked every 1,024 reads). */
    private static final class Deadline implements CharSequence {

        static final class Passed extends RuntimeException {
            Passed() {
                super(null, null, false, false);
            }
        }

        private final CharSequence body;
        private final long deadlineNanos;
        private int reads;

        Deadline(CharSequence body, long deadlineNanos) {
            this.body = body;
            this.deadlineNanos = deadlineNanos;
        }

        @Override
        public char charAt(int index) {
            if ((++reads & 0x3FF) == 0 && System.nanoTime() - deadlineNanos > 0) {
                throw new Passed();
            }
            return body.charAt(index);
        }

        @Override
        public int length() {
            return body.length();
        }

        @Override
        public CharSequence subSequence(int start, int end) {
            return new Deadline(body.subSequence(start, end), deadlineNanos);
        }

        @Override
        public String toString() {
            return body.toString();
        }
    }
}
