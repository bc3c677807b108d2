package org.estate.change.web;

import java.util.Set;
import java.util.stream.Collectors;

import org.estate.change.internal.ChangeActor;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;

/** The {@link ChangeActor} for the signed-in user (an admin counts as a manager). */
final class ChangeActors {
    private ChangeActors() {
    }

    static ChangeActor of(Authentication auth) {
        Set<String> roles = auth.getAuthorities().stream().map(GrantedAuthority::getAuthority).collect(Collectors.toSet());
        return new ChangeActor(auth.getName(), roles.contains("ROLE_ADMIN") || roles.contains("ROLE_MANAGER"));
    }
}
