package org.estate.monitoring.internal.correlation;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Proxy;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import org.estate.change.Maintenance;
import org.estate.change.MaintenanceView;
import org.estate.cmdb.Cmdb;
import org.estate.cmdb.GraphChanged;
import org.junit.jupiter.api.Test;

/** The maintenance filter asks the change module once per few seconds, and the graph once per CI, however often it is asked. */
class GraphMaintenanceFilterTests {

    private final AtomicInteger maintenanceAsked = new AtomicInteger();
    private final AtomicInteger graphAsked = new AtomicInteger();
    private final Instant t = Instant.parse("2030-01-01T02:00:00Z");

    // CI 1 is in maintenance; CI 2 relies on it; CI 3 relies on nothing.
    private final Maintenance maintenance = at -> {
        maintenanceAsked.incrementAndGet();
        return new MaintenanceView(at, List.of(new MaintenanceView.InMaintenance(1, "host", "window", at.plusSeconds(3600), null, 7L)));
    };

    @SuppressWarnings("unchecked")
    private final Cmdb cmdb = (Cmdb) Proxy.newProxyInstance(Cmdb.class.getClassLoader(), new Class<?>[] {Cmdb.class}, (proxy, m, args) -> {
        if (m.getName().equals("dependencyPaths") && args.length == 2 && args[0] instanceof Collection<?> from) {
            graphAsked.incrementAndGet();
            long ci = (Long) from.iterator().next();
            return ci == 2 ? Map.of(2L, Map.of(1L, List.of(2L, 1L))) : Map.of(ci, Map.of());
        }
        throw new UnsupportedOperationException(m.getName());
    });

    @Test
    void answersFromMemoryUntilTheCacheAgesOrTheGraphChanges() {
        GraphMaintenanceFilter filter = new GraphMaintenanceFilter(maintenance, cmdb, Duration.ofSeconds(5));
        for (int i = 0; i < 1000; i++) {
            assertThat(filter.inMaintenance(1L, t.plusMillis(i))).isTrue();
            assertThat(filter.inMaintenance(2L, t.plusMillis(i))).as("relies on a CI in maintenance").isTrue();
            assertThat(filter.inMaintenance(3L, t.plusMillis(i))).isFalse();
            assertThat(filter.inMaintenance(null, t)).isFalse();
        }
        assertThat(maintenanceAsked).hasValue(1);
        assertThat(graphAsked).as("once per CI").hasValue(2);
        assertThat(filter.inMaintenance(2L, t.plusSeconds(60))).isTrue();
        assertThat(maintenanceAsked).as("another instant: asked again").hasValue(2);
        filter.graphChanged(new GraphChanged(9));
        assertThat(filter.inMaintenance(3L, t.plusSeconds(60))).isFalse();
        assertThat(maintenanceAsked).hasValue(3);
        assertThat(graphAsked).hasValue(4);
    }
}
