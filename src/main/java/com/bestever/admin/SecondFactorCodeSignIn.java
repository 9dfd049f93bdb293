package com.bestever.admin;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.http.HttpMethod;
import org.springframework.security.authentication.AuthenticationServiceException;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.web.authentication.AbstractAuthenticationProcessingFilter;
import org.springframework.security.web.authentication.SimpleUrlAuthenticationSuccessHandler;
import org.springframework.security.web.authentication.session.ChangeSessionIdAuthenticationStrategy;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;

/**
 * The second step of signing in with a code: an authenticator app's or a recovery code, posted
 * to {@value #PATH} after the password was accepted. An {@link AbstractAuthenticationProcessingFilter}
 * with Spring Security's multi-factor support on, so the new sign-in keeps the password's factor
 * and adds {@link SecondFactors#APP} or {@link SecondFactors#RECOVERY_CODE}. Codes are throttled
 * as passwords are ({@link SignInThrottle}, per name and address); a wrong code is counted, a
 * right one takes its count back. The session gets a new id, as after the password.
 */
class SecondFactorCodeSignIn extends AbstractAuthenticationProcessingFilter {

    static final String PATH = "/login/second-factor";

    private final SecondFactors secondFactors;
    private final SignInThrottle throttle;
    private final UserDetailsService accounts;

    SecondFactorCodeSignIn(
            SecondFactors secondFactors,
            SignInThrottle throttle,
            UserDetailsService accounts,
            SecurityContextRepository sessions) {
        super(PathPatternRequestMatcher.withDefaults().matcher(HttpMethod.POST, PATH));
        this.secondFactors = secondFactors;
        this.throttle = throttle;
        this.accounts = accounts;
        setMfaEnabled(true);
        setSecurityContextRepository(sessions);
        setSessionAuthenticationStrategy(new ChangeSessionIdAuthenticationStrategy());
        SimpleUrlAuthenticationSuccessHandler success = new SimpleUrlAuthenticationSuccessHandler("/admin");
        success.setAlwaysUseDefaultTargetUrl(true);
        setAuthenticationSuccessHandler(success);
        setAuthenticationFailureHandler(SecondFactorCodeSignIn::failed);
        // No AuthenticationManager: the code is checked here, against the account signed in with its password.
        setAuthenticationManager(authentication -> {
            throw new AuthenticationServiceException("not used");
        });
    }

    @Override
    public Authentication attemptAuthentication(HttpServletRequest request, HttpServletResponse response)
            throws AuthenticationException {
        SignedIn first = AdminPages.signedIn();
        if (first == null) {
            throw new BadCredentialsException("Sign in with your password first.");
        }
        SignInThrottle.Attempt attempt = throttle.attempt(first.getUsername(), request.getRemoteAddr());
        SecondFactors.Proof proof = secondFactors.check(first, request.getParameter("code"));
        if (proof == SecondFactors.Proof.NONE) {
            throw new BadCredentialsException("Wrong or already used code.");
        }
        throttle.codeAccepted(attempt);
        return PasskeySignIn.withFactor(
                accounts,
                first.getUsername(),
                proof == SecondFactors.Proof.APP ? SecondFactors.APP : SecondFactors.RECOVERY_CODE);
    }

    /** Back to the code's page, with only which message to show in the address (as SignInFailures does). */
    private static void failed(
            HttpServletRequest request, HttpServletResponse response, AuthenticationException failure)
            throws IOException {
        String query = failure instanceof SignInRefused refused
                ? SignInFailures.ERROR + "=" + SignInFailures.TOO_MANY + "&" + SignInFailures.MINUTES + "="
                        + refused.minutes()
                : SignInFailures.ERROR;
        response.sendRedirect(request.getContextPath() + PATH + "?" + query);
    }
}
