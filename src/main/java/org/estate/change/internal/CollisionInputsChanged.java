package org.estate.change.internal;

/**
 * Published (inside the writing transaction) when something collisions are computed from changes
 * outside a change itself: a freeze or a maintenance window saved or deleted. Collision detection
 * listens and re-checks the scheduled changes, so a flag is never stale.
 */
record CollisionInputsChanged(String what) {
}
