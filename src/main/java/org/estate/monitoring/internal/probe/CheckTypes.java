package org.estate.monitoring.internal.probe;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import org.springframework.stereotype.Component;

/** Every {@link CheckType} bean, by key. */
@Component
public class CheckTypes {

    private final Map<String, CheckType> byKey = new TreeMap<>();

    CheckTypes(List<CheckType> types) {
        for (CheckType t : types) {
            if (byKey.put(t.key(), t) != null) {
                throw new IllegalStateException("Two check types with the key " + t.key());
            }
        }
    }

    public Optional<CheckType> find(String key) {
        return Optional.ofNullable(key == null ? null : byKey.get(key));
    }

    /** The keys, in order. */
    public List<String> keys() {
        return List.copyOf(byKey.keySet());
    }
}
