package org.estate.notify.internal;

/**
 * What came of one attempt to send: sent (with the provider's id, if any), retry later with back-off,
 * throttled (retry later, never counted towards giving up), or failed for good.
 */
record Outcome(Kind kind, String providerId, String error) {

    enum Kind { SENT, RETRY, THROTTLED, FAILED }

    static Outcome sent(String providerId) {
        return new Outcome(Kind.SENT, providerId, null);
    }

    static Outcome retry(String error) {
        return new Outcome(Kind.RETRY, null, error);
    }

    static Outcome throttled(String error) {
        return new Outcome(Kind.THROTTLED, null, error);
    }

    static Outcome failed(String error) {
        return new Outcome(Kind.FAILED, null, error);
    }
}
