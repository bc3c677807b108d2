package org.estate.change.internal;

/** Who is acting on a change: their username and whether they hold the manager role (or admin). */
public record ChangeActor(String username, boolean manager) {
}
