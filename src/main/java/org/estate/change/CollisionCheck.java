package org.estate.change;

import java.util.List;

/**
 * What a proposed change would collide with, and its impact, nothing stored. {@code risk} is the
 * risk of a normal change on that window and those CIs whose back-out is not yet tested (what the
 * CAB would see if it were submitted now).
 */
public record CollisionCheck(List<ChangeView.Collision> collisions, ChangeView.Impact impact, Risk risk) {
}
