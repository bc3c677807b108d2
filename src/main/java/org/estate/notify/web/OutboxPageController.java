package org.estate.notify.web;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.estate.notify.Mailer;
import org.estate.notify.Notifier;
import org.estate.platform.ListView;
import org.estate.platform.Paging;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** Admins see what is queued, sent or given up on, on every channel, with the last error (never the bodies or URLs). */
@Controller
class OutboxPageController {

    private final Notifier notifier;

    OutboxPageController(Notifier notifier) {
        this.notifier = notifier;
    }

    @GetMapping("/admin/outbox")
    @PreAuthorize("hasRole('ADMIN')")
    String outbox(@RequestParam(required = false) String channel, @RequestParam(required = false) String status,
                  @RequestParam(required = false) Integer page, @RequestParam(required = false) Integer size, Model model) {
        String c = channel != null && Notifier.CHANNELS.contains(channel) ? channel : null;
        String s = status != null && Notifier.STATUSES.contains(status) ? status : null;
        Paging paging = Paging.of(page == null ? 0 : Math.max(0, page), size == null ? Paging.DEFAULT_SIZE : Math.max(1, size));
        var result = notifier.notifications(c == null ? List.of() : List.of(c), s == null ? List.of() : List.of(s), paging);
        Map<String, String> filters = new LinkedHashMap<>();
        filters.put("channel", c);
        filters.put("status", s);
        var list = new ListView("/admin/outbox", ListView.filters(filters), Mailer.OUTBOX_SORT.parse(null), result);
        model.addAttribute("channel", c);
        model.addAttribute("status", s);
        model.addAttribute("channels", Notifier.CHANNELS);
        model.addAttribute("statuses", Notifier.STATUSES);
        model.addAttribute("result", result);
        model.addAttribute("list", list);
        model.addAttribute("pageBase", list.pageBase());
        return "notify/outbox";
    }
}
