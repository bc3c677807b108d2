package org.estate.identity.web;

import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.estate.identity.Users;
import org.estate.platform.ConflictException;
import org.estate.platform.SignedInSession;
import org.estate.platform.ValidationException;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** "Change your password": this session stays signed in, every other one ends. */
@Controller
class PasswordPageController {

    private final Users users;
    private final SignedInSession session;

    PasswordPageController(Users users, SignedInSession session) {
        this.users = users;
        this.session = session;
    }

    @GetMapping("/account/password")
    @PreAuthorize("isAuthenticated()")
    String form(Model model, Authentication auth) {
        model.addAttribute("directory", directory(auth));
        if (!model.containsAttribute("errors")) {
            model.addAttribute("errors", Map.of());
        }
        return "identity/account/password";
    }

    @PostMapping("/account/password")
    @PreAuthorize("isAuthenticated()")
    String change(@RequestParam(defaultValue = "") String currentPassword, @RequestParam(defaultValue = "") String newPassword,
                  Authentication auth, Model model, HttpServletRequest request, HttpServletResponse response,
                  RedirectAttributes redirect) {
        model.addAttribute("directory", directory(auth));
        try {
            users.changeOwnPassword(auth.getName(), currentPassword, newPassword);
        } catch (ValidationException e) {
            Map<String, String> errors = new LinkedHashMap<>();
            e.errors().forEach(f -> errors.putIfAbsent(f.field(), f.message()));
            model.addAttribute("errors", errors);
            return "identity/account/password";
        } catch (ConflictException e) {
            // A directory user: the page says where to change it.
            model.addAttribute("errors", Map.of());
            return "identity/account/password";
        }
        session.keep(request, response);
        redirect.addFlashAttribute("message", "Your password has been changed. You have been signed out everywhere else.");
        return "redirect:/account/password";
    }

    /** True when the signed-in user's password is the council's directory's, not Estate's. */
    private boolean directory(Authentication auth) {
        return users.find(auth.getName()).map(u -> !"local".equals(u.source())).orElse(false);
    }
}
