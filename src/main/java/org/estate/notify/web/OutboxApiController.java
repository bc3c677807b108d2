package org.estate.notify.web;

import org.estate.notify.Mailer;
import org.estate.notify.NotificationView;
import org.estate.notify.Notifier;
import org.estate.notify.OutboxMessage;
import org.estate.platform.PageResult;
import org.estate.platform.Paging;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

@RestController
@Tag(name = "Notifications")
class OutboxApiController {

    private final Mailer mailer;
    private final Notifier notifier;

    OutboxApiController(Mailer mailer, Notifier notifier) {
        this.mailer = mailer;
        this.notifier = notifier;
    }

    /**
     * Messages of every channel, newest first: who to, status, attempts, the provider's id (a GOV.UK
     * Notify id), the reference and the last error. Bodies and webhook URLs are never shown.
     *
     * @param channel email, sms, teams, slack or webhook; several (comma-separated or repeated) mean any of them
     * @param status  queued, sending, sent, delivered, failed or cancelled; several mean any of them
     * @param page    the page, from 0
     * @param size    messages per page (default 50, at most 500)
     */
    @GetMapping("/api/v1/notifications")
    @PreAuthorize("hasRole('ADMIN')")
    @Operation(summary = "Messages of every channel (bodies and URLs are not shown)")
    PageResult<NotificationView> listNotifications(@RequestParam(required = false) java.util.List<String> channel,
                                                   @RequestParam(required = false) java.util.List<String> status,
                                                   @RequestParam(required = false) Integer page, @RequestParam(required = false) Integer size) {
        return notifier.notifications(channel, status, Paging.of(page, size));
    }

    /**
     * Email queued, sent and failed (bodies are not shown), sorted and paged; every channel is at
     * {@code /api/v1/notifications}.
     *
     * @param status queued, sending, sent, delivered, failed or cancelled; several (comma-separated or repeated) mean any of them
     * @param sort   created, sent, status, subject or attempts ({@code -} for descending; default {@code -created})
     * @param page   the page, from 0
     * @param size   messages per page (default 50, at most 500)
     */
    @GetMapping("/api/v1/outbox")
    @PreAuthorize("hasRole('ADMIN')")
    @Operation(summary = "Email queued, sent and failed (bodies are not shown)")
    PageResult<OutboxMessage> listOutbox(@RequestParam(required = false) java.util.List<String> status,
                                         @RequestParam(required = false) String sort, @RequestParam(required = false) Integer page,
                                         @RequestParam(required = false) Integer size) {
        return mailer.outbox(status, Mailer.OUTBOX_SORT.parse(sort), Paging.of(page, size));
    }
}
