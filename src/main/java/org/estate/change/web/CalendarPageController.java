package org.estate.change.web;

import java.time.Clock;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.estate.change.internal.ChangeCalendar;
import org.estate.cmdb.CiFilter;
import org.estate.cmdb.CiSuggestion;
import org.estate.cmdb.Cmdb;
import org.estate.platform.Paging;
import org.estate.platform.ValidationException;
import org.estate.servicedesk.DeskDirectory;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * The change calendar page: a month grid or a week list of changes, freezes and maintenance windows
 * in Europe/London, filtered by team, CI (by name) and business service; plain links and a GET form,
 * so it all works without JavaScript.
 */
@Controller
class CalendarPageController {

    private static final DateTimeFormatter MONTH = DateTimeFormatter.ofPattern("MMMM yyyy", Locale.UK);
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("d MMMM yyyy", Locale.UK);

    private final ChangeCalendar calendar;
    private final Cmdb cmdb;
    private final DeskDirectory desk;
    private final Clock clock;
    private final String feedUrl;

    CalendarPageController(ChangeCalendar calendar, Cmdb cmdb, DeskDirectory desk, Clock clock,
                           @org.springframework.beans.factory.annotation.Value("${estate.base-url}") String baseUrl) {
        this.feedUrl = (baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl) + ChangeCalendarApiController.FEED_PATH;
        this.calendar = calendar;
        this.cmdb = cmdb;
        this.desk = desk;
        this.clock = clock;
    }

    @GetMapping("/changes/calendar")
    @PreAuthorize("hasRole('VIEWER')")
    String calendar(@RequestParam(required = false) String view, @RequestParam(required = false) String date,
                    @RequestParam(required = false) String team, @RequestParam(required = false) String ci,
                    @RequestParam(required = false) String service, Model model) {
        Map<String, String> errors = new LinkedHashMap<>();
        boolean week = "week".equals(view);
        LocalDate today = LocalDate.ofInstant(clock.instant(), CalendarDays.LONDON);
        LocalDate at = today;
        if (date != null && !date.isBlank()) {
            try {
                at = LocalDate.parse(date.strip());
                if (at.getYear() < 2000 || at.getYear() > 2200) {
                    throw new DateTimeException("out of range");
                }
            } catch (DateTimeException e) {
                errors.put("date", "Enter a real date, like 2027-03-31");
                at = today;
            }
        }
        String ciText = ci == null ? "" : ci.strip();
        Long ciId = null;
        if (!ciText.isEmpty()) {
            List<CiSuggestion> named = cmdb.named(ciText);
            if (named.size() == 1) {
                ciId = named.getFirst().id();
            } else if (named.isEmpty()) {
                errors.put("ci", "No CI is named '" + abbreviate(ciText) + "'");
            } else {
                errors.put("ci", "Several CIs are named '" + abbreviate(ciText) + "': add the class, like '" + named.getFirst().label() + "'");
            }
        }
        ChangeCalendar.Filter filter = ChangeCalendar.Filter.NONE;
        if (!errors.containsKey("ci")) {
            try {
                filter = calendar.filter(team, ciId == null ? null : String.valueOf(ciId), service);
            } catch (ValidationException e) {
                e.errors().forEach(f -> errors.putIfAbsent(f.field(), f.message()));
            }
        }
        LocalDate[] range = week ? CalendarDays.week(at) : new LocalDate[] {at.withDayOfMonth(1), at.withDayOfMonth(at.lengthOfMonth())};
        LocalDate[] shown = week ? range : CalendarDays.monthGrid(at);
        ChangeCalendar.View v = calendar.calendar(CalendarDays.startOf(shown[0]), CalendarDays.startOf(shown[1].plusDays(1)), filter);
        List<CalendarDays.Day> days = CalendarDays.days(shown[0], shown[1], range[0], range[1], today, v);

        Map<String, String> kept = new LinkedHashMap<>();
        kept.put("team", errors.containsKey("team") || team == null ? "" : team.strip());
        kept.put("ci", ciText);
        kept.put("service", errors.containsKey("service") || service == null ? "" : service.strip());
        model.addAttribute("week", week);
        model.addAttribute("heading", week ? "Week of " + range[0].format(DAY) : at.format(MONTH));
        model.addAttribute("days", days);
        model.addAttribute("weeks", CalendarDays.weeks(days));
        model.addAttribute("counts", new int[] {v.changes().size(), v.freezes().size(), v.maintenance().size()});
        model.addAttribute("errors", errors);
        model.addAttribute("values", kept);
        model.addAttribute("date", at.toString());
        model.addAttribute("teams", desk.teams());
        model.addAttribute("services", cmdb.search(new CiFilter("business-service", null, null, null, null), Paging.of(0, 500)).items()
            .stream().map(s -> Map.of("id", String.valueOf(s.id()), "name", s.name())).toList());
        LocalDate prev = week ? at.minusWeeks(1) : at.withDayOfMonth(1).minusMonths(1);
        LocalDate next = week ? at.plusWeeks(1) : at.withDayOfMonth(1).plusMonths(1);
        model.addAttribute("prevUrl", url(week, prev, kept));
        model.addAttribute("nextUrl", url(week, next, kept));
        model.addAttribute("prevLabel", week ? "Week of " + CalendarDays.week(prev)[0].format(DAY) : prev.format(MONTH));
        model.addAttribute("nextLabel", week ? "Week of " + CalendarDays.week(next)[0].format(DAY) : next.format(MONTH));
        model.addAttribute("monthUrl", url(false, at, kept));
        model.addAttribute("weekUrl", url(true, at, kept));
        model.addAttribute("todayUrl", url(week, today, kept));
        model.addAttribute("feedAddress", feedUrl + "?feed=<your feed token>" + feedQuery(filter));
        return "change/calendar";
    }

    private static String url(boolean week, LocalDate date, Map<String, String> kept) {
        UriComponentsBuilder b = UriComponentsBuilder.fromPath("/changes/calendar").queryParam("view", week ? "week" : "month")
            .queryParam("date", date.toString());
        kept.forEach((k, v) -> {
            if (!v.isEmpty()) {
                b.queryParam(k, v);
            }
        });
        return b.encode().build().toUriString();
    }

    /** The same filters for the feed's address (by ids, which the feed reads). */
    private static String feedQuery(ChangeCalendar.Filter f) {
        StringBuilder q = new StringBuilder();
        if (f.team() != null) {
            q.append("&team=").append(java.net.URLEncoder.encode(f.team(), java.nio.charset.StandardCharsets.UTF_8));
        }
        if (f.ci() != null) {
            q.append("&ci=").append(f.ci());
        }
        if (f.service() != null) {
            q.append("&service=").append(f.service());
        }
        return q.toString();
    }

    private static String abbreviate(String s) {
        return s.length() <= 60 ? s : s.substring(0, 59) + "…";
    }
}
