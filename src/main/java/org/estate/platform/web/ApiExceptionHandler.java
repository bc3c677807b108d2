package org.estate.platform.web;

import java.util.List;
import java.util.Map;

import org.estate.platform.BadRequestException;
import org.estate.platform.ConflictException;
import org.estate.platform.DatabaseUnavailable;
import org.estate.platform.NotFoundException;
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
import org.springframework.security.access.AccessDeniedException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Every API error as RFC 9457 problem details, mapped in one place: 400 malformed, 403 role, 404
 * missing, 409 conflict, 412 stale ETag, 415 media type, 422 invalid with a field list, 428 no
 * If-Match, 503 when the database cannot be reached. Never a stack trace; an unexpected error is
 * logged and answered with a bare 500.
 */
@RestControllerAdvice(annotations = org.springframework.web.bind.annotation.RestController.class)
@org.springframework.core.annotation.Order(org.springframework.core.Ordered.HIGHEST_PRECEDENCE)
class ApiExceptionHandler extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ApiExceptionHandler.class);

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
        String detail = "'" + e.getName() + "' has an invalid value";
        return problem(HttpStatus.BAD_REQUEST, detail,
            Map.of("errors", List.of(Map.of("field", e.getName(), "message", "invalid value"))));
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
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException ex, HttpHeaders headers,
                                                                  HttpStatusCode status, WebRequest request) {
        return problem(HttpStatus.BAD_REQUEST, "The request body is not valid JSON of the expected shape", null);
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
