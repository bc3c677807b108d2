package org.estate.notify.web;

import java.util.Set;

import org.estate.notify.Mailer;
import org.estate.platform.Paging;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** Admins see what email is queued, sent or given up on, with the last error (never the bodies). */
@Controller
class OutboxPageController {

    private final Mailer mailer;

    OutboxPageController(Mailer mailer) {
        this.mailer = mailer;
    }

    @GetMapping("/admin/outbox")
    @PreAuthorize("hasRole('ADMIN')")
    String outbox(@RequestParam(required = false) String status, @RequestParam(required = false) Integer page, Model model) {
        String s = status != null && Set.of("pending", "sent", "failed").contains(status) ? status : null;
        model.addAttribute("status", s);
        model.addAttribute("result", mailer.outbox(s, Paging.of(page == null ? 0 : Math.max(0, page), 50)));
        model.addAttribute("pageBase", "/admin/outbox?" + (s == null ? "" : "status=" + s + "&"));
        return "notify/outbox";
    }
}
