package org.estate.cmdb.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Random;
import java.util.Set;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The import's duplicate check: the same answers as a HashSet, zero included. */
@Tag("unit")
class LongHashSetTests {

    @Test
    void behavesLikeAHashSet() {
        LongHashSet set = new LongHashSet();
        Set<Long> reference = new HashSet<>();
        Random random = new Random(1);
        for (int i = 0; i < 200_000; i++) {
            long v = i % 7 == 0 ? random.nextInt(1000) : random.nextLong();
            assertThat(set.add(v)).isEqualTo(reference.add(v));
        }
        assertThat(set.size()).isEqualTo(reference.size());
        reference.forEach(v -> assertThat(set.contains(v)).isTrue());
        assertThat(set.contains(0L)).isEqualTo(reference.contains(0L));
        assertThat(LongHashSet.hash("server\u0000a")).isNotEqualTo(LongHashSet.hash("server\u0000b"));
    }
}
