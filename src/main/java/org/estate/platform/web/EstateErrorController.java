package org.estate.platform.web;

import java.util.Map;
import java.util.Set;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.webmvc.error.ErrorAttributes;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.web.firewall.RequestRejectedException;
import org.springframework.stereotype.Controller;
import org.springframework.web.ErrorResponse;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.context.request.ServletWebRequest;
import org.springframework.web.servlet.ModelAndView;

/**
 * {@code /error}: what the servlet container forwards to when an error never reached a controller
 * (no handler for the path, a method or media type nothing accepts, a request refused by a filter or
 * the firewall, a body over the limit, an exception in a filter). Replaces Spring Boot's
 * {@code BasicErrorController} so that these answer like every other error: problem details for
 * {@code /api/**} and {@code /actuator/**}, the GOV.UK error page for everything else. Never an
 * exception message or a stack trace. {@code /error} asked for directly is a page not found.
 */
@Controller
@RequestMapping("${server.error.path:/error}")
class EstateErrorController implements ErrorController {

    private static final Logger log = LoggerFactory.getLogger(EstateErrorController.class);
    private static final Set<Integer> PAGES = Set.of(400, 403, 404, 405, 413, 500);

    private final ErrorAttributes errors;
    private final ApiExceptionHandler api;

    EstateErrorController(ErrorAttributes errors, ApiExceptionHandler api) {
        this.errors = errors;
        this.api = api;
    }

    @RequestMapping
    @PreAuthorize("permitAll()")
    Object error(HttpServletRequest request) {
        Throwable error = errors.getError(new ServletWebRequest(request));
        int status = status(request, error);
        String uri = (String) request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
        if (status >= 500) {
            log.error("Unexpected error answering {}", uri, error);
        }
        if (uri != null && (uri.startsWith("/api/") || uri.startsWith("/actuator/") || uri.equals("/api"))) {
            ResponseEntity<Object> answer = problem(status, error, request);
            if (answer.getBody() instanceof org.springframework.http.ProblemDetail p) {
                p.setInstance(java.net.URI.create(uri.replaceAll("[^A-Za-z0-9/._~%-]", "")));
            }
            return answer;
        }
        if (request.getAttribute("currentPath") == null) {
            request.setAttribute("currentPath", uri == null ? "" : uri);
        }
        int page = PAGES.contains(status) ? status : status >= 500 ? 500 : 400;
        return new ModelAndView("error/" + page, Map.of(), HttpStatusCode.valueOf(status));
    }

    private ResponseEntity<Object> problem(int status, Throwable error, HttpServletRequest request) {
        ResponseEntity<Object> handled = error instanceof Exception e ? api.answer(e, new ServletWebRequest(request)) : null;
        if (handled != null && handled.getStatusCode().value() == status) {
            return handled;
        }
        HttpStatus s = HttpStatus.resolve(status) == null ? HttpStatus.INTERNAL_SERVER_ERROR : HttpStatus.valueOf(status);
        ResponseEntity<Object> answer = ApiExceptionHandler.problem(s, detail(s), null);
        if (handled != null) {
            // Keep headers such as Allow or Accept that the exception carried.
            HttpHeaders headers = new HttpHeaders();
            headers.putAll(answer.getHeaders());
            handled.getHeaders().forEach((k, v) -> {
                if (!k.equalsIgnoreCase(HttpHeaders.CONTENT_TYPE)) {
                    headers.put(k, v);
                }
            });
            return ResponseEntity.status(s).headers(headers).body(answer.getBody());
        }
        return answer;
    }

    static String detail(HttpStatus status) {
        return switch (status) {
            case NOT_FOUND -> "No such resource: see /api/docs for the API";
            case METHOD_NOT_ALLOWED -> "This resource does not support that method: see the Allow header";
            case BAD_REQUEST -> "The request is malformed (its address, a header or its body)";
            case CONTENT_TOO_LARGE -> RequestBodyLimitFilter.TOO_LARGE;
            case UNAUTHORIZED -> "Sign in: send HTTP Basic credentials or an API token as 'Authorization: Bearer <token>'";
            case FORBIDDEN -> "Your role does not allow this";
            default -> status.is5xxServerError() ? "Something went wrong on our side; it has been logged" : status.getReasonPhrase();
        };
    }

    private static int status(HttpServletRequest request, Throwable error) {
        if (error instanceof RequestRejectedException || error instanceof org.estate.platform.BadRequestException
            || BadRequests.malformed(error) != null) {
            return 400;
        }
        if (error instanceof ErrorResponse e) {
            return e.getStatusCode().value();
        }
        if (RequestBodyLimitFilter.tooLarge(error)) {
            return 413;
        }
        Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        // /error asked for directly carries no status: there is no such page.
        int status = code instanceof Integer i ? i : 404;
        return status < 400 || status > 599 ? 404 : status;
    }
}
