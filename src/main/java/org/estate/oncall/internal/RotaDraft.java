package org.estate.oncall.internal;

import java.util.List;

import org.estate.oncall.internal.RotaFields.LayerInput;

/** A rota to create, before users are known to exist: members are source references until mapped. */
record RotaDraft(String key, String name, String zone, List<LayerInput> layers, String sourceName) {
}
