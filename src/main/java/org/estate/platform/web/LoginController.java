package org.estate.platform.web;

import org.estate.platform.OidcProperties;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

@Controller
class LoginController {

    private final OidcProperties oidc;

    LoginController(OidcProperties oidc) {
        this.oidc = oidc;
    }

    @GetMapping("/login")
    @PreAuthorize("permitAll()")
    String login(Model model) {
        // The "Sign in with …" button only when an OpenID Connect provider is configured.
        model.addAttribute("oidcName", oidc.configured() ? oidc.name() : null);
        return "login";
    }
}
