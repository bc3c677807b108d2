package org.estate.change.internal;

import java.util.Map;

/** How people read a change's type and status (pages, the calendar feed). */
public final class ChangeLabels {

    private static final Map<String, String> STATUS = Map.of("draft", "Draft", "assessment", "In assessment",
        "scheduled", "Scheduled", "implementing", "Implementing", "review", "In review", "closed", "Closed",
        "rejected", "Rejected", "cancelled", "Cancelled");
    private static final Map<String, String> TYPE = Map.of("standard", "Standard", "normal", "Normal", "emergency", "Emergency");

    private ChangeLabels() {
    }

    public static String statusLabel(String status) {
        return STATUS.getOrDefault(status, status);
    }

    public static String typeLabel(String type) {
        return TYPE.getOrDefault(type, type);
    }
}
