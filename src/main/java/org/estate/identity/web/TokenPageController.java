package org.estate.identity.web;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.Map;

import org.estate.identity.CreatedToken;
import org.estate.identity.Users;
import org.estate.platform.ValidationException;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** "My API tokens": list, create (the token is shown once), revoke. */
@Controller
class TokenPageController {

    private static final ZoneId LONDON = ZoneId.of("Europe/London");
    private final Users users;

    TokenPageController(Users users) {
        this.users = users;
    }

    @GetMapping("/account/tokens")
    @PreAuthorize("isAuthenticated()")
    String list(Authentication auth, Model model) {
        return page(auth, model, Map.of(), Map.of());
    }

    @PostMapping("/account/tokens")
    @PreAuthorize("isAuthenticated()")
    String create(@RequestParam(defaultValue = "") String name, @RequestParam(defaultValue = "") String expiresOn,
                  Authentication auth, Model model) {
        Map<String, String> values = Map.of("name", name, "expiresOn", expiresOn);
        Map<String, String> errors = new LinkedHashMap<>();
        Instant expiresAt = null;
        if (!expiresOn.isBlank()) {
            try {
                // The end of the chosen day in the council's time zone.
                expiresAt = LocalDate.parse(expiresOn.trim()).plusDays(1).atStartOfDay(LONDON).toInstant();
            } catch (DateTimeException e) {
                // Unreadable, or a real date too far out to turn into an instant.
                errors.put("expiresOn", "Enter a real date, like 2027-03-31");
            }
        }
        if (errors.isEmpty()) {
            try {
                CreatedToken token = users.createToken(auth.getName(), name, expiresAt);
                model.addAttribute("token", token);
                return "identity/tokens/created";
            } catch (ValidationException e) {
                e.errors().forEach(f -> errors.putIfAbsent("expiresAt".equals(f.field()) ? "expiresOn" : f.field(), f.message()));
            }
        }
        return page(auth, model, errors, values);
    }

    @PostMapping("/account/tokens/{id}/revoke")
    @PreAuthorize("isAuthenticated()")
    String revoke(@PathVariable long id, Authentication auth, RedirectAttributes redirect) {
        users.revokeToken(auth.getName(), id, false);
        redirect.addFlashAttribute("message", "The token has been revoked: it no longer works.");
        return "redirect:/account/tokens";
    }

    private String page(Authentication auth, Model model, Map<String, String> errors, Map<String, String> values) {
        model.addAttribute("tokens", users.tokens(auth.getName()));
        model.addAttribute("errors", errors);
        model.addAttribute("values", values);
        return "identity/tokens/list";
    }
}
