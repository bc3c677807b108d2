package org.estate.cmdb.internal;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A set of {@code long}s in one open-addressed array (no boxing): 16 bytes an entry at most, so the
 * keys of a million-row import cost megabytes, not hundreds of them. 0 is stored apart.
 */
final class LongHashSet {

    private long[] table = new long[1 << 10];
    private int size;
    private boolean hasZero;

    /** A 64-bit FNV-1a hash of the text's UTF-8 bytes, mixed: collisions are checked exactly by the caller. */
    static long hash(String text) {
        long h = 0xcbf29ce484222325L;
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            h ^= b;
            h *= 0x100000001b3L;
        }
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        return h ^ (h >>> 33);
    }

    /** Adds; answers false when it was already there. */
    boolean add(long v) {
        if (v == 0) {
            boolean added = !hasZero;
            hasZero = true;
            size += added ? 1 : 0;
            return added;
        }
        if ((size + 1) * 2L > table.length) {
            grow();
        }
        int mask = table.length - 1;
        for (int i = (int) v & mask; ; i = (i + 1) & mask) {
            if (table[i] == v) {
                return false;
            }
            if (table[i] == 0) {
                table[i] = v;
                size++;
                return true;
            }
        }
    }

    boolean contains(long v) {
        if (v == 0) {
            return hasZero;
        }
        int mask = table.length - 1;
        for (int i = (int) v & mask; ; i = (i + 1) & mask) {
            if (table[i] == v) {
                return true;
            }
            if (table[i] == 0) {
                return false;
            }
        }
    }

    int size() {
        return size;
    }

    private void grow() {
        long[] old = table;
        table = new long[old.length * 2];
        int kept = hasZero ? 1 : 0;
        size = kept;
        Arrays.stream(old).filter(v -> v != 0).forEach(v -> {
            int mask = table.length - 1;
            int i = (int) v & mask;
            while (table[i] != 0) {
                i = (i + 1) & mask;
            }
            table[i] = v;
            size++;
        });
    }
}
