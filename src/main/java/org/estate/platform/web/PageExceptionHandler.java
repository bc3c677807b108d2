package org.estate.platform.web;

import org.estate.platform.BadRequestException;
import org.estate.platform.NotFoundException;
import org.estate.platform.PayloadTooLargeException;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.multipart.MaxUploadSizeExceededException;

/**
 * Errors on pages as GOV.UK error pages. Forms handle their own validation errors; this covers
 * what a page cannot: a record that does not exist, or an address that makes no sense. Role
 * refusals are left to Spring Security, which answers with the 403 page.
 */
@ControllerAdvice(annotations = Controller.class)
@Order(Ordered.LOWEST_PRECEDENCE)
class PageExceptionHandler {

    /**
     * An upload past the import limit that a page could not show beside its field. (Most never get
     * this far: the container refuses the body while the CSRF check reads the form, and its error
     * page is the same template.)
     */
    @ExceptionHandler({PayloadTooLargeException.class, MaxUploadSizeExceededException.class})
    @ResponseStatus(HttpStatus.CONTENT_TOO_LARGE)
    String tooLarge() {
        return "error/413";
    }

    @ExceptionHandler({NotFoundException.class, MethodArgumentTypeMismatchException.class})
    @ResponseStatus(HttpStatus.NOT_FOUND)
    String notFound() {
        return "error/404";
    }

    @ExceptionHandler(BadRequestException.class)
    @ResponseStatus(HttpStatus.BAD_REQUEST)
    String badRequest() {
        return "error/404";
    }
}
