package org.estate.monitoring.internal.alerts;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import org.estate.monitoring.internal.probe.CheckType;
import org.estate.monitoring.internal.probe.Prober;
import org.estate.platform.ValidationException.FieldError;
import org.springframework.stereotype.Component;

/**
 * The {@code external} check type: results pushed by Prometheus Alertmanager, nothing to probe.
 * Its target is empty, or holds the alert's {@code labels} (text to text) as last seen, kept so the
 * check's page can show them.
 */
@Component
class ExternalCheckType implements CheckType {

    static final String KEY = "external";
    static final int MAX_LABELS = 64;
    static final int MAX_LABEL_NAME = 200;
    static final int MAX_LABEL_VALUE = 1000;

    @Override
    public String key() {
        return KEY;
    }

    @Override
    public Set<String> secretFields() {
        return Set.of();
    }

    @Override
    public Map<String, Object> normalise(Map<String, Object> target, List<FieldError> errors) {
        Map<String, Object> out = new LinkedHashMap<>();
        if (target == null) {
            return out;
        }
        for (Map.Entry<String, Object> e : target.entrySet()) {
            if (!"labels".equals(e.getKey())) {
                errors.add(new FieldError("target." + e.getKey(), "An external check takes no " + e.getKey()
                    + ": Alertmanager feeds it (only labels may be given)"));
            }
        }
        Object labels = target.get("labels");
        if (labels == null) {
            return out;
        }
        if (!(labels instanceof Map<?, ?> map) || map.size() > MAX_LABELS) {
            errors.add(new FieldError("target.labels", "Labels must be an object of at most " + MAX_LABELS + " names and text values"));
            return out;
        }
        Map<String, String> clean = new TreeMap<>();
        for (Map.Entry<?, ?> e : map.entrySet()) {
            String name = String.valueOf(e.getKey());
            if (name.isEmpty() || name.length() > MAX_LABEL_NAME || !(e.getValue() instanceof String v) || v.length() > MAX_LABEL_VALUE) {
                errors.add(new FieldError("target.labels", "Each label needs a name of 1 to " + MAX_LABEL_NAME
                    + " characters and a text value of at most " + MAX_LABEL_VALUE));
                return out;
            }
            clean.put(name, v);
        }
        out.put("labels", clean);
        return out;
    }

    /** Nothing to run: Alertmanager pushes the results. */
    @Override
    public Prober prepare(long checkId, Map<String, Object> target) {
        return null;
    }
}
