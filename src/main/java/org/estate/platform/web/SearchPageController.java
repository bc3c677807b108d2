package org.estate.platform.web;

import java.util.Map;

import org.estate.platform.ValidationException;
import org.estate.platform.search.SiteSearch;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

import jakarta.servlet.http.HttpServletResponse;

/** The results page of the search box in every page's header: a GET form, so it works with JavaScript off. */
@Controller
class SearchPageController {

    static final Map<String, String> HEADINGS = Map.of("ci", "Configuration items", "incident", "Incidents", "request",
        "Service requests", "problem", "Problems", "known-error", "Known errors", "user", "Users", "team", "Teams");

    private final SiteSearch search;

    SearchPageController(SiteSearch search) {
        this.search = search;
    }

    /**
     * The results page: the groups of {@link SiteSearch}, each a list of links; a text that is too long
     * is shown back in the GOV.UK error pattern.
     *
     * @param q what to search for
     */
    @GetMapping("/search")
    @PreAuthorize("isAuthenticated()")
    String searchPage(@RequestParam(required = false) String q, Authentication auth, Model model, HttpServletResponse response) {
        model.addAttribute("q", q == null ? "" : q);
        model.addAttribute("headings", HEADINGS);
        try {
            model.addAttribute("result", search.search(q, null, auth));
            model.addAttribute("errors", Map.of());
        } catch (ValidationException e) {
            response.setStatus(HttpStatus.UNPROCESSABLE_CONTENT.value());
            model.addAttribute("result", null);
            model.addAttribute("errors", Map.of("search-q", e.errors().getFirst().message()));
        }
        return "platform/search";
    }
}
