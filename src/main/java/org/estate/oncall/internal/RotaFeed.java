package org.estate.oncall.internal;

import java.io.IOException;
import java.io.StringWriter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.estate.oncall.internal.RotaSchedule.Shift;
import org.estate.platform.NotFoundException;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

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
 * A rota's final schedule, and a person's shifts on every rota, as iCalendar (RFC 5545, ical4j)
 * from 30 days back to 12 months ahead. Times are UTC instants, which every client shows in its own
 * zone; a shift's UID is its rota, person and start, so a client updates rather than duplicates it
 * from one poll to the next (a changed shift is a new event, the old one gone).
 */
@Service
public class RotaFeed {

    public static final Duration BACK = Duration.ofDays(30);
    public static final Duration AHEAD = Duration.ofDays(365);

    private final RotaService rotas;
    private final Clock clock;
    private final String baseUrl;

    RotaFeed(RotaService rotas, Clock clock, @Value("${estate.base-url}") String baseUrl) {
        this.rotas = rotas;
        this.clock = clock;
        this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
    }

    @Transactional(readOnly = true)
    public String rota(String key) {
        RotaService.Loaded r = rotas.load(key);
        Instant now = clock.instant();
        Calendar ics = calendar("Estate on-call: " + r.view().name(), now);
        DtStamp stamp = new DtStamp(now);
        for (Shift s : shifts(r, now)) {
            ics.add(event(r, s, s.user() + " on call", stamp));
        }
        return text(ics);
    }

    /** The person's shifts on every rota; 404 when they are on none and are not a user Estate knows. */
    @Transactional(readOnly = true)
    public String person(String username, boolean known) {
        if (!known) {
            throw new NotFoundException("No user '" + RotaFields.clip(username) + "'");
        }
        Instant now = clock.instant();
        Calendar ics = calendar("Estate on-call: " + username, now);
        DtStamp stamp = new DtStamp(now);
        for (RotaService.RotaView v : rotas.list()) {
            RotaService.Loaded r = rotas.load(v.key());
            for (Shift s : shifts(r, now)) {
                if (s.user().equals(username)) {
                    ics.add(event(r, s, "On call: " + r.view().name(), stamp));
                }
            }
        }
        return text(ics);
    }

    private List<Shift> shifts(RotaService.Loaded r, Instant now) {
        Instant from = now.minus(BACK);
        Instant to = now.plus(AHEAD);
        return r.schedule().shifts(from, to, rotas.overrides(r.id(), from, to));
    }

    private static Calendar calendar(String name, Instant now) {
        return new Calendar().withProdId("-//Estate//On-call//EN").withDefaults()
            .withProperty(new XProperty("X-WR-CALNAME", name)).getFluentTarget();
    }

    private VEvent event(RotaService.Loaded r, Shift s, String summary, DtStamp stamp) {
        VEvent e = new VEvent(s.start(), s.end(), summary);
        e.replace(stamp);
        e.add(new Uid("oncall-" + r.view().key() + "-" + s.user() + "-" + s.start().getEpochSecond() + "@estate"));
        e.add(new Description((s.override() ? "Override" : "Layer " + s.layer()) + " of rota " + r.view().name()));
        e.add(new Categories("On call"));
        e.add(new Url(java.net.URI.create(baseUrl + "/rotas/" + r.view().key())));
        return e;
    }

    private static String text(Calendar ics) {
        StringWriter out = new StringWriter();
        try {
            new CalendarOutputter(false).output(ics, out);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return out.toString();
    }
}
