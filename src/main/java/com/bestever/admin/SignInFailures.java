package com.bestever.admin;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.security.authentication.DisabledException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;

/**
 * A refused sign-in goes back to the sign-in page with the reason in the address, not in a
 * session: nothing is kept on the server for someone who is not signed in. The reason is only
 * which message to show (the wrong password, the throttle's wait, a disabled account), so a
 * forged address shows the forger a message and nothing more.
 */
final class SignInFailures implements AuthenticationFailureHandler {

    static final String ERROR = "error";
    static final String TOO_MANY = "too-many";
    static final String MINUTES = "minutes";

    @Override
    public void onAuthenticationFailure(
            HttpServletRequest request, HttpServletResponse response, AuthenticationException failure)
            throws IOException {
        String query;
        if (failure instanceof SignInRefused refused) {
            query = ERROR + "=" + TOO_MANY + "&" + MINUTES + "=" + refused.minutes();
        } else if (failure instanceof DisabledException) {
            query = NewsroomSessions.DISABLED;
        } else {
            query = ERROR;
        }
        response.sendRedirect(request.getContextPath() + CsrfTokens.SIGN_IN + "?" + query);
    }
}
