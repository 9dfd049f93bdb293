package com.bestever.admin;

import com.bestever.system.RenderedOnce;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Arrays;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * The sign-in page. Spring Security's form login handles the POST to /login; a failure comes
 * back here as /login?error (or ?error=too-many&amp;minutes=N, ?disabled), see SignInFailures.
 */
@Controller
class LoginController {

    static final String WRONG = "Wrong user name or password.";
    static final String DISABLED = "This account is disabled. Ask an administrator to enable it.";
    static final String PASSWORD_CHANGED = "Your password was changed after you signed in here, so you were signed out."
            + " Sign in with the new password.";

    private final RenderedOnce renderedOnce;

    LoginController(RenderedOnce renderedOnce) {
        this.renderedOnce = renderedOnce;
    }

    /**
     * The form is the same for everyone but for its CSRF token, so each of its few variants (which
     * message it shows) is rendered once and the token spliced in ({@link RenderedOnce}): a client
     * loading it in a loop costs no render each.
     */
    @GetMapping("/login")
    Object login(HttpServletRequest request, HttpServletResponse response, Model model) throws Exception {
        if (AdminPages.signedIn() != null) {
            return "redirect:/admin";
        }
        // "?error", "?signed-out" and the others: their presence is the message.
        if (request.getParameterMap().containsKey(SignInFailures.ERROR)) {
            model.addAttribute("problem", reason(request));
        }
        if (request.getParameterMap().containsKey(NewsroomSessions.DISABLED)) {
            model.addAttribute("problem", DISABLED);
        }
        if (request.getParameterMap().containsKey(NewsroomSessions.PASSWORD_CHANGED)) {
            model.addAttribute("problem", PASSWORD_CHANGED);
        }
        if (request.getParameterMap().containsKey("signed-out")) {
            model.addAttribute("notice", "You have signed out.");
        }
        // The form's token is kept in a cookie (CsrfTokens): make it now, while headers can still be
        // sent, rather than when the form is rendered, after part of the page may have gone out.
        if (request.getAttribute(CsrfToken.class.getName()) instanceof CsrfToken token) {
            String value = token.getToken();
            Map<String, Object> shown = model.asMap();
            return renderedOnce.answer(
                    Arrays.asList(shown.get("problem"), shown.get("notice")),
                    "admin/login",
                    shown,
                    value,
                    HttpStatus.OK,
                    request,
                    response);
        }
        return "admin/login";
    }

    /** The refusal's message: only which one to show is in the address (see SignInFailures). */
    static String reason(HttpServletRequest request) {
        if (!SignInFailures.TOO_MANY.equals(request.getParameter(SignInFailures.ERROR))) {
            return WRONG;
        }
        long minutes = SignInThrottle.LONGEST_WAIT.toMinutes();
        try {
            minutes = Math.min(minutes, Math.max(1, Long.parseLong(request.getParameter(SignInFailures.MINUTES))));
        } catch (NumberFormatException ex) {
            // no number, or not one: the longest wait
        }
        return SignInRefused.advice(minutes);
    }
}
