package com.bestever.system;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.sql.SQLException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.InvalidPropertyException;
import org.springframework.beans.TypeMismatchException;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.validation.BindException;
import org.springframework.web.ErrorResponse;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.resource.NoResourceFoundException;
import org.springframework.web.servlet.view.RedirectView;

/**
 * The one error model for what a request got wrong: an HTML page for pages, RFC 9457
 * {@code application/problem+json} for a client that asked for JSON; a status, a title and a
 * sentence a person understands, never a stack trace, an exception's name or a version. Rendered
 * here, not by the container's error dispatch, so every client (and MockMvc) gets the same page
 * and status. A database refusal that slipped past the forms' checks (a value it cannot store, a
 * rule it enforces) is a 400 or a 409 with one log line, counted, never a 500. Anything else not
 * handled here still reaches Boot's /error with the same templates.
 */
@ControllerAdvice
@Order(Ordered.LOWEST_PRECEDENCE)
class ErrorPages {

    private static final Logger log = LoggerFactory.getLogger(ErrorPages.class);

    static final String BAD_VALUE = "A value in the address or the form is not one this page accepts.";
    static final String DATABASE_VALUE =
            "A value could not be stored as it is (it may be too long, out of range or contain a character"
                    + " we can't store). Check what you typed and try again.";
    static final String DATABASE_RULE = "This clashes with what is already saved (something else may have"
            + " changed it meanwhile). Reload the page and try again.";

    private final Refusals refusals;
    private final RenderedOnce renderedOnce;

    ErrorPages(Refusals refusals, RenderedOnce renderedOnce) {
        this.refusals = refusals;
        this.renderedOnce = renderedOnce;
    }

    @ExceptionHandler(GoneException.class)
    Object gone(HttpServletRequest request) {
        return answer(request, HttpStatus.GONE, "This review has been taken down.", "error/410");
    }

    /** An earlier slug: 301 to where the thing lives now. */
    @ExceptionHandler(MovedPermanently.class)
    ModelAndView moved(MovedPermanently moved) {
        RedirectView redirect = new RedirectView(moved.location());
        redirect.setStatusCode(HttpStatus.MOVED_PERMANENTLY);
        return new ModelAndView(redirect);
    }

    /**
     * The same page for every address with nothing at it, so it is rendered once and kept
     * ({@link RenderedOnce}): a flood of made-up addresses costs no render each.
     */
    @ExceptionHandler({NotFoundException.class, NoResourceFoundException.class})
    Object notFound(HttpServletRequest request, HttpServletResponse response) throws Exception {
        Object answer = answer(request, HttpStatus.NOT_FOUND, "There is nothing at this address.", "error/404");
        if (answer instanceof ModelAndView page) {
            return renderedOnce.answer(
                    "error/404", page.getViewName(), page.getModel(), null, HttpStatus.NOT_FOUND, request, response);
        }
        return answer;
    }

    @ExceptionHandler({
        TypeMismatchException.class,
        MissingServletRequestParameterException.class,
        BindException.class,
        InvalidPropertyException.class
    })
    Object badRequest(Exception ex, HttpServletRequest request) {
        refusals.count(refusedByTextRule(ex) ? "text" : "value");
        return answer(request, HttpStatus.BAD_REQUEST, refusedByTextRule(ex) ? TextRule.MESSAGE : BAD_VALUE);
    }

    /** An upload beyond the multipart limit: the form cannot be shown again, so a page says what happened. */
    @ExceptionHandler(MaxUploadSizeExceededException.class)
    Object tooLarge(HttpServletRequest request) {
        return answer(request, HttpStatus.CONTENT_TOO_LARGE, "This upload is larger than the site accepts.");
    }

    @ExceptionHandler(HttpRequestMethodNotSupportedException.class)
    Object methodNotAllowed(HttpServletRequest request) {
        return answer(request, HttpStatus.METHOD_NOT_ALLOWED, "This address does not accept that kind of request.");
    }

    /**
     * Spring's own refusals of a request (a wrong content type, an unreadable body, a missing part…) keep
     * their 4xx; a database refusal becomes a 400 (a value it cannot store) or a 409 (a rule it
     * enforces). Anything else is a fault of ours and goes on to the 500 page as before.
     */
    @ExceptionHandler(Exception.class)
    Object other(Exception ex, HttpServletRequest request, HttpServletResponse servletResponse) throws Exception {
        SQLException database = sqlCause(ex);
        if (database != null && database.getSQLState() != null) {
            String state = database.getSQLState();
            HttpStatus status = state.startsWith("22")
                    ? HttpStatus.BAD_REQUEST
                    : state.startsWith("23") ? HttpStatus.CONFLICT : null;
            if (status != null) {
                refusals.count("database");
                log.warn(
                        "The database refused a value on {} {} (SQLState {}); answered {}",
                        request.getMethod(),
                        request.getRequestURI(),
                        state,
                        status.value());
                return answer(request, status, status == HttpStatus.CONFLICT ? DATABASE_RULE : DATABASE_VALUE);
            }
        }
        if (ex instanceof ErrorResponse response
                && response.getStatusCode().is4xxClientError()
                && !(ex instanceof org.springframework.web.context.request.async.AsyncRequestTimeoutException)) {
            HttpStatus status = HttpStatus.valueOf(response.getStatusCode().value());
            refusals.count("request");
            if (status == HttpStatus.NOT_FOUND) {
                return notFound(request, servletResponse); // no route at all: the one 404 page
            }
            return answer(request, status, sentence(status));
        }
        throw ex;
    }

    private static String sentence(HttpStatus status) {
        return switch (status) {
            case NOT_ACCEPTABLE -> "This address cannot answer in the format asked for.";
            case UNSUPPORTED_MEDIA_TYPE -> "This address does not accept a body of that type.";
            case CONTENT_TOO_LARGE -> "This request is larger than the site accepts.";
            case NOT_FOUND -> "There is nothing at this address.";
            default -> BAD_VALUE;
        };
    }

    private Object answer(HttpServletRequest request, HttpStatus status, String detail) {
        return answer(request, status, detail, "error/4xx");
    }

    private static Object answer(HttpServletRequest request, HttpStatus status, String detail, String view) {
        if (Refusals.wantsJson(request)) {
            return ResponseEntity.status(status)
                    .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                    .body(Refusals.problem(status, detail));
        }
        ModelAndView page = new ModelAndView(view, status);
        page.addObject("status", status.value());
        page.addObject("error", status.getReasonPhrase());
        page.addObject("detail", detail);
        return page;
    }

    private static boolean refusedByTextRule(Throwable ex) {
        for (Throwable cause = ex; cause != null && cause.getCause() != cause; cause = cause.getCause()) {
            if (cause instanceof InputBinding.Refused) {
                return true;
            }
        }
        return false;
    }

    /** The SQLException behind an exception, if any (also how DatabaseUnavailable tells a lost connection). */
    static SQLException sqlCause(Throwable ex) {
        for (Throwable cause = ex; cause != null && cause.getCause() != cause; cause = cause.getCause()) {
            if (cause instanceof SQLException sql) {
                return sql;
            }
        }
        return null;
    }
}
