package org.estate.servicedesk;

import java.util.List;
import java.util.Map;

/** A calendar to create or replace; holidays as ISO dates. Validated as a whole (422 with every problem). */
// What a GET gave back may be PUT as it is: its read-only fields are ignored; any other unknown field is 422.
@com.fasterxml.jackson.annotation.JsonIgnoreProperties({"holidayNames", "dayMinutes", "revision", "version"})
public record CalendarInput(String key, String name, String zone, Map<String, List<CalendarView.Hours>> hours,
                            List<String> holidays) {
}
