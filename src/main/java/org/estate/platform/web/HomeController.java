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
    String home(Model model) {
        model.addAttribute("panels", panels);
        return "home";
    }
}
