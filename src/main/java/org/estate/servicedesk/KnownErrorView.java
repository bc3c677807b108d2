package org.estate.servicedesk;

/** A problem marked as a known error, with its workaround: what the desk tries first. */
public record KnownErrorView(String ref, String title, String workaround, String status) {
}
