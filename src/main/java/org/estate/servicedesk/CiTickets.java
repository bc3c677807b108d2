package org.estate.servicedesk;

import java.time.Instant;
import java.util.List;

/**
 * The service desk's work naming one CI: {@code open} incidents, requests, problems and known errors
 * (most urgent first), and {@code recent} ones resolved or closed in the last
 * {@link #RECENT_DAYS} days (latest first); each list capped at {@link #MAX_ITEMS}.
 */
public record CiTickets(List<Item> open, List<Item> recent) {

    public static final int RECENT_DAYS = 90;
    public static final int MAX_ITEMS = 50;

    /**
     * One ticket: {@code type} is incident, request, problem or known-error; {@code priority} is null
     * for problems; {@code url} is its page.
     */
    public record Item(String ref, String type, String title, String status, String priority, Instant opened, String url) {
    }
}
