package org.estate.change.web;

import java.time.Clock;
import java.util.List;

import org.estate.change.internal.FreezeService;
import org.estate.change.internal.WindowService;
import org.estate.platform.HomePanel;
import org.estate.platform.Paging;
import org.springframework.stereotype.Component;

/** Freezes and maintenance windows on the home page, with the way to their pages. */
@Component
class ScheduleHomePanel implements HomePanel {

    private final FreezeService freezes;
    private final WindowService windows;
    private final Clock clock;

    ScheduleHomePanel(FreezeService freezes, WindowService windows, Clock clock) {
        this.freezes = freezes;
        this.windows = windows;
        this.clock = clock;
    }

    @Override
    public int order() {
        return 30;
    }

    @Override
    public String title() {
        return "Freezes and maintenance windows";
    }

    @Override
    public String description() {
        return "When changes may not be scheduled, and when work on a CI is expected.";
    }

    @Override
    public String href() {
        return "/changes/freezes";
    }

    @Override
    public List<Figure> figures() {
        long current = freezes.list(clock.instant(), null, Paging.of(0, 1)).total();
        long defined = windows.list(null, Paging.of(0, 1)).total();
        return List.of(new Figure("Freezes now or ahead", String.valueOf(current), "/changes/freezes"),
            new Figure("Maintenance windows", String.valueOf(defined), "/changes/windows"));
    }
}
