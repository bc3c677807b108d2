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
    private final java.util.List<org.estate.platform.AccountPageLink> links;

    TokenPageController(Users users, org.springframework.beans.factory.ObjectProvider<org.estate.platform.AccountPageLink> links) {
        this.users = users;
        // Pages of the person's own that other modules own (their on-call contact methods): linked from here.
        this.links = links.stream().sorted(java.util.Comparator.comparingInt(org.estate.platform.AccountPageLink::order)).toList();
    }

    @GetMapping("/account/tokens")
    @PreAuthorize("isAuthenticated()")
    String list(@RequestParam(required = false) String sort, @RequestParam(required = false) Integer page,
                @RequestParam(required = false) Integer size, Authentication auth, Model model) {
        Map<String, String> errors = new LinkedHashMap<>();
        org.estate.platform.Sort order;
        try {
            order = UserApiController.TOKEN_SORT.parse(sort);
        } catch (ValidationException e) {
            order = UserApiController.TOKEN_SORT.parse(null);
            errors.put("sort", e.errors().getFirst().message());
        }
        return page(auth, model, errors, Map.of(), order, org.estate.platform.Paging.lenient(page, size));
    }

    /** Your tokens (names and prefixes, never the tokens) in the page's order, as CSV. */
    @GetMapping("/account/tokens/export.csv")
    @PreAuthorize("isAuthenticated()")
    void export(@RequestParam(required = false) String sort, @RequestParam(required = false) boolean excel, Authentication auth,
                jakarta.servlet.http.HttpServletResponse response) {
        org.estate.platform.Sort order = UserApiController.TOKEN_SORT.parse(sort);
        org.estate.platform.CsvOutput csv = org.estate.platform.CsvOutput.attachment(response, "api-tokens.csv", excel);
        csv.row("name", "starts_with", "created_at", "expires_at", "last_used_at", "expired");
        users.tokens(auth.getName()).stream().sorted(UserApiController.TOKEN_SORT.comparator(order))
            .forEach(t -> csv.row(t.name(), t.prefix(), text(t.createdAt()), text(t.expiresAt()), text(t.lastUsedAt()),
                String.valueOf(t.expired())));
        csv.flush();
    }

    private static String text(Instant at) {
        return at == null ? "" : at.toString();
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
        return page(auth, model, errors, values, UserApiController.TOKEN_SORT.parse(null), org.estate.platform.Paging.of(0, null));
    }

    @PostMapping("/account/tokens/{id}/revoke")
    @PreAuthorize("isAuthenticated()")
    String revoke(@PathVariable long id, Authentication auth, RedirectAttributes redirect) {
        users.revokeToken(auth.getName(), id, false);
        redirect.addFlashAttribute("message", "The token has been revoked: it no longer works.");
        return "redirect:/account/tokens";
    }

    private String page(Authentication auth, Model model, Map<String, String> errors, Map<String, String> values,
                        org.estate.platform.Sort order, org.estate.platform.Paging paging) {
        var result = UserApiController.TOKEN_SORT.page(users.tokens(auth.getName()), order, paging);
        var list = new org.estate.platform.ListView("/account/tokens", new org.springframework.util.LinkedMultiValueMap<>(), order, result);
        model.addAttribute("tokens", result.items());
        model.addAttribute("result", result);
        model.addAttribute("list", list);
        model.addAttribute("pageBase", list.pageBase());
        model.addAttribute("exportUrl", list.at("/account/tokens/export.csv"));
        model.addAttribute("errors", errors);
        model.addAttribute("values", values);
        model.addAttribute("accountLinks", links);
        return "identity/tokens/list";
    }
}
