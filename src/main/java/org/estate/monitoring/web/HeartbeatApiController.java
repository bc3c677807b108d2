package org.estate.monitoring.web;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import org.estate.monitoring.internal.heartbeat.HeartbeatPings;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;

/**
 * The secret ping URLs of heartbeat checks, called by backup jobs and cron without signing in:
 * the token in the path is the credential. 200 once the ping is committed; 404 for an unknown
 * token; a body over 10 KB is refused with 413.
 */
@RestController
@RequestMapping("/api/v1/heartbeats")
@Tag(name = "Heartbeats")
class HeartbeatApiController {

    private final HeartbeatPings pings;

    HeartbeatApiController(HeartbeatPings pings) {
        this.pings = pings;
    }

    /** The job ran: a ping. @param token the check's ping token (from its ping URL) */
    @GetMapping("/{token}")
    @PreAuthorize("permitAll()")
    @Operation(operationId = "pingHeartbeat", summary = "Ping a heartbeat check (no sign-in: the token is the secret); 404 for an unknown token")
    ResponseEntity<Object> ping(@io.swagger.v3.oas.annotations.Parameter(description = "The check's ping token, from its ping URL") @PathVariable String token, HttpServletRequest request) throws IOException {
        return record(token, true, request);
    }

    /** The job ran: a ping, with a body up to 10 KB kept as the result's message. @param token the check's ping token (from its ping URL) */
    @PostMapping("/{token}")
    @PreAuthorize("permitAll()")
    @Operation(operationId = "postHeartbeat", summary = "Ping a heartbeat check with a body (kept, up to 10 KB; 413 beyond); no sign-in; 404 for an unknown token")
    ResponseEntity<Object> post(@io.swagger.v3.oas.annotations.Parameter(description = "The check's ping token, from its ping URL") @PathVariable String token, HttpServletRequest request) throws IOException {
        return record(token, true, request);
    }

    /** The job failed: a failure is recorded at once. @param token the check's ping token (from its ping URL) */
    @GetMapping("/{token}/fail")
    @PreAuthorize("permitAll()")
    @Operation(operationId = "failHeartbeat", summary = "Report a failure of a heartbeat check's job at once (no sign-in); 404 for an unknown token")
    ResponseEntity<Object> fail(@io.swagger.v3.oas.annotations.Parameter(description = "The check's ping token, from its ping URL") @PathVariable String token, HttpServletRequest request) throws IOException {
        return record(token, false, request);
    }

    /** The job failed, with a body up to 10 KB kept as the result's message. @param token the check's ping token (from its ping URL) */
    @PostMapping("/{token}/fail")
    @PreAuthorize("permitAll()")
    @Operation(operationId = "postHeartbeatFailure", summary = "Report a failure with a body (kept, up to 10 KB); no sign-in; 404 for an unknown token")
    ResponseEntity<Object> postFail(@io.swagger.v3.oas.annotations.Parameter(description = "The check's ping token, from its ping URL") @PathVariable String token, HttpServletRequest request) throws IOException {
        return record(token, false, request);
    }

    private ResponseEntity<Object> record(String token, boolean ok, HttpServletRequest request) throws IOException {
        String body = body(request);
        if (body == null) {
            ProblemDetail p = ProblemDetail.forStatusAndDetail(HttpStatus.CONTENT_TOO_LARGE,
                "A heartbeat's body may be at most " + HeartbeatPings.MAX_BODY / 1024 + " KB");
            p.setTitle("Content Too Large");
            p.setProperty("maxBytes", HeartbeatPings.MAX_BODY);
            return ResponseEntity.status(HttpStatus.CONTENT_TOO_LARGE).body(p);
        }
        pings.ping(token, ok, body);
        return ResponseEntity.ok(Map.of("recorded", true, "ok", ok));
    }

    /** The body as text, or null when it is larger than allowed. A form-encoded body has been read as parameters: rebuilt. */
    private static String body(HttpServletRequest request) throws IOException {
        if (request.getContentLengthLong() > HeartbeatPings.MAX_BODY) {
            return null;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (InputStream in = request.getInputStream()) {
            byte[] buf = new byte[4096];
            int n;
            while ((n = in.read(buf)) > 0) {
                out.write(buf, 0, n);
                if (out.size() > HeartbeatPings.MAX_BODY) {
                    return null;
                }
            }
        } catch (RuntimeException e) {
            return null; // the request's own limit cut it off
        }
        if (out.size() == 0 && "POST".equals(request.getMethod()) && request.getContentType() != null
            && request.getContentType().startsWith("application/x-www-form-urlencoded")) {
            StringBuilder form = new StringBuilder();
            request.getParameterMap().forEach((k, values) -> {
                if (request.getQueryString() != null && request.getQueryString().contains(k)) {
                    return;
                }
                for (String v : values) {
                    form.append(form.isEmpty() ? "" : "&").append(k).append(v.isEmpty() ? "" : "=" + v);
                }
            });
            return form.length() > HeartbeatPings.MAX_BODY ? null : form.toString();
        }
        return new String(out.toByteArray(), StandardCharsets.UTF_8);
    }
}
