package org.estate.platform;

/**
 * Optimistic locking over HTTP: a record's {@code version} is its ETag, and an update must name
 * the version it was based on in {@code If-Match}.
 */
public final class Etags {
    private Etags() {
    }

    public static String of(long version) {
        return "\"" + version + "\"";
    }

    /**
     * Checks an If-Match header against the current version.
     *
     * @throws PreconditionRequiredException when the header is absent (428)
     * @throws PreconditionFailedException   when it names another version (412)
     */
    public static void requireMatch(String ifMatch, long currentVersion) {
        if (ifMatch == null || ifMatch.isBlank()) {
            throw new PreconditionRequiredException("Send If-Match with the ETag you last read");
        }
        String current = of(currentVersion);
        for (String tag : ifMatch.split(",")) {
            String t = tag.trim();
            if (t.startsWith("W/")) {
                t = t.substring(2);
            }
            if (t.equals("*") || t.equals(current)) {
                return;
            }
        }
        throw new PreconditionFailedException("The record has changed since you read it (current ETag " + current + ")");
    }

    /** The version an If-Match header names, for services that compare versions in SQL. */
    public static long versionFrom(String ifMatch) {
        if (ifMatch == null || ifMatch.isBlank()) {
            throw new PreconditionRequiredException("Send If-Match with the ETag you last read");
        }
        String[] tags = ifMatch.split(",");
        String t = tags.length == 0 ? "" : tags[0].trim();
        if (t.startsWith("W/")) {
            t = t.substring(2);
        }
        t = t.replace("\"", "");
        try {
            return Long.parseLong(t);
        } catch (NumberFormatException e) {
            throw new PreconditionFailedException("If-Match " + ifMatch + " is not an ETag of this record");
        }
    }
}
