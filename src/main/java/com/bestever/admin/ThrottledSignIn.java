package com.bestever.admin;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.DisabledException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.authentication.WebAuthenticationDetails;

/**
 * The sign-in form's check: the attempt is counted first (refused outright while the name, the
 * address or the pair is held back), then the password is checked; a right one takes the count
 * back. The address is the client's, as {@code system.ClientAddresses} made the request's.
 * Failures and refusals are counted for the operators ({@code bestever.signin.failures},
 * {@code bestever.signin.refused}).
 */
class ThrottledSignIn implements AuthenticationProvider {

    private final AuthenticationProvider passwords;
    private final SignInThrottle throttle;
    private final Counter failures;
    private final Counter refusals;

    ThrottledSignIn(AuthenticationProvider passwords, SignInThrottle throttle, MeterRegistry meters) {
        this.passwords = passwords;
        this.throttle = throttle;
        this.failures = Counter.builder("bestever.signin.failures")
                .description("Sign-ins whose password was wrong (or whose account is disabled)")
                .register(meters);
        this.refusals = Counter.builder("bestever.signin.refused")
                .description("Sign-ins refused by the back-off, without a password check")
                .register(meters);
    }

    @Override
    public Authentication authenticate(Authentication attempt) throws AuthenticationException {
        String username = Usernames.normalise(attempt.getName());
        String address = attempt.getDetails() instanceof WebAuthenticationDetails details
                ? details.getRemoteAddress()
                : "unknown";
        SignInThrottle.Attempt counted;
        try {
            counted = throttle.attempt(username, address);
        } catch (SignInRefused refused) {
            refusals.increment();
            throw refused;
        }
        try {
            Authentication signedIn = passwords.authenticate(attempt);
            throttle.succeeded(counted, (SignedIn) signedIn.getPrincipal());
            return signedIn;
        } catch (AuthenticationException ex) {
            failures.increment();
            throttle.failed(
                    username,
                    ex instanceof DisabledException
                            ? "the right password for a disabled account"
                            : "a wrong user name or password");
            throw ex;
        }
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
    }
}
