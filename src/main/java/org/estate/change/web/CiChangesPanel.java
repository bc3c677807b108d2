package org.estate.change.web;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

import org.estate.change.internal.ChangeLabels;
import org.estate.change.internal.RecentChangeFinder;
import org.estate.cmdb.CiPagePanel;
import org.estate.servicedesk.RecentChanges;
import org.springframework.stereotype.Component;

/** The CI page's "Changes" panel: changes in the last and next 3 days on the CI or on what it relies on. */
@Component
class CiChangesPanel implements CiPagePanel {

    private static final int DAYS = 3;
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("EEE d MMM yyyy, HH:mm", Locale.UK)
        .withZone(ZoneId.of("Europe/London"));

    private final RecentChangeFinder finder;
    private final Clock clock;

    CiChangesPanel(RecentChangeFinder finder, Clock clock) {
        this.finder = finder;
        this.clock = clock;
    }

    @Override
    public int order() {
        return 20;
    }

    @Override
    public Shown forCi(long ciId) {
        Instant now = clock.instant();
        List<RecentChanges.Change> changes = finder.around(List.of(ciId), now.minus(Duration.ofDays(DAYS)), now.plus(Duration.ofDays(DAYS)));
        return new Shown("changes", "Changes", List.of(new Section("In the last and next " + DAYS + " days, on this CI or on what it relies on",
            changes.stream().map(CiChangesPanel::entry).toList(), "No changes on this CI or on what it relies on.")));
    }

    private static Entry entry(RecentChanges.Change c) {
        String on = c.direct() ? "on this CI" : "on " + c.touches().name() + ", which it relies on (" + c.distance()
            + (c.distance() == 1 ? " step" : " steps") + " away)";
        return new Entry(c.ref() + " " + c.title(), c.url(), ChangeLabels.statusLabel(c.status()),
            WHEN.format(c.plannedStart()) + " to " + WHEN.format(c.plannedEnd()) + ", " + on);
    }
}
