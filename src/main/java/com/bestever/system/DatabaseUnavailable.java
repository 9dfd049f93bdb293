package com.bestever.system;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.QueryTimeoutException;
import org.springframework.dao.TransientDataAccessResourceException;
import org.springframework.http.HttpStatus;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.servlet.ModelAndView;

/**
 * When PostgreSQL is away (restarting, failing over, unreachable) or too slow, a page that needs
 * it is answered 503 with Retry-After within a few seconds (the pool's connection timeout and
 * the statement timeout bound the wait), never a 500 and never a hang; kept pages go on being
 * served from memory and, behind a CDN, from its edge ({@code stale-if-error}). One log line per
 * refusal, without a stack trace: the outage is the news, not the code path.
 */
@ControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
class DatabaseUnavailable {

    private static final Logger log = LoggerFactory.getLogger(DatabaseUnavailable.class);

    static final String RETRY_AFTER_SECONDS = "5";

    @ExceptionHandler({
        CannotCreateTransactionException.class,
        DataAccessResourceFailureException.class,
        TransientDataAccessResourceException.class,
        QueryTimeoutException.class
    })
    ModelAndView unavailable(Exception ex, HttpServletRequest request, HttpServletResponse response) {
        return answer(ex, request, response);
    }

    /**
     * A connection that died under a transaction fails again on its rollback, and that failure is
     * what arrives (JpaSystemException "Unable to rollback against JDBC Connection"): a 503 too,
     * when its cause is the connection (SQLState class 08, or the server shutting down, 57P).
     */
    @ExceptionHandler({
        org.springframework.transaction.TransactionSystemException.class,
        org.springframework.orm.jpa.JpaSystemException.class,
        org.springframework.dao.UncategorizedDataAccessException.class
    })
    ModelAndView lostConnection(Exception ex, HttpServletRequest request, HttpServletResponse response)
            throws Exception {
        if (!isConnectionFailure(ex)) {
            throw ex;
        }
        return answer(ex, request, response);
    }

    static boolean isConnectionFailure(Throwable ex) {
        java.sql.SQLException sql = ErrorPages.sqlCause(ex);
        if (sql != null
                && sql.getSQLState() != null
                && (sql.getSQLState().startsWith("08") || sql.getSQLState().startsWith("57P"))) {
            return true;
        }
        for (Throwable cause = ex; cause != null && cause.getCause() != cause; cause = cause.getCause()) {
            if (cause instanceof java.net.SocketException || cause instanceof java.io.EOFException) {
                return true;
            }
            // Hikari's proxy of a connection it already closed as broken says so without an SQLState.
            if (cause instanceof java.sql.SQLException closed
                    && closed.getSQLState() == null
                    && "Connection is closed".equals(closed.getMessage())) {
                return true;
            }
        }
        return false;
    }

    private ModelAndView answer(Exception ex, HttpServletRequest request, HttpServletResponse response) {
        log.warn(
                "{} {} answered 503: the database is unavailable ({})",
                request.getMethod(),
                request.getRequestURI(),
                ex.getClass().getSimpleName());
        response.setHeader("Retry-After", RETRY_AFTER_SECONDS);
        response.setHeader("Cache-Control", "no-store");
        ModelAndView page = new ModelAndView("error/503", HttpStatus.SERVICE_UNAVAILABLE);
        page.addObject("status", 503);
        page.addObject("error", HttpStatus.SERVICE_UNAVAILABLE.getReasonPhrase());
        return page;
    }
}
