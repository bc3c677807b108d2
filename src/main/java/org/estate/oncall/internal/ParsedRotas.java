package org.estate.oncall.internal;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Rotas parsed from their stored definition, kept per key for as long as their id and version stand:
 * a bounded, least-recently-used map. The caller reads the current version from the database each
 * time and asks for that version, so a rota changed (on this node or another) is parsed afresh at
 * once; a stale entry is never answered, only replaced.
 */
final class ParsedRotas {

    static final int DEFAULT_SIZE = 256;

    private final Map<String, RotaService.Loaded> entries;

    ParsedRotas(int size) {
        this.entries = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, RotaService.Loaded> eldest) {
                return size() > size;
            }
        };
    }

    /** The rota parsed at exactly this id and version, or null. */
    synchronized RotaService.Loaded get(String key, long id, long version) {
        RotaService.Loaded l = entries.get(key);
        return l != null && l.id() == id && l.view().version() == version ? l : null;
    }

    synchronized void put(RotaService.Loaded loaded) {
        RotaService.Loaded cur = entries.get(loaded.view().key());
        // Never replace a newer parse of the same rota with an older one read concurrently.
        if (cur == null || cur.id() != loaded.id() || cur.view().version() <= loaded.view().version()) {
            entries.put(loaded.view().key(), loaded);
        }
    }

    synchronized int size() {
        return entries.size();
    }
}
