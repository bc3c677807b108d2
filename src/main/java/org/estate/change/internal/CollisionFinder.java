package org.estate.change.internal;

import java.util.List;

import org.estate.change.ChangeView;

/**
 * The seam for collision detection (same CI, dependency, joint outage, freeze, outside a
 * maintenance window). Not built yet: {@link NoCollisions} answers none. Whatever answers here
 * feeds both the change's {@code collisions} and the risk factor (+10 each) in {@link RiskModel}.
 */
interface CollisionFinder {

    List<ChangeView.Collision> collisions(ChangeRow change);
}
