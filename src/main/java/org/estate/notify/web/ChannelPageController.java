package org.estate.notify.web;

import java.util.LinkedHashMap;
import java.util.Map;

import org.estate.notify.internal.ChannelService;
import org.estate.notify.internal.ChannelService.ChannelInput;
import org.estate.platform.ConflictException;
import org.estate.platform.ValidationException;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** Admins list, add and delete the configured channels; a channel's URL and secret are typed in and never shown again. */
@Controller
class ChannelPageController {

    private final ChannelService channels;

    ChannelPageController(ChannelService channels) {
        this.channels = channels;
    }

    @GetMapping("/admin/channels")
    @PreAuthorize("hasRole('ADMIN')")
    String list(Model model) {
        if (!model.containsAttribute("values")) {
            model.addAttribute("values", Map.of("type", "teams"));
        }
        if (!model.containsAttribute("errors")) {
            model.addAttribute("errors", Map.of());
        }
        model.addAttribute("channels", channels.list());
        model.addAttribute("types", ChannelService.TYPES);
        return "notify/channels";
    }

    @PostMapping("/admin/channels")
    @PreAuthorize("hasRole('ADMIN')")
    String create(@RequestParam Map<String, String> params, Model model, RedirectAttributes redirect) {
        Map<String, String> errors = new LinkedHashMap<>();
        String secret = params.get("secret");
        try {
            var c = channels.create(new ChannelInput(trim(params.get("key")), params.get("type"), trim(params.get("url")),
                secret == null || secret.isEmpty() ? null : secret));
            redirect.addFlashAttribute("message", "Channel " + c.key() + " added.");
            return "redirect:/admin/channels";
        } catch (ValidationException e) {
            e.errors().forEach(fe -> errors.putIfAbsent(fe.field(), fe.message()));
        } catch (ConflictException e) {
            errors.put("key", e.getMessage());
        }
        Map<String, String> values = new LinkedHashMap<>(params);
        values.remove("secret"); // a secret is never echoed back into the page
        values.remove("_csrf");
        model.addAttribute("values", values);
        model.addAttribute("errors", errors);
        return list(model);
    }

    @PostMapping("/admin/channels/{key}/delete")
    @PreAuthorize("hasRole('ADMIN')")
    String delete(@PathVariable String key, RedirectAttributes redirect) {
        channels.delete(key);
        redirect.addFlashAttribute("message", "Channel " + key + " deleted.");
        return "redirect:/admin/channels";
    }

    private static String trim(String s) {
        return s == null ? null : s.trim();
    }
}
