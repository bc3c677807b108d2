package org.estate.cmdb.internal.graph;

import java.util.Arrays;

/** Small primitive collections for the graph: no boxing on the hot paths. */
final class LongIntMap {
    private static final long EMPTY = Long.MIN_VALUE;
    private long[] keys;
    private int[] values;
    private int size;

    LongIntMap(int capacity) {
        int c = Integer.highestOneBit(Math.max(4, capacity) * 2 - 1) << 1;
        keys = new long[c];
        values = new int[c];
        Arrays.fill(keys, EMPTY);
    }

    /** The value, or -1 when absent. */
    int get(long key) {
        int mask = keys.length - 1;
        for (int i = mix(key) & mask; ; i = (i + 1) & mask) {
            long k = keys[i];
            if (k == key) {
                return values[i];
            }
            if (k == EMPTY) {
                return -1;
            }
        }
    }

    void put(long key, int value) {
        if ((size + 1) * 2 > keys.length) {
            grow();
        }
        int mask = keys.length - 1;
        for (int i = mix(key) & mask; ; i = (i + 1) & mask) {
            if (keys[i] == key) {
                values[i] = value;
                return;
            }
            if (keys[i] == EMPTY) {
                keys[i] = key;
                values[i] = value;
                size++;
                return;
            }
        }
    }

    private void grow() {
        long[] oldKeys = keys;
        int[] oldValues = values;
        keys = new long[oldKeys.length * 2];
        values = new int[oldKeys.length * 2];
        Arrays.fill(keys, EMPTY);
        size = 0;
        for (int i = 0; i < oldKeys.length; i++) {
            if (oldKeys[i] != EMPTY) {
                put(oldKeys[i], oldValues[i]);
            }
        }
    }

    static int mix(long key) {
        long h = key * 0x9E3779B97F4A7C15L;
        return (int) (h ^ (h >>> 32));
    }
}

/** int → int map with -1 for absent; used as per-query scratch. */
final class IntIntMap {
    private final LongIntMap map;

    IntIntMap(int capacity) {
        map = new LongIntMap(capacity);
    }

    int get(int key) {
        return map.get(key);
    }

    void put(int key, int value) {
        map.put(key, value);
    }

    /** Adds one to the count under key (absent counts as 0) and answers the new count. */
    int increment(int key) {
        int v = map.get(key);
        int next = v < 0 ? 1 : v + 1;
        map.put(key, next);
        return next;
    }
}

final class IntSet {
    private final LongIntMap map;

    IntSet(int capacity) {
        map = new LongIntMap(capacity);
    }

    /** Adds; answers whether it was absent. */
    boolean add(int v) {
        if (map.get(v) >= 0) {
            return false;
        }
        map.put(v, 1);
        return true;
    }

    boolean contains(int v) {
        return map.get(v) >= 0;
    }
}

final class IntQueue {
    private int[] items = new int[64];
    private int head;
    private int tail;

    void add(int v) {
        if (tail == items.length) {
            if (head > items.length / 2) {
                System.arraycopy(items, head, items, 0, tail - head);
                tail -= head;
                head = 0;
            } else {
                items = Arrays.copyOf(items, items.length * 2);
            }
        }
        items[tail++] = v;
    }

    int poll() {
        return items[head++];
    }

    boolean isEmpty() {
        return head == tail;
    }
}

/** Nodes down (beyond {@code base}'s) and the members down per group, counting {@code base}'s. */
final class Outage {
    final Outage base;
    final IntSet down = new IntSet(64);
    final IntIntMap groups = new IntIntMap(16);
    int[] added = new int[16];
    int count;

    Outage(Outage base) {
        this.base = base;
    }

    boolean isDown(int i) {
        return down.contains(i) || base != null && base.isDown(i);
    }

    boolean add(int i) {
        if (!down.add(i)) {
            return false;
        }
        if (count == added.length) {
            added = Arrays.copyOf(added, count * 2);
        }
        added[count++] = i;
        return true;
    }

    /** Counts one more member of group {@code g} down; answers how many are down in all. */
    int downInGroup(int g) {
        int mine = groups.increment(g);
        int below = base == null ? -1 : base.groups.get(g);
        return mine + Math.max(0, below);
    }
}
