package org.estate.platform.web;

import java.util.Comparator;
import java.util.List;

import org.estate.platform.HomePanel;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

@Controller
class HomeController {

    private final List<HomePanel> panels;

    HomeController(List<HomePanel> panels) {
        this.panels = panels.stream().sorted(Comparator.comparingInt(HomePanel::order)).toList();
    }

    @GetMapping("/")
    @PreAuthorize("isAuthenticated()")
    String home(Model model, org.springframework.security.core.Authentication auth) {
        // Council staff who only raise tickets start in the portal.
        boolean staff = auth.getAuthorities().stream().anyMatch(a -> java.util.Set.of("ROLE_VIEWER", "ROLE_ENGINEER", "ROLE_MANAGER",
            "ROLE_ADMIN").contains(a.getAuthority()));
        if (!staff) {
            return "redirect:/portal";
        }
        model.addAttribute("panels", panels);
        return "home";
    }
}
