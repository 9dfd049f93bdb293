package com.bestever.admin;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Duration;
import org.springframework.security.web.csrf.CookieCsrfTokenRepository;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.security.web.csrf.CsrfTokenRepository;
import org.springframework.security.web.csrf.HttpSessionCsrfTokenRepository;

/**
 * Where the CSRF token lives, so that no anonymous request leaves anything on the server:
 * <ul>
 * <li>a signed-in editor (a session exists): in the session, as Spring Security keeps it;</li>
 * <li>no session, on the sign-in page and its POST: in a cookie (Spring Security's
 * {@link CookieCsrfTokenRepository}: the double-submit pattern, the form's field must match the
 * cookie) that is {@code HttpOnly}, {@code SameSite=Strict}, limited to {@code Path=/login} and
 * kept {@value #LIFETIME_HOURS} hours; another site can neither read it nor make the browser
 * send it;</li>
 * <li>no session, anywhere else (a reader): a fresh token that is never kept, so a form that
 * asks for one gets a field, and nothing is stored or sent as a cookie. No anonymous form other
 * than the sign-in form is protected by a token (the vote has its Origin check).</li>
 * </ul>
 * The session begins only when the password is accepted (the sign-in saves the signed-in
 * editor), and Spring Security then drops the sign-in token and gives the session its own.
 */
final class CsrfTokens implements CsrfTokenRepository {

    static final String SIGN_IN = "/login";
    static final String COOKIE = "SIGN-IN-CSRF";
    static final int LIFETIME_HOURS = 2;

    private final HttpSessionCsrfTokenRepository sessions = new HttpSessionCsrfTokenRepository();
    private final CookieCsrfTokenRepository signInCookie = signInCookie(Duration.ofHours(LIFETIME_HOURS));
    private final CookieCsrfTokenRepository signInCookieRemoval = signInCookie(Duration.ZERO);

    private static CookieCsrfTokenRepository signInCookie(Duration lifetime) {
        CookieCsrfTokenRepository cookie = new CookieCsrfTokenRepository();
        cookie.setCookieName(COOKIE);
        cookie.setCookiePath(SIGN_IN);
        cookie.setCookieCustomizer(
                builder -> builder.httpOnly(true).sameSite("Strict").maxAge(lifetime.toSeconds()));
        return cookie;
    }

    @Override
    public CsrfToken generateToken(HttpServletRequest request) {
        return sessions.generateToken(request);
    }

    @Override
    public void saveToken(CsrfToken token, HttpServletRequest request, HttpServletResponse response) {
        if (request.getSession(false) != null) {
            sessions.saveToken(token, request, response);
        } else if (isSignIn(request)) {
            (token != null ? signInCookie : signInCookieRemoval).saveToken(token, request, response);
        }
        // A reader's token is not kept anywhere.
    }

    @Override
    public CsrfToken loadToken(HttpServletRequest request) {
        if (request.getSession(false) != null) {
            return sessions.loadToken(request);
        }
        return isSignIn(request) ? signInCookie.loadToken(request) : null;
    }

    private static boolean isSignIn(HttpServletRequest request) {
        String context = request.getContextPath();
        String uri = request.getRequestURI();
        return uri.equals(context + SIGN_IN);
    }
}
