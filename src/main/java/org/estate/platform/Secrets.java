package org.estate.platform;

/**
 * Secrets at rest (monitoring credentials, channel URLs, a stored bind password): sealed with a key
 * Estate alone holds, so a copy of the database gives nothing away. A sealed value is text, safe to
 * store in any column; it is never returned by the API, shown on a page or logged.
 */
public interface Secrets {

    /** Seals a secret for storage. */
    String seal(String plaintext);

    /**
     * Opens a sealed secret.
     *
     * @throws IllegalStateException when it was sealed with a key Estate no longer holds
     */
    String open(String sealed);
}
