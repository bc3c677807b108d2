import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import org.estate.servicedesk.BusinessCalendar;
import org.estate.servicedesk.BusinessCalendar.Interval;

/**
 * Times the business-calendar arithmetic alone: elapsed() and due() over a year-long span on
 * office hours with bank holidays. Run with bench/run-servicedesk-bench.sh (or
 * ./estate java -cp target/classes bench/CalendarBench.java). Prints figures, asserts nothing.
 */
public class CalendarBench {
    public static void main(String[] args) {
        Map<DayOfWeek, List<Interval>> hours = new EnumMap<>(DayOfWeek.class);
        for (DayOfWeek d : List.of(DayOfWeek.MONDAY, DayOfWeek.TUESDAY, DayOfWeek.WEDNESDAY, DayOfWeek.THURSDAY, DayOfWeek.FRIDAY)) {
            hours.put(d, List.of(Interval.of("09:00", "17:00")));
        }
        List<LocalDate> holidays = new ArrayList<>();
        for (String d : "2025-01-01 2025-04-18 2025-04-21 2025-05-05 2025-05-26 2025-08-25 2025-12-25 2025-12-26 2026-01-01".split(" ")) {
            holidays.add(LocalDate.parse(d));
        }
        BusinessCalendar office = new BusinessCalendar(ZoneId.of("Europe/London"), hours, holidays);
        Instant from = Instant.parse("2025-01-01T00:00:00Z");
        Instant to = Instant.parse("2026-01-01T00:00:00Z");
        long minutes = office.elapsedMinutes(from, to);
        long sink = 0;
        for (int i = 0; i < 20_000; i++) { // warm up the JIT
            sink += office.elapsed(from.plusSeconds(i), to).getSeconds() + office.due(from.plusSeconds(i), minutes).getEpochSecond();
        }
        int n = 20_000;
        long[] e = new long[n];
        long[] d = new long[n];
        for (int i = 0; i < n; i++) {
            long t0 = System.nanoTime();
            sink += office.elapsed(from.plusSeconds(i), to).getSeconds();
            long t1 = System.nanoTime();
            sink += office.due(from.plusSeconds(i), minutes).getEpochSecond();
            long t2 = System.nanoTime();
            e[i] = t1 - t0;
            d[i] = t2 - t1;
        }
        java.util.Arrays.sort(e);
        java.util.Arrays.sort(d);
        System.out.printf("elapsed over one year (%d business minutes): p50 %.1f us, p99 %.1f us%n", minutes, e[n / 2] / 1e3, e[n * 99 / 100] / 1e3);
        System.out.printf("due for one year of business minutes: p50 %.1f us, p99 %.1f us  (sink %d)%n", d[n / 2] / 1e3, d[n * 99 / 100] / 1e3, sink % 10);
    }
}
