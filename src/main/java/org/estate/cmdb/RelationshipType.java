package org.estate.cmdb;

import java.util.Optional;

/**
 * "source TYPE target". For impacting types a failure of the target impacts the source;
 * {@code backed-up-by} and {@code replicates-to} carry no impact.
 */
public enum RelationshipType {
    DEPENDS_ON("depends-on", true, "depends on", "is depended on by"),
    RUNS_ON("runs-on", true, "runs on", "runs"),
    HOSTED_AT("hosted-at", true, "is hosted at", "hosts"),
    CONNECTED_VIA("connected-via", true, "is connected via", "connects"),
    USES("uses", true, "uses", "is used by"),
    BACKED_UP_BY("backed-up-by", false, "is backed up by", "backs up"),
    REPLICATES_TO("replicates-to", false, "replicates to", "is a replica of");

    private final String key;
    private final boolean impacting;
    private final String outgoingLabel;
    private final String incomingLabel;

    RelationshipType(String key, boolean impacting, String outgoingLabel, String incomingLabel) {
        this.key = key;
        this.impacting = impacting;
        this.outgoingLabel = outgoingLabel;
        this.incomingLabel = incomingLabel;
    }

    @com.fasterxml.jackson.annotation.JsonValue
    public String key() {
        return key;
    }

    public boolean impacting() {
        return impacting;
    }

    public String outgoingLabel() {
        return outgoingLabel;
    }

    public String incomingLabel() {
        return incomingLabel;
    }

    public static Optional<RelationshipType> fromKey(String key) {
        for (RelationshipType t : values()) {
            if (t.key.equals(key)) {
                return Optional.of(t);
            }
        }
        return Optional.empty();
    }
}
