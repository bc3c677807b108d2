package org.estate.change;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * A maintenance window as the API shows it: {@code kind} {@code one-off} (with {@code start} and
 * {@code end}) or {@code recurring} (an RFC 5545 {@code rrule} in the IANA {@code zone}, each
 * occurrence starting at the local {@code startTime} and lasting {@code durationMinutes} of elapsed
 * time, from the local date {@code from}). {@code next} is the next occurrence's start from now.
 */
public record MaintenanceWindowView(long id, String name, String kind, List<Long> cis, Instant start, Instant end, String rrule,
                                    String zone, String startTime, Integer durationMinutes, LocalDate from, Instant next,
                                    String createdBy, Instant createdAt, long version) {
}
