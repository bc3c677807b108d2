package org.estate.notify.web;

import org.estate.notify.internal.NotifyCallbacks;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

/**
 * GOV.UK Notify's delivery receipts. Notify signs in with nobody's account: the path is open to the
 * API token filter's bypass (SecurityConfiguration) and the callback token
 * ({@code ESTATE_NOTIFY_CALLBACK_TOKEN}, sent as {@code Authorization: Bearer ...}) is checked here.
 */
@RestController
@Tag(name = "Notifications")
class NotifyCallbackController {

    private final NotifyCallbacks callbacks;

    NotifyCallbackController(NotifyCallbacks callbacks) {
        this.callbacks = callbacks;
    }

    /**
     * A receipt {id, reference, to, status, created_at, completed_at, sent_at, notification_type}: 200 (an
     * unknown id is ignored), or 401 for a wrong token or when none is set.
     *
     * @param authorization {@code Bearer} and the callback token set in {@code ESTATE_NOTIFY_CALLBACK_TOKEN}
     * @param receipt       GOV.UK Notify's delivery receipt
     */
    @PostMapping("/api/v1/notify/callbacks")
    @PreAuthorize("permitAll()")
    @Operation(summary = "GOV.UK Notify's delivery receipt (Authorization: Bearer <the callback token>)")
    ResponseEntity<?> callback(@RequestHeader(value = "Authorization", required = false) String authorization,
                                  @RequestBody(required = false) String receipt) {
        if (!callbacks.authorised(authorization)) {
            return ResponseEntity.status(HttpStatus.UNAUTHORIZED).header("WWW-Authenticate", "Bearer")
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(ProblemDetail.forStatusAndDetail(HttpStatus.UNAUTHORIZED, "The callback token is wrong, or none is set"));
        }
        callbacks.receive(receipt); // read only once the token is right: a stranger learns nothing from a parse error
        return ResponseEntity.ok().build();
    }
}
