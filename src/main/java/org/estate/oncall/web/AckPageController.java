package org.estate.oncall.web;

import org.estate.oncall.internal.AckLinks;
import org.estate.oncall.internal.AckLinks.AckLink;
import org.estate.platform.ConflictException;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;

import jakarta.servlet.http.HttpServletResponse;

/**
 * The acknowledge link in a page's email or SMS, opened without signing in: the GET shows what it
 * would acknowledge and a button, changing nothing (Safe Links and other mail scanners open every
 * link); only the button's POST (with its CSRF token) acknowledges. Permitted to anyone: the
 * one-time token in the path is the credential.
 */
@Controller
class AckPageController {

    private final AckLinks links;

    AckPageController(AckLinks links) {
        this.links = links;
    }

    @GetMapping("/ack/{token}")
    @PreAuthorize("permitAll()")
    String confirm(@PathVariable String token, Model model, HttpServletResponse response) {
        AckLink link = known(token, model, response);
        if (link != null && !link.usable()) {
            response.setStatus(HttpStatus.CONFLICT.value());
            model.addAttribute("problem", link.used() ? "This link has been used already." : "This link has expired.");
        }
        return "oncall/ack";
    }

    @PostMapping("/ack/{token}")
    @PreAuthorize("permitAll()")
    String acknowledge(@PathVariable String token, Model model, HttpServletResponse response) {
        if (known(token, model, response) != null) {
            try {
                model.addAttribute("page", links.use(token));
            } catch (ConflictException e) {
                response.setStatus(HttpStatus.CONFLICT.value());
                model.addAttribute("problem", e.getMessage() + ".");
            }
        }
        return "oncall/ack";
    }

    /** The link's page for the model, or null (and a 404 saying so) for a token that was never issued. */
    private AckLink known(String token, Model model, HttpServletResponse response) {
        model.addAttribute("token", token);
        AckLink link = links.find(token).orElse(null);
        if (link == null) {
            response.setStatus(HttpStatus.NOT_FOUND.value());
            model.addAttribute("problem", "This acknowledge link is not recognised. Check it was copied in full.");
        } else {
            model.addAttribute("link", link);
        }
        return link;
    }
}
