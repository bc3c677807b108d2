package org.estate.platform.web;

import org.estate.platform.BadRequestException;
import org.estate.platform.ConflictException;
import org.estate.platform.DatabaseUnavailable;
import org.estate.platform.NotFoundException;
import org.estate.platform.PayloadTooLargeException;
import org.estate.platform.ValidationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.TransientDataAccessResourceException;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Controller;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.web.ErrorResponse;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.ServletRequestBindingException;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.resource.NoResourceFoundException;

/**
 * Errors on pages as GOV.UK error pages, never JSON, never an exception's own message. Forms
 * handle their own validation errors; this covers what a page cannot: a record that does not exist
 * or an address that makes no sense (404), a parameter or form value that cannot be used (400, with
 * Estate's own explanation), a body over the limit (413), and anything unexpected (500, logged).
 * Role refusals are left to Spring Security, which answers with the 403 page. A database that
 * cannot be reached is the 503 page.
 */
@ControllerAdvice(annotations = Controller.class)
@Order(Ordered.LOWEST_PRECEDENCE)
class PageExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(PageExceptionHandler.class);

    @ExceptionHandler({NotFoundException.class, NoResourceFoundException.class})
    @ResponseStatus(HttpStatus.NOT_FOUND)
    String notFound() {
        return "error/404";
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ModelAndView typeMismatch(MethodArgumentTypeMismatchException e) {
        // A path that names no record is not found; a query or form value that cannot be read is a bad request.
        boolean path = e.getParameter().hasParameterAnnotation(org.springframework.web.bind.annotation.PathVariable.class);
        if (path) {
            return new ModelAndView("error/404", HttpStatus.NOT_FOUND);
        }
        String message = BadRequests.cause(e) instanceof BadRequestException b
            ? b.getMessage().replaceFirst("^value ", e.getName() + " ")
            : e.getName() + " must be " + BadRequests.expected(e.getRequiredType());
        return badRequest(message);
    }

    @ExceptionHandler({BadRequestException.class, ValidationException.class})
    ModelAndView badRequest(RuntimeException e) {
        // Estate's own messages, written for people, naming the field: safe to show.
        return badRequest(e.getMessage());
    }

    @ExceptionHandler(MissingServletRequestParameterException.class)
    ModelAndView missingParameter(MissingServletRequestParameterException e) {
        return badRequest("Give " + e.getParameterName());
    }

    @ExceptionHandler({HttpMessageNotReadableException.class, ServletRequestBindingException.class})
    ModelAndView unreadable(Exception e) {
        return RequestBodyLimitFilter.tooLarge(e) ? new ModelAndView("error/413", HttpStatus.CONTENT_TOO_LARGE) : badRequest((String) null);
    }

    /**
     * An upload past the import limit that a page could not show beside its field. (Most never get
     * this far: the container refuses the body while the CSRF check reads the form, and its error
     * page is the same template.)
     */
    @ExceptionHandler({PayloadTooLargeException.class, MaxUploadSizeExceededException.class})
    @ResponseStatus(HttpStatus.CONTENT_TOO_LARGE)
    String uploadTooLarge() {
        return "error/413";
    }

    @ExceptionHandler(RequestBodyLimitFilter.BodyTooLargeException.class)
    @ResponseStatus(HttpStatus.CONTENT_TOO_LARGE)
    String tooLarge() {
        return "error/413";
    }

    /** The database cannot be reached: the GOV.UK "service unavailable" page (other wordings reach {@link DatabaseUnavailableFilter}). */
    @ExceptionHandler({DataAccessResourceFailureException.class, TransientDataAccessResourceException.class,
        CannotCreateTransactionException.class})
    @ResponseStatus(HttpStatus.SERVICE_UNAVAILABLE)
    String databaseUnavailable(Exception e) {
        OutageLog.answered503(e);
        return "error/503";
    }

    @ExceptionHandler(ConflictException.class)
    ModelAndView conflict(ConflictException e) {
        ModelAndView view = new ModelAndView("error/400", HttpStatus.CONFLICT);
        view.addObject("title", "This cannot be done now");
        view.addObject("detail", e.getMessage());
        return view;
    }

    @ExceptionHandler(Exception.class)
    ModelAndView unexpected(Exception e) throws Exception {
        if (e instanceof AccessDeniedException) {
            throw e; // Spring Security answers with the sign-in or the 403 page
        }
        if (RequestBodyLimitFilter.tooLarge(e)) {
            return new ModelAndView("error/413", HttpStatus.CONTENT_TOO_LARGE);
        }
        if (BadRequests.malformed(e) != null) {
            return badRequest(BadRequests.malformed(e));
        }
        if (e instanceof ErrorResponse r && r.getStatusCode().is4xxClientError()) {
            int status = r.getStatusCode().value();
            String page = status == 404 || status == 405 || status == 413 ? "error/" + status : "error/400";
            return new ModelAndView(page, r.getStatusCode());
        }
        if (DatabaseUnavailable.isCauseOf(e)) {
            return new ModelAndView(databaseUnavailable(e), HttpStatus.SERVICE_UNAVAILABLE);
        }
        log.error("Unexpected error answering a page", e);
        return new ModelAndView("error/500", HttpStatus.INTERNAL_SERVER_ERROR);
    }

    private static ModelAndView badRequest(String message) {
        ModelAndView view = new ModelAndView("error/400", HttpStatus.BAD_REQUEST);
        if (message != null) {
            view.addObject("detail", message);
        }
        return view;
    }
}
