package org.estate.change.internal;

import java.util.List;

import org.estate.change.ChangeView;
import org.springframework.stereotype.Component;

/** Collision detection is the next step (see {@link CollisionFinder}): until then, no change collides. */
@Component
class NoCollisions implements CollisionFinder {

    @Override
    public List<ChangeView.Collision> collisions(ChangeRow change) {
        return List.of();
    }
}
