package org.estate.notify.web;

import org.estate.notify.Mailer;
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

    OutboxApiController(Mailer mailer) {
        this.mailer = mailer;
    }

    @GetMapping("/api/v1/outbox")
    @PreAuthorize("hasRole('ADMIN')")
    @Operation(summary = "Email queued, sent and failed (bodies are not shown)")
    PageResult<OutboxMessage> outbox(@RequestParam(required = false) String status, @RequestParam(required = false) Integer page,
                                     @RequestParam(required = false) Integer size) {
        if (status != null && !status.isBlank() && !java.util.Set.of("pending", "sent", "failed").contains(status)) {
            throw new org.estate.platform.ValidationException("status", "status must be pending, sent or failed");
        }
        return mailer.outbox(status, Paging.of(page, size));
    }
}
