package org.estate.platform.web;

import java.util.List;
import java.util.Map;

import org.estate.platform.BadRequestException;
import org.estate.platform.ConflictException;
import org.estate.platform.DatabaseUnavailable;
import org.estate.platform.ImportProperties;
import org.estate.platform.NotFoundException;
import org.estate.platform.PayloadTooLargeException;
import org.estate.platform.PreconditionFailedException;
import org.estate.platform.PreconditionRequiredException;
import org.estate.platform.ValidationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.dao.TransientDataAccessResourceException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.context.request.ServletWebRequest;
import org.springframework.web.multipart.MultipartException;
import org.springframework.web.servlet.resource.NoResourceFoundException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Every API error as RFC 9457 problem details, mapped in one place: 400 malformed (naming the
 * parameter or body field), 403 role, 404 missing, 409 conflict, 412 stale ETag, 413 body too large,
 * 415 media type (naming the one to send), 422 invalid with a field list, 428 no If-Match. Never a
 * stack trace; an unexpected error is logged and answered with a bare 500. Errors that never reach
 * a controller (unknown paths, 405, filters) are answered by {@link EstateErrorController} through
 * {@link #answer}. 503 when the database cannot be reached.
 */
@RestControllerAdvice(annotations = org.springframework.web.bind.annotation.RestController.class)
@org.springframework.core.annotation.Order(org.springframework.core.Ordered.HIGHEST_PRECEDENCE)
class ApiExceptionHandler extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ApiExceptionHandler.class);

    private final ImportProperties imports;

    ApiExceptionHandler(ImportProperties imports) {
        this.imports = imports;
    }

    @ExceptionHandler(PayloadTooLargeException.class)
    ResponseEntity<Object> tooLarge(PayloadTooLargeException e) {
        return problem(HttpStatus.CONTENT_TOO_LARGE, e.getMessage(), Map.of("maxBytes", e.limitBytes()));
    }

    @ExceptionHandler(NotFoundException.class)
    ResponseEntity<Object> notFound(NotFoundException e) {
        return problem(HttpStatus.NOT_FOUND, e.getMessage(), null);
    }

    @ExceptionHandler(ConflictException.class)
    ResponseEntity<Object> conflict(ConflictException e) {
        return problem(HttpStatus.CONFLICT, e.getMessage(), null);
    }

    @ExceptionHandler(DuplicateKeyException.class)
    ResponseEntity<Object> duplicate(DuplicateKeyException e) {
        return problem(HttpStatus.CONFLICT, "A record with the same key already exists", null);
    }

    @ExceptionHandler({PreconditionFailedException.class, OptimisticLockingFailureException.class})
    ResponseEntity<Object> stale(RuntimeException e) {
        String detail = e instanceof PreconditionFailedException ? e.getMessage()
            : "The record has changed since you read it: read it again and reapply your change";
        return problem(HttpStatus.PRECONDITION_FAILED, detail, null);
    }

    @ExceptionHandler(PreconditionRequiredException.class)
    ResponseEntity<Object> preconditionRequired(PreconditionRequiredException e) {
        return problem(HttpStatus.PRECONDITION_REQUIRED, e.getMessage(), null);
    }

    @ExceptionHandler(ValidationException.class)
    ResponseEntity<Object> invalid(ValidationException e) {
        List<Map<String, String>> errors = e.errors().stream()
            .map(f -> Map.of("field", f.field(), "message", f.message())).toList();
        return problem(HttpStatus.UNPROCESSABLE_CONTENT, e.getMessage(), Map.of("errors", errors));
    }

    @ExceptionHandler(BadRequestException.class)
    ResponseEntity<Object> badRequest(BadRequestException e) {
        return problem(HttpStatus.BAD_REQUEST, e.getMessage(),
            e.field() == null ? null : Map.of("errors", List.of(Map.of("field", e.field(), "message", e.getMessage()))));
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ResponseEntity<Object> typeMismatch(MethodArgumentTypeMismatchException e) {
        // A bounded converter (dates, instants) says why; otherwise name the type expected.
        String message = BadRequests.cause(e) instanceof BadRequestException b
            ? b.getMessage().replaceFirst("^value ", e.getName() + " ")
            : e.getName() + " must be " + BadRequests.expected(e.getRequiredType());
        return problem(HttpStatus.BAD_REQUEST, message,
            Map.of("errors", List.of(Map.of("field", e.getName(), "message", message))));
    }

    @ExceptionHandler({org.apache.tomcat.util.http.InvalidParameterException.class, MultipartException.class})
    ResponseEntity<Object> malformed(RuntimeException e) {
        return problem(HttpStatus.BAD_REQUEST, BadRequests.malformed(e), null);
    }

    @ExceptionHandler(RequestBodyLimitFilter.BodyTooLargeException.class)
    ResponseEntity<Object> tooLarge(RequestBodyLimitFilter.BodyTooLargeException e) {
        return problem(HttpStatus.CONTENT_TOO_LARGE, RequestBodyLimitFilter.TOO_LARGE, null);
    }

    @ExceptionHandler(AccessDeniedException.class)
    ResponseEntity<Object> denied(AccessDeniedException e) {
        String detail = e.getMessage() == null || e.getMessage().startsWith("Access Denied") ? "Your role does not allow this" : e.getMessage();
        return problem(HttpStatus.FORBIDDEN, detail, null);
    }

    @ExceptionHandler({DataAccessResourceFailureException.class, TransientDataAccessResourceException.class,
        CannotCreateTransactionException.class})
    ResponseEntity<Object> databaseUnavailable(Exception e) {
        OutageLog.answered503(e);
        return problem(HttpStatus.SERVICE_UNAVAILABLE, DatabaseUnavailableFilter.DETAIL, null);
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<Object> unexpected(Exception e) {
        if (DatabaseUnavailable.isCauseOf(e)) {
            return databaseUnavailable(e); // said another way, or wrapped (e.g. a commit that lost its connection)
        }
        log.error("Unexpected error answering an API call", e);
        return problem(HttpStatus.INTERNAL_SERVER_ERROR, "Something went wrong on our side; it has been logged", null);
    }

    @Override
    protected ResponseEntity<Object> handleMaxUploadSizeExceededException(MaxUploadSizeExceededException ex, HttpHeaders headers,
                                                                          HttpStatusCode status, WebRequest request) {
        return tooLarge(new PayloadTooLargeException(imports.maxBytes()));
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException ex, HttpHeaders headers,
                                                                  HttpStatusCode status, WebRequest request) {
        if (RequestBodyLimitFilter.tooLarge(ex)) {
            return problem(HttpStatus.CONTENT_TOO_LARGE, RequestBodyLimitFilter.TOO_LARGE, null);
        }
        BadRequests.Unreadable why = BadRequests.unreadable(ex);
        HttpStatus answer = BadRequests.refused(ex) ? HttpStatus.UNPROCESSABLE_CONTENT : HttpStatus.BAD_REQUEST;
        return problem(answer, why.detail(), why.field() == null ? null
            : Map.of("errors", List.of(Map.of("field", why.field(), "message", why.detail()))));
    }

    @Override
    protected ResponseEntity<Object> handleHttpMediaTypeNotSupported(HttpMediaTypeNotSupportedException ex, HttpHeaders headers,
                                                                     HttpStatusCode status, WebRequest request) {
        // Name what to send instead, and say it in Accept / Accept-Post / Accept-Patch too.
        List<MediaType> supported = ex.getSupportedMediaTypes();
        String types = supported.isEmpty() ? MediaType.APPLICATION_JSON_VALUE
            : String.join(", ", supported.stream().map(MediaType::toString).toList());
        String detail = "Send Content-Type: " + (supported.isEmpty() ? MediaType.APPLICATION_JSON_VALUE : supported.getFirst())
            + (supported.size() > 1 ? " (accepted: " + types + ")" : "");
        ResponseEntity<Object> answer = problem(HttpStatus.UNSUPPORTED_MEDIA_TYPE, detail, Map.of("accepted", types));
        HttpHeaders out = new HttpHeaders();
        out.putAll(answer.getHeaders());
        out.putAll(headers);
        out.set(HttpHeaders.ACCEPT, types);
        if (request instanceof ServletWebRequest s && "POST".equals(s.getRequest().getMethod())) {
            out.set("Accept-Post", types);
        }
        out.setContentType(MediaType.APPLICATION_PROBLEM_JSON);
        return ResponseEntity.status(HttpStatus.UNSUPPORTED_MEDIA_TYPE).headers(out).body(answer.getBody());
    }

    @Override
    protected ResponseEntity<Object> handleNoResourceFoundException(NoResourceFoundException ex, HttpHeaders headers,
                                                                    HttpStatusCode status, WebRequest request) {
        return problem(HttpStatus.NOT_FOUND, EstateErrorController.detail(HttpStatus.NOT_FOUND), null);
    }

    @Override
    protected ResponseEntity<Object> handleMissingServletRequestParameter(MissingServletRequestParameterException ex,
                                                                          HttpHeaders headers, HttpStatusCode status,
                                                                          WebRequest request) {
        String message = "Give " + ex.getParameterName();
        return problem(HttpStatus.BAD_REQUEST, message,
            Map.of("errors", List.of(Map.of("field", ex.getParameterName(), "message", message))));
    }

    @Override
    protected ResponseEntity<Object> handleExceptionInternal(Exception ex, Object body, HttpHeaders headers,
                                                             HttpStatusCode statusCode, WebRequest request) {
        ResponseEntity<Object> answer = super.handleExceptionInternal(ex, body, headers, statusCode, request);
        if (answer != null && answer.getBody() instanceof ProblemDetail) {
            HttpHeaders out = new HttpHeaders();
            out.putAll(answer.getHeaders());
            out.setContentType(MediaType.APPLICATION_PROBLEM_JSON);
            return ResponseEntity.status(answer.getStatusCode()).headers(out).body(answer.getBody());
        }
        return answer;
    }

    /**
     * The answer for an error that reached {@code /error} without passing a controller (no handler
     * matched, or a filter refused it), or null when it is none this class knows.
     */
    ResponseEntity<Object> answer(Exception e, WebRequest request) {
        if (RequestBodyLimitFilter.tooLarge(e)) {
            return tooLarge((RequestBodyLimitFilter.BodyTooLargeException) null);
        }
        if (BadRequests.malformed(e) != null) {
            return malformed((RuntimeException) e);
        }
        if (e instanceof NotFoundException n) {
            return notFound(n);
        }
        if (e instanceof BadRequestException b) {
            return badRequest(b);
        }
        if (e instanceof ValidationException v) {
            return invalid(v);
        }
        try {
            return handleException(e, request);
        } catch (Exception notSpringMvc) {
            return null;
        }
    }

    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException ex, HttpHeaders headers,
                                                                  HttpStatusCode status, WebRequest request) {
        List<Map<String, String>> errors = ex.getBindingResult().getFieldErrors().stream()
            .map(f -> Map.of("field", f.getField(), "message", String.valueOf(f.getDefaultMessage()))).toList();
        return problem(HttpStatus.UNPROCESSABLE_CONTENT, "The request has invalid fields", Map.of("errors", errors));
    }

    static ResponseEntity<Object> problem(HttpStatus status, String detail, Map<String, Object> properties) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        if (properties != null) {
            properties.forEach(problem::setProperty);
        }
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
    }
}
