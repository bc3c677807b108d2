package org.estate.platform;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Three-way merge for edit forms, the one way every edit form in Estate handles someone else's
 * change made while it was open.
 *
 * <p>A form carries, beside each field, the value it was rendered with ({@code original.<field>},
 * hidden). On submit the form is compared with the record as it is now: a field the user did not
 * change is not written (so another person's change to it is kept); a field the user changed is
 * written when nobody else changed it, or changed it to the same value; a field both changed
 * differently is a {@link Conflict}, and the form is shown again ({@link Outcome#reshown()}: the
 * user's values where they changed a field, the current ones elsewhere) with both values of each
 * conflict, the user's in the box and theirs beside it, with a choice ({@code resolve.<field>} = {@code mine} or
 * {@code theirs}). The re-shown form carries the current values as its originals, so saving it
 * again writes exactly what the user then chose.
 */
public final class FormMerge {

    /** The hidden input holding the value a field was rendered with. */
    public static final String ORIGINAL = "original.";
    /** The radio choosing, for a conflicting field, which value to keep: {@code mine} or {@code theirs}. */
    public static final String RESOLVE = "resolve.";

    private FormMerge() {
    }

    /** Both values of a field changed by the user and, differently, by someone else. */
    public record Conflict(String theirs, String yours) {
    }

    /**
     * What a submitted form means against the record now: the fields to write (user's values),
     * the conflicts to show, and the fields someone else changed that are kept as they are.
     */
    public record Outcome(Map<String, String> edited, Map<String, Conflict> conflicts, Map<String, String> keptTheirs,
                          Map<String, String> reshown) {
        public boolean hasConflicts() {
            return !conflicts.isEmpty();
        }
    }

    /** The hidden originals to render a form with: {@code original.<field>} → the value shown. */
    public static Map<String, String> originals(Collection<String> fields, Map<String, String> values) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String f : fields) {
            out.put(ORIGINAL + f, norm(values.get(f)));
        }
        return out;
    }

    /**
     * Merges a submitted form ({@code submitted}: the request's parameters, with the originals and
     * any choices) with the record's values now ({@code current}, as the form would show them).
     * A form without originals (an old page) counts a field as edited when it differs from now.
     */
    public static Outcome merge(Collection<String> fields, Map<String, String> submitted, Map<String, String> current) {
        Map<String, String> edited = new LinkedHashMap<>();
        Map<String, Conflict> conflicts = new LinkedHashMap<>();
        Map<String, String> kept = new LinkedHashMap<>();
        // What to show in each box when the form comes back: the user's value where they changed it, the
        // current value elsewhere (showing their untouched old value would revert the other change on the next save).
        Map<String, String> reshown = new LinkedHashMap<>();
        for (String f : fields) {
            String theirs = norm(current.get(f));
            String yours = norm(submitted.get(f));
            String original = submitted.containsKey(ORIGINAL + f) ? norm(submitted.get(ORIGINAL + f)) : theirs;
            if ("theirs".equals(submitted.get(RESOLVE + f))) {
                yours = theirs;
            }
            reshown.put(f, yours.equals(original) ? theirs : norm(submitted.get(f)));
            if (yours.equals(original)) {
                if (!theirs.equals(original)) {
                    kept.put(f, theirs);
                }
            } else if (theirs.equals(original) || theirs.equals(yours)) {
                if (!theirs.equals(yours)) {
                    edited.put(f, yours);
                }
            } else {
                conflicts.put(f, new Conflict(theirs, yours));
            }
        }
        return new Outcome(edited, conflicts, kept, reshown);
    }

    /** The error beside each conflicting field, by field. */
    public static Map<String, String> conflictErrors(Outcome merge) {
        Map<String, String> errors = new LinkedHashMap<>();
        merge.conflicts().forEach((f, c) -> errors.put(f, message(f, c)));
        return errors;
    }

    /**
     * The originals to render a form with again after an error: those it was submitted with (so a
     * second save still merges against what the user first saw), or the values now for a form without them.
     */
    public static Map<String, String> originalsOf(Map<String, String> params, Collection<String> fields, Map<String, String> now) {
        Map<String, String> originals = new LinkedHashMap<>();
        params.forEach((k, v) -> {
            if (k.startsWith(ORIGINAL)) {
                originals.put(k, v);
            }
        });
        return originals.isEmpty() ? originals(fields, now) : originals;
    }

    /** The message shown beside a conflicting field (and in the error summary). */
    public static String message(String label, Conflict c) {
        return "Someone else changed " + label + " to ‘" + shown(c.theirs()) + "’ while you were editing; you had ‘" + shown(c.yours())
            + "’. Choose which to keep and save again";
    }

    /** Values compare as the form shows them: trimmed, line ends as \n, absent as empty. */
    public static String norm(String value) {
        return Objects.requireNonNullElse(value, "").replace("\r\n", "\n").trim();
    }

    private static String shown(String v) {
        if (v.isEmpty()) {
            return "(empty)";
        }
        return v.length() <= 80 ? v : v.substring(0, 79) + "…";
    }
}
