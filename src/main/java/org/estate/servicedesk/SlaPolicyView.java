package org.estate.servicedesk;

/**
 * An SLA policy: the targets, in business minutes of its calendar, for one ticket type and
 * priority. {@code responseTarget}/{@code resolutionTarget} say the same in words ("4 h", "3 days").
 */
public record SlaPolicyView(String key, String name, String ticketType, String priority, String calendar,
                            int responseMinutes, int resolutionMinutes, int warningPercent,
                            String responseTarget, String resolutionTarget, long revision, long version) {
}
