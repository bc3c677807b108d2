package org.estate.change.internal;

import java.util.List;

import org.estate.change.ChangeView;

/**
 * Collision detection (same CI, dependency, joint outage, freeze, outside a maintenance window),
 * computed when asked, from the live graph: {@link CollisionDetector}. Whatever answers here feeds
 * both the change's {@code collisions} and the risk factor (+10 each) in {@link RiskModel}.
 */
interface CollisionFinder {

    /** The change's collisions, each with its stable signature, in a deterministic order. */
    List<Found> find(ChangeRow change);

    default List<ChangeView.Collision> collisions(ChangeRow change) {
        return find(change).stream().map(Found::collision).toList();
    }

    /**
     * A collision and its signature: the kind, the other change or freeze and the path, hashed —
     * the same collision found again has the same signature (the flag emails each one once).
     */
    record Found(String signature, ChangeView.Collision collision) {
    }
}
