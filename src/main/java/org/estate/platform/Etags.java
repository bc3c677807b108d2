package org.estate.platform;

import java.util.ArrayList;
import java.util.List;

/**
 * Optimistic locking over HTTP: a record's {@code version} is its ETag, and an update must name
 * the version it was based on in {@code If-Match}.
 *
 * <p>{@code If-Match} uses the strong comparison (RFC 9110 §13.1.1): it takes the quoted tag exactly
 * as the {@code ETag} header gave it ({@code "7"}), a list of them, or {@code *}. A weak tag
 * ({@code W/"7"}) never matches and an unquoted one is not an entity tag: both are 412, so that a
 * client that mangles the tag finds out at once rather than overwriting by luck.
 */
public final class Etags {
    private static final int MAX_TAGS = 20;

    private Etags() {
    }

    public static String of(long version) {
        return "\"" + version + "\"";
    }

    /**
     * Checks an If-Match header against the current version.
     *
     * @throws PreconditionRequiredException when the header is absent (428)
     * @throws PreconditionFailedException   when it names another version, or is weak or malformed (412)
     */
    public static void requireMatch(String ifMatch, long currentVersion) {
        List<String> tags = parse(ifMatch);
        String current = of(currentVersion);
        if (tags.contains("*") || tags.contains(current)) {
            return;
        }
        throw new PreconditionFailedException("The record has changed since you read it (current ETag " + current + ")");
    }

    /**
     * The version an If-Match header names, for services that compare versions in SQL. {@code *}
     * names no version: it gives -1, which callers treat as "whatever is there now".
     */
    public static long versionFrom(String ifMatch) {
        List<String> tags = parse(ifMatch);
        if (tags.size() != 1) {
            throw new PreconditionFailedException("Send one ETag in If-Match, the one you last read");
        }
        String t = tags.get(0);
        if (t.equals("*")) {
            throw new PreconditionFailedException("Send the ETag you last read in If-Match, not *");
        }
        try {
            return Long.parseLong(t.substring(1, t.length() - 1));
        } catch (NumberFormatException e) {
            throw new PreconditionFailedException("If-Match " + t + " is not an ETag of this record");
        }
    }

    /** The tags of an If-Match header, each still quoted, or {@code *}; refuses weak and malformed ones. */
    static List<String> parse(String ifMatch) {
        if (ifMatch == null || ifMatch.isBlank()) {
            throw new PreconditionRequiredException("Send If-Match with the ETag you last read");
        }
        List<String> tags = new ArrayList<>();
        for (String raw : ifMatch.split(",", MAX_TAGS + 1)) {
            String t = raw.trim();
            if (t.isEmpty()) {
                continue;
            }
            if (t.startsWith("W/")) {
                throw new PreconditionFailedException(
                    "If-Match takes the strong ETag exactly as sent (\"7\"); a weak tag (W/\"7\") never matches");
            }
            if (!t.equals("*") && (t.length() < 2 || t.charAt(0) != '"' || t.charAt(t.length() - 1) != '"'
                || t.indexOf('"', 1) != t.length() - 1)) {
                throw new PreconditionFailedException("If-Match takes the ETag in quotes, exactly as the ETag header gave it");
            }
            tags.add(t);
        }
        if (tags.isEmpty() || tags.size() > MAX_TAGS) {
            throw new PreconditionFailedException("Send If-Match with the ETag you last read");
        }
        return tags;
    }
}
