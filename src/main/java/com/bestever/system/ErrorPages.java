package com.bestever.system;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.resource.NoResourceFoundException;
import org.springframework.web.servlet.view.RedirectView;

/**
 * The pages readers see when an address or a form value is wrong: rendered here, not by the
 * container's error dispatch, so every client (and MockMvc) gets the same page and status.
 * Anything not handled here still reaches Boot's /error with the same templates.
 */
@ControllerAdvice
@Order(Ordered.LOWEST_PRECEDENCE)
class ErrorPages {

    @ExceptionHandler({NotFoundException.class, NoResourceFoundException.class})
    ModelAndView notFound() {
        return page("error/404", HttpStatus.NOT_FOUND);
    }

    @ExceptionHandler(GoneException.class)
    ModelAndView gone() {
        return page("error/410", HttpStatus.GONE);
    }

    /** An earlier slug: 301 to where the thing lives now. */
    @ExceptionHandler(MovedPermanently.class)
    ModelAndView moved(MovedPermanently moved) {
        RedirectView redirect = new RedirectView(moved.location());
        redirect.setStatusCode(HttpStatus.MOVED_PERMANENTLY);
        return new ModelAndView(redirect);
    }

    @ExceptionHandler({MethodArgumentTypeMismatchException.class, MissingServletRequestParameterException.class})
    ModelAndView badRequest() {
        return page("error/4xx", HttpStatus.BAD_REQUEST);
    }

    /** An upload beyond the multipart limit: the form cannot be shown again, so a page says what happened. */
    @ExceptionHandler(MaxUploadSizeExceededException.class)
    ModelAndView tooLarge() {
        return page("error/4xx", HttpStatus.CONTENT_TOO_LARGE);
    }

    @ExceptionHandler(HttpRequestMethodNotSupportedException.class)
    ModelAndView methodNotAllowed() {
        return page("error/4xx", HttpStatus.METHOD_NOT_ALLOWED);
    }

    private static ModelAndView page(String view, HttpStatus status) {
        ModelAndView page = new ModelAndView(view, status);
        page.addObject("status", status.value());
        page.addObject("error", status.getReasonPhrase());
        return page;
    }
}
