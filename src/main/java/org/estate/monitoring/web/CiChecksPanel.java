package org.estate.monitoring.web;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

import org.estate.cmdb.CiPagePanel;
import org.estate.monitoring.internal.availability.CiCheckStates;
import org.springframework.stereotype.Component;

/** The CI page's "Checks" panel: the CI's monitoring checks with their state and since when, and a link to add one. */
@Component
class CiChecksPanel implements CiPagePanel {

    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("d MMM yyyy, HH:mm", Locale.UK)
        .withZone(ZoneId.of("Europe/London"));

    private final CiCheckStates checks;

    CiChecksPanel(CiCheckStates checks) {
        this.checks = checks;
    }

    @Override
    public int order() {
        return 30;
    }

    @Override
    public Shown forCi(long ciId) {
        List<Entry> entries = checks.of(ciId).stream().map(CiChecksPanel::entry).toList();
        return new Shown("checks", "Checks", List.of(
            new Section("Monitoring checks on this CI", entries, "No checks watch this CI."),
            new Section("Monitor this CI", List.of(new Entry("Add a check", "/monitoring/checks/new?ci=" + ciId, null,
                "HTTP, TCP, ping, DNS, TLS, SNMP, database or heartbeat")), "")));
    }

    private static Entry entry(CiCheckStates.CheckState c) {
        String since = c.since() == null ? "" : ", since " + WHEN.format(c.since());
        return new Entry(c.name(), "/monitoring/checks/" + c.id(), label(c.state()), c.type() + " check" + since);
    }

    static String label(String state) {
        return state.isEmpty() ? state : state.substring(0, 1).toUpperCase(Locale.ROOT) + state.substring(1);
    }
}
