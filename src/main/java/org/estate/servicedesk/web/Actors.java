package org.estate.servicedesk.web;

import java.util.Set;
import java.util.stream.Collectors;

import org.estate.servicedesk.internal.Actor;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;

/** The service-desk {@link Actor} for the signed-in user. */
final class Actors {
    private Actors() {
    }

    static Actor of(Authentication auth) {
        Set<String> roles = auth.getAuthorities().stream().map(GrantedAuthority::getAuthority).collect(Collectors.toSet());
        boolean admin = roles.contains("ROLE_ADMIN");
        boolean manager = admin || roles.contains("ROLE_MANAGER");
        boolean engineer = manager || roles.contains("ROLE_ENGINEER");
        boolean staff = engineer || roles.contains("ROLE_VIEWER");
        return new Actor(auth.getName(), staff, engineer, manager);
    }
}
