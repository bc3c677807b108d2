package org.estate.identity.web;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.estate.identity.FeedTokens;
import org.estate.platform.FeedPaths;
import org.estate.platform.ValidationException;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** "My calendar feeds": create a feed token (shown once, with the subscription addresses), list and revoke them. */
@Controller
class FeedTokenPageController {

    private final FeedTokens tokens;
    private final ObjectProvider<FeedPaths> feeds;
    private final String baseUrl;

    FeedTokenPageController(FeedTokens tokens, ObjectProvider<FeedPaths> feeds, @Value("${estate.base-url}") String baseUrl) {
        this.tokens = tokens;
        this.feeds = feeds;
        this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
    }

    @GetMapping("/account/feeds")
    @PreAuthorize("hasRole('VIEWER')")
    String list(Authentication auth, Model model) {
        return page(auth, model, Map.of(), "");
    }

    @PostMapping("/account/feeds")
    @PreAuthorize("hasRole('VIEWER')")
    String create(@RequestParam(defaultValue = "") String name, Authentication auth, Model model) {
        try {
            FeedTokens.Created token = tokens.create(auth.getName(), name);
            model.addAttribute("token", token);
            model.addAttribute("feeds", feeds(auth.getName()));
            model.addAttribute("baseUrl", baseUrl);
            return "identity/feeds/created";
        } catch (ValidationException e) {
            Map<String, String> errors = new LinkedHashMap<>();
            e.errors().forEach(f -> errors.putIfAbsent(f.field(), f.message()));
            return page(auth, model, errors, name);
        }
    }

    @PostMapping("/account/feeds/{id}/revoke")
    @PreAuthorize("hasRole('VIEWER')")
    String revoke(@PathVariable long id, Authentication auth, RedirectAttributes redirect) {
        tokens.revoke(auth.getName(), id);
        redirect.addFlashAttribute("message", "The feed token has been revoked: calendars using it stop updating.");
        return "redirect:/account/feeds";
    }

    /** The feeds, a {@code {username}} in a path filled in with the signed-in person's. */
    private List<FeedPaths.Feed> feeds(String username) {
        String name = org.springframework.web.util.UriUtils.encodePathSegment(username, java.nio.charset.StandardCharsets.UTF_8);
        return feeds.orderedStream().flatMap(f -> f.feeds().stream())
            .map(f -> new FeedPaths.Feed(f.path().replace("{username}", name), f.title())).toList();
    }

    private String page(Authentication auth, Model model, Map<String, String> errors, String name) {
        model.addAttribute("tokens", tokens.list(auth.getName()));
        model.addAttribute("feeds", feeds(auth.getName()));
        model.addAttribute("baseUrl", baseUrl);
        model.addAttribute("errors", errors);
        model.addAttribute("values", Map.of("name", name));
        return "identity/feeds/list";
    }
}
