package com.bestever.system;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.beans.PropertyEditorSupport;
import org.springframework.beans.PropertyAccessException;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.validation.BindingResult;
import org.springframework.validation.DefaultBindingErrorProcessor;
import org.springframework.validation.FieldError;
import org.springframework.web.bind.WebDataBinder;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.InitBinder;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * {@link TextRule} where text is bound, once for every controller: every {@code String} that Spring
 * MVC binds (a request parameter, a path variable, a form field, an element of a list of them) is
 * read through one editor, which refuses what the rule refuses and keeps the rest in NFC. A request
 * parameter or path variable that breaks the rule is a 400 page (see {@code ErrorPages}); a form
 * field that breaks it comes back on the form, marked with {@link TextRule#MESSAGE}, showing what was
 * typed (a refused character as U+FFFD), with the other fields as they were, and with status 400.
 * Lists on forms grow to at most {@link #MAX_LIST_INDEX} rows.
 */
@ControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
class InputBinding {

    /** The highest list index a form may name ("recommendations[63].text"); beyond it the request is a 400. */
    static final int MAX_LIST_INDEX = 63;

    /** The error code of a field refused by the text rule. */
    static final String CODE = "text";

    @InitBinder
    void textRule(WebDataBinder binder) {
        // Before anything else touches the binder: the limit is read when its property accessor is made.
        binder.setAutoGrowCollectionLimit(MAX_LIST_INDEX + 1);
        binder.registerCustomEditor(String.class, new TextEditor());
        binder.setBindingErrorProcessor(new TextErrors());
    }

    /** Thrown by the editor; becomes a field error on a form, a 400 elsewhere. */
    static final class Refused extends IllegalArgumentException {
        Refused() {
            super(TextRule.MESSAGE, null);
        }
    }

    private static final class TextEditor extends PropertyEditorSupport {
        @Override
        public void setAsText(String text) {
            if (!TextRule.acceptable(text)) {
                throw new Refused();
            }
            setValue(TextRule.normalised(text));
        }

        @Override
        public String getAsText() {
            Object value = getValue();
            return value == null ? "" : value.toString();
        }
    }

    private static final class TextErrors extends DefaultBindingErrorProcessor {
        @Override
        public void processPropertyAccessException(PropertyAccessException ex, BindingResult result) {
            if (!refusedByRule(ex)) {
                super.processPropertyAccessException(ex, result);
                return;
            }
            String field = ex.getPropertyName();
            Object typed = ex.getValue();
            Object shown = typed instanceof String text
                    ? TextRule.shown(text)
                    : typed instanceof String[] texts ? TextRule.shown(String.join(",", texts)) : null;
            String[] codes = result.resolveMessageCodes(CODE, field);
            result.addError(new FieldError(result.getObjectName(), field, shown, true, codes, null, TextRule.MESSAGE));
        }

        private static boolean refusedByRule(Throwable ex) {
            for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
                if (cause instanceof Refused) {
                    return true;
                }
                if (cause.getCause() == cause) {
                    break;
                }
            }
            return false;
        }
    }

    /** A form that comes back because the edge refused a field (the text rule, a length limit) answers 400. */
    @Configuration(proxyBeanMethods = false)
    static class RefusedFormStatus implements WebMvcConfigurer, HandlerInterceptor {

        private final Refusals refusals;

        RefusedFormStatus(Refusals refusals) {
            this.refusals = refusals;
        }

        @Override
        public void addInterceptors(InterceptorRegistry registry) {
            registry.addInterceptor(this);
        }

        @Override
        public void postHandle(
                HttpServletRequest request, HttpServletResponse response, Object handler, ModelAndView page) {
            if (page == null || response.getStatus() != HttpServletResponse.SC_OK) {
                return;
            }
            for (Object value : page.getModel().values()) {
                if (value instanceof BindingResult result && refusedAtTheEdge(result)) {
                    refusals.count("form");
                    response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
                    return;
                }
            }
        }

        private static boolean refusedAtTheEdge(BindingResult result) {
            return result.getFieldErrors().stream().anyMatch(error -> CODE.equals(error.getCode()) || tooLong(error));
        }

        /** A {@code @Size} error for a value over its maximum (its arguments: the field, then max, min). */
        private static boolean tooLong(FieldError error) {
            Object[] arguments = error.getArguments();
            if (!"Size".equals(error.getCode()) || arguments == null || arguments.length < 2) {
                return false;
            }
            Object value = error.getRejectedValue();
            int length = value instanceof CharSequence text
                    ? text.length()
                    : value instanceof java.util.Collection<?> rows ? rows.size() : -1;
            return arguments[1] instanceof Integer max && length > max;
        }
    }
}
