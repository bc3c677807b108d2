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
    String outbox(@RequestParam(required = false) String status, @RequestParam(required = false) String sort,
                  @RequestParam(required = false) Integer page, @RequestParam(required = false) Integer size, Model model) {
        String s = status != null && Set.of("pending", "sent", "failed").contains(status) ? status : null;
        org.estate.platform.Sort order;
        try {
            order = Mailer.OUTBOX_SORT.parse(sort);
        } catch (org.estate.platform.ValidationException e) {
            order = Mailer.OUTBOX_SORT.parse(null);
        }
        Paging paging = Paging.of(page == null ? 0 : Math.max(0, page), size == null ? Paging.DEFAULT_SIZE : Math.max(1, size));
        var result = mailer.outbox(s == null ? java.util.List.of() : java.util.List.of(s), order, paging);
        var list = new org.estate.platform.ListView("/admin/outbox", org.estate.platform.ListView.filters(
            java.util.Collections.singletonMap("status", s)), order, result);
        model.addAttribute("status", s);
        model.addAttribute("result", result);
        model.addAttribute("list", list);
        model.addAttribute("pageBase", list.pageBase());
        return "notify/outbox";
    }
}
