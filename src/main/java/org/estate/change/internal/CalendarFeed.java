package org.estate.change.internal;

import java.io.IOException;
import java.io.StringWriter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import org.estate.change.FreezeView;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;

import net.fortuna.ical4j.data.CalendarOutputter;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.component.VEvent;
import net.fortuna.ical4j.model.property.Categories;
import net.fortuna.ical4j.model.property.Description;
import net.fortuna.ical4j.model.property.DtStamp;
import net.fortuna.ical4j.model.property.Uid;
import net.fortuna.ical4j.model.property.Url;
import net.fortuna.ical4j.model.property.XProperty;

/**
 * The change calendar as iCalendar (RFC 5545), built with ical4j: every change, freeze and
 * maintenance-window occurrence from 30 days back to 12 months ahead. Times are UTC instants
 * ({@code DTSTART:20270301T020000Z}), which every client shows in its own zone; UIDs stay the same
 * from one poll to the next so that clients update events rather than duplicate them.
 */
@Service
public class CalendarFeed {

    public static final Duration BACK = Duration.ofDays(30);
    public static final Duration AHEAD = Duration.ofDays(365);
    private static final String DOMAIN = "@estate";

    private final ChangeCalendar calendar;
    private final Clock clock;
    private final String baseUrl;

    CalendarFeed(ChangeCalendar calendar, Clock clock, @Value("${estate.base-url}") String baseUrl) {
        this.calendar = calendar;
        this.clock = clock;
        this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
    }

    public String ics(ChangeCalendar.Filter filter) {
        Instant now = clock.instant();
        ChangeCalendar.View view = calendar.calendar(now.minus(BACK), now.plus(AHEAD), filter);
        DtStamp stamp = new DtStamp(now);
        Calendar ics = new Calendar().withProdId("-//Estate//Change calendar//EN").withDefaults()
            .withProperty(new XProperty("X-WR-CALNAME", "Estate change calendar")).getFluentTarget();
        for (ChangeCalendar.Entry c : view.changes()) {
            VEvent e = new VEvent(c.start(), c.end(), c.ref() + " " + c.title());
            e.replace(stamp);
            e.add(new Uid("change-" + c.ref().substring(ChangeRow.PREFIX.length()) + DOMAIN));
            e.add(new Description(ChangeLabels.typeLabel(c.type()) + " change, " + ChangeLabels.statusLabel(c.status()).toLowerCase()
                + (c.team() == null ? "" : ", team " + c.team()) + (c.cis().isEmpty() ? "" : ", " + c.cis().size() + " CI(s)")));
            e.add(new Categories("Change"));
            e.add(new Url(java.net.URI.create(baseUrl + "/changes/" + c.ref())));
            ics.add(e);
        }
        for (FreezeView f : view.freezes()) {
            VEvent e = new VEvent(f.start(), f.end(), "Freeze: " + f.name() + (f.hard() ? " (hard)" : " (soft)"));
            e.replace(stamp);
            e.add(new Uid("freeze-" + f.id() + DOMAIN));
            if (f.reason() != null && !f.reason().isBlank()) {
                e.add(new Description(f.reason()));
            }
            e.add(new Categories("Freeze"));
            ics.add(e);
        }
        for (ChangeCalendar.Maintenance m : view.maintenance()) {
            VEvent e = new VEvent(m.start(), m.end(), "Maintenance window: " + m.name());
            e.replace(stamp);
            // One event per occurrence: a window's occurrence is known by its window and its start.
            e.add(new Uid("window-" + m.window() + "-" + m.start().getEpochSecond() + DOMAIN));
            e.add(new Categories("Maintenance window"));
            ics.add(e);
        }
        StringWriter out = new StringWriter();
        try {
            new CalendarOutputter(false).output(ics, out);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return out.toString();
    }
}
