package org.estate.identity.web;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.estate.identity.NewUser;
import org.estate.identity.UserChanges;
import org.estate.identity.UserView;
import org.estate.identity.Users;
import org.estate.platform.ConflictException;
import org.estate.platform.NotFoundException;
import org.estate.identity.internal.UserList;
import org.estate.platform.Paging;
import org.estate.platform.PreconditionFailedException;
import org.estate.platform.ValidationException;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** Users admin: list, add, edit roles and details, unlock. Admins only. */
@Controller
class UserAdminPageController {

    static final List<String> ROLES = List.of("viewer", "requester", "engineer", "manager", "admin");
    private final Users users;
    private final UserList userList;

    UserAdminPageController(Users users, UserList userList) {
        this.users = users;
        this.userList = userList;
    }

    @GetMapping("/admin/users")
    @PreAuthorize("hasRole('ADMIN')")
    String list(@RequestParam(required = false) String q, @RequestParam(required = false) String sort,
                @RequestParam(required = false) Integer page, @RequestParam(required = false) Integer size, Model model) {
        org.estate.platform.Sort order;
        try {
            order = UserList.SORT.parse(sort);
        } catch (org.estate.platform.ValidationException e) {
            order = UserList.SORT.parse(null);
            model.addAttribute("errors", Map.of("sort", e.errors().getFirst().message()));
        }
        Paging paging = Paging.of(page == null ? 0 : Math.max(0, page), size == null ? Paging.DEFAULT_SIZE : Math.max(1, size));
        var result = userList.list(q, order, paging);
        var list = new org.estate.platform.ListView("/admin/users", org.estate.platform.ListView.filters(
            java.util.Collections.singletonMap("q", q)), order, result);
        model.addAttribute("result", result);
        model.addAttribute("list", list);
        model.addAttribute("q", q);
        model.addAttribute("pageBase", list.pageBase());
        return "identity/users/list";
    }

    @GetMapping("/admin/users/new")
    @PreAuthorize("hasRole('ADMIN')")
    String newUser(Model model) {
        // No role is ticked for you: a default staff role given to a requester would show them every ticket.
        return form(model, null, Map.of(), List.of(), Map.of());
    }

    @PostMapping("/admin/users")
    @PreAuthorize("hasRole('ADMIN')")
    String create(@RequestParam Map<String, String> params, @RequestParam(required = false) List<String> roles, Model model,
                  RedirectAttributes redirect) {
        List<String> chosen = roles == null ? List.of() : roles;
        try {
            UserView user = users.create(new NewUser(params.get("username"), params.get("displayName"), params.get("email"), chosen,
                params.get("password")));
            redirect.addFlashAttribute("message", "User " + user.username() + " added.");
            return "redirect:/admin/users";
        } catch (ValidationException e) {
            return form(model, null, params, chosen, errors(e));
        } catch (ConflictException e) {
            return form(model, null, params, chosen, Map.of("username", e.getMessage()));
        }
    }

    @GetMapping("/admin/users/{username}")
    @PreAuthorize("hasRole('ADMIN')")
    String edit(@PathVariable String username, Model model) {
        UserView user = users.find(username).orElseThrow(() -> new NotFoundException("No user " + username));
        Map<String, String> values = new LinkedHashMap<>();
        values.put("displayName", user.displayName());
        values.put("email", user.email() == null ? "" : user.email());
        values.put("enabled", String.valueOf(user.enabled()));
        values.put("version", String.valueOf(user.version()));
        return form(model, user, values, user.roles(), Map.of());
    }

    @PostMapping("/admin/users/{username}")
    @PreAuthorize("hasRole('ADMIN')")
    String update(@PathVariable String username, @RequestParam Map<String, String> params,
                  @RequestParam(required = false) List<String> roles, Model model, RedirectAttributes redirect) {
        UserView user = users.find(username).orElseThrow(() -> new NotFoundException("No user " + username));
        List<String> chosen = roles == null ? List.of() : roles;
        // A directory user's password is the directory's: the form has no field for it.
        String password = "local".equals(user.source()) ? params.getOrDefault("password", "") : "";
        try {
            users.update(username, Long.parseLong(params.getOrDefault("version", "-1")), new UserChanges(params.get("displayName"),
                params.getOrDefault("email", ""), chosen, "true".equals(params.get("enabled")), password.isEmpty() ? null : password));
            redirect.addFlashAttribute("message", "User " + username + " saved.");
            return "redirect:/admin/users";
        } catch (ValidationException e) {
            return form(model, user, params, chosen, errors(e));
        } catch (ConflictException e) {
            // The last enabled admin cannot be demoted or disabled.
            Map<String, String> values = new LinkedHashMap<>(params);
            values.put("version", String.valueOf(user.version()));
            return form(model, user, values, chosen, Map.of("roles", e.getMessage()));
        } catch (PreconditionFailedException | NumberFormatException e) {
            Map<String, String> values = new LinkedHashMap<>(params);
            values.put("version", String.valueOf(user.version()));
            return form(model, user, values, chosen, Map.of("displayName",
                "Someone else changed this user while you were editing. Check your changes and save again."));
        }
    }

    @PostMapping("/admin/users/{username}/unlock")
    @PreAuthorize("hasRole('ADMIN')")
    String unlock(@PathVariable String username, RedirectAttributes redirect) {
        users.unlock(username);
        redirect.addFlashAttribute("message", "User " + username + " unlocked.");
        return "redirect:/admin/users";
    }

    private String form(Model model, UserView user, Map<String, String> values, List<String> roles, Map<String, String> errors) {
        model.addAttribute("user", user);
        model.addAttribute("values", values);
        model.addAttribute("chosenRoles", new ArrayList<>(roles));
        model.addAttribute("allRoles", ROLES);
        model.addAttribute("errors", errors);
        return "identity/users/form";
    }

    private static Map<String, String> errors(ValidationException e) {
        Map<String, String> errors = new LinkedHashMap<>();
        e.errors().forEach(f -> errors.putIfAbsent(f.field(), f.message()));
        return errors;
    }
}
