package org.estate.servicedesk.web;

import java.util.List;

import org.estate.cmdb.CiPagePanel;
import org.estate.servicedesk.CiTickets;
import org.estate.servicedesk.internal.CiTicketFinder;
import org.springframework.stereotype.Component;

/** The CI page's "Service desk" panel: open and recent incidents, requests, problems and known errors on the CI. */
@Component
class CiTicketsPanel implements CiPagePanel {

    private final CiTicketFinder finder;
    private final DeskDisplay display;

    CiTicketsPanel(CiTicketFinder finder, DeskDisplay display) {
        this.finder = finder;
        this.display = display;
    }

    @Override
    public int order() {
        return 10;
    }

    @Override
    public Shown forCi(long ciId) {
        CiTickets t = finder.forCi(ciId);
        return new Shown("tickets", "Incidents, requests and problems", List.of(
            new Section("Open", t.open().stream().map(this::entry).toList(), "Nothing open names this CI."),
            new Section("Resolved or closed in the last " + CiTickets.RECENT_DAYS + " days", t.recent().stream().map(this::entry).toList(),
                "Nothing in the last " + CiTickets.RECENT_DAYS + " days.")));
    }

    private Entry entry(CiTickets.Item i) {
        return new Entry(i.ref() + " " + i.title(), i.url(), DeskDisplay.statusLabel(i.status()),
            DeskDisplay.typeLabel(i.type()) + (i.priority() == null ? "" : ", " + i.priority()) + ", opened " + display.dateTime(i.opened()));
    }
}
