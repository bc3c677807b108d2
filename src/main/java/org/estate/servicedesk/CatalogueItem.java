package org.estate.servicedesk;

import java.util.List;

/**
 * A service-request catalogue item: its own form fields, whether a manager must approve it, the
 * team that fulfils it and the SLA policy it runs under.
 */
public record CatalogueItem(String key, String name, String description, String category, List<Field> fields,
                            boolean approvalRequired, String team, String slaPolicy, long version) {

    /** A form field: {@code type} is text, textarea, number, date, email, boolean or enum (with options). */
    public record Field(String key, String label, String type, boolean required, List<String> options, String hint) {
    }
}
