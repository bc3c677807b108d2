package org.estate.change.web;

import java.time.Clock;
import java.time.LocalDate;
import java.util.List;

import org.estate.change.internal.ChangeCalendar;
import org.estate.platform.HomePanel;
import org.springframework.stereotype.Component;

/** The change calendar on the home page: how many changes this week and this month (UK time). */
@Component
class CalendarHomePanel implements HomePanel {

    private final ChangeCalendar calendar;
    private final Clock clock;

    CalendarHomePanel(ChangeCalendar calendar, Clock clock) {
        this.calendar = calendar;
        this.clock = clock;
    }

    @Override
    public int order() {
        return 30;
    }

    @Override
    public String title() {
        return "Change calendar";
    }

    @Override
    public String description() {
        return "Changes, freezes and maintenance windows by month or week; subscribe in Outlook.";
    }

    @Override
    public String href() {
        return "/changes/calendar";
    }

    @Override
    public List<Figure> figures() {
        LocalDate today = LocalDate.ofInstant(clock.instant(), CalendarDays.LONDON);
        LocalDate[] week = CalendarDays.week(today);
        LocalDate first = today.withDayOfMonth(1);
        int thisWeek = calendar.calendar(CalendarDays.startOf(week[0]), CalendarDays.startOf(week[1].plusDays(1)),
            ChangeCalendar.Filter.NONE).changes().size();
        int thisMonth = calendar.calendar(CalendarDays.startOf(first), CalendarDays.startOf(first.plusMonths(1)),
            ChangeCalendar.Filter.NONE).changes().size();
        return List.of(new Figure("Changes this week", String.valueOf(thisWeek), "/changes/calendar?view=week"),
            new Figure("Changes this month", String.valueOf(thisMonth), "/changes/calendar"));
    }
}
