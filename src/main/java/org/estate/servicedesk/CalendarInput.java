package org.estate.servicedesk;

import java.util.List;
import java.util.Map;

/** A calendar to create or replace; holidays as ISO dates. Validated as a whole (422 with every problem). */
public record CalendarInput(String key, String name, String zone, Map<String, List<CalendarView.Hours>> hours,
                            List<String> holidays) {
}
