package org.estate.platform.web;

import org.estate.platform.BadRequestException;
import org.estate.platform.NotFoundException;
import org.springframework.core.Ordered;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.TransientDataAccessResourceException;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;

/**
 * Errors on pages as GOV.UK error pages. Forms handle their own validation errors; this covers
 * what a page cannot: a record that does not exist, or an address that makes no sense. Role
 * refusals are left to Spring Security, which answers with the 403 page. A database that cannot be
 * reached is the 503 page.
 */
@ControllerAdvice(annotations = Controller.class)
@Order(Ordered.LOWEST_PRECEDENCE)
class PageExceptionHandler {

    @ExceptionHandler({NotFoundException.class, MethodArgumentTypeMismatchException.class})
    @ResponseStatus(HttpStatus.NOT_FOUND)
    String notFound() {
        return "error/404";
    }

    /** The database cannot be reached: the GOV.UK "service unavailable" page (other wordings reach {@link DatabaseUnavailableFilter}). */
    @ExceptionHandler({DataAccessResourceFailureException.class, TransientDataAccessResourceException.class,
        CannotCreateTransactionException.class})
    @ResponseStatus(HttpStatus.SERVICE_UNAVAILABLE)
    String databaseUnavailable(Exception e) {
        OutageLog.answered503(e);
        return "error/503";
    }

    @ExceptionHandler(BadRequestException.class)
    @ResponseStatus(HttpStatus.BAD_REQUEST)
    String badRequest() {
        return "error/404";
    }
}
