package com.bestever.admin;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import org.springframework.security.authentication.DisabledException;
import org.springframework.security.web.WebAttributes;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * The sign-in page. Spring Security's form login handles the POST to /login; a failure comes
 * back here as /login?error with the reason kept in the session.
 */
@Controller
class LoginController {

    static final String WRONG = "Wrong user name or password.";
    static final String DISABLED = "This account is disabled. Ask an administrator to enable it.";
    static final String PASSWORD_CHANGED = "Your password was changed after you signed in here, so you were signed out."
            + " Sign in with the new password.";

    @GetMapping("/login")
    String login(HttpServletRequest request, Model model) {
        if (AdminPages.signedIn() != null) {
            return "redirect:/admin";
        }
        // "?error", "?signed-out" and the others carry no value: their presence is the message.
        if (request.getParameterMap().containsKey("error")) {
            model.addAttribute("problem", reason(request.getSession(false)));
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
        return "admin/login";
    }

    private static String reason(HttpSession session) {
        Object failure = session == null ? null : session.getAttribute(WebAttributes.AUTHENTICATION_EXCEPTION);
        if (failure instanceof SignInRefused refused) {
            return refused.advice();
        }
        if (failure instanceof DisabledException) {
            return DISABLED;
        }
        return WRONG;
    }
}
