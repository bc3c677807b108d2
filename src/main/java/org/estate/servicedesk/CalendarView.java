package org.estate.servicedesk;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * A business calendar as the API shows it: opening hours per weekday ({@code "MONDAY":[{"from":"07:00","to":"24:00"}]}),
 * the holiday dates on which it is shut (with their names in {@code holidayNames}), and the
 * revision new tickets are opened under.
 */
public record CalendarView(String key, String name, String zone, Map<String, List<Hours>> hours,
                           List<LocalDate> holidays, List<Holiday> holidayNames, int dayMinutes, long revision,
                           long version) {

    public record Hours(String from, String to) {
    }

    public record Holiday(LocalDate date, String title) {
    }
}
