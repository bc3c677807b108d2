package org.estate.oncall.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.ZoneId;
import java.util.List;

import org.estate.oncall.internal.RotaService.Loaded;
import org.estate.oncall.internal.RotaService.RotaView;
import org.junit.jupiter.api.Test;

/** The parsed-rota cache answers only the exact id and version asked for, keeps the newest, and stays bounded. */
class ParsedRotasTests {

    private static Loaded loaded(String key, long id, long version) {
        return new Loaded(id, new RotaView(key, "n", "UTC", List.of(), version), new RotaSchedule(ZoneId.of("UTC"), List.of()));
    }

    @Test
    void answersOnlyTheVersionAskedFor() {
        ParsedRotas c = new ParsedRotas(10);
        c.put(loaded("a", 1, 3));
        assertThat(c.get("a", 1, 3)).isNotNull();
        assertThat(c.get("a", 1, 4)).as("edited since: parse afresh").isNull();
        assertThat(c.get("a", 2, 3)).as("another rota of that key (recreated)").isNull();
        c.put(loaded("a", 1, 5));
        c.put(loaded("a", 1, 4));
        assertThat(c.get("a", 1, 5)).as("an older parse read concurrently does not replace the newer").isNotNull();
        assertThat(c.get("a", 1, 4)).isNull();
    }

    @Test
    void staysBoundedDroppingTheLeastRecentlyUsed() {
        ParsedRotas c = new ParsedRotas(3);
        c.put(loaded("a", 1, 0));
        c.put(loaded("b", 2, 0));
        c.put(loaded("c", 3, 0));
        c.get("a", 1, 0);
        c.put(loaded("d", 4, 0));
        assertThat(c.size()).isEqualTo(3);
        assertThat(c.get("b", 2, 0)).isNull();
        assertThat(c.get("a", 1, 0)).isNotNull();
    }
}
