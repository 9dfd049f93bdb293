package com.bestever.admin;

import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.authentication.WebAuthenticationDetails;

/**
 * The sign-in form's check: refused outright while the user name or the address is throttled,
 * otherwise the password check, with every failure counted.
 */
class ThrottledSignIn implements AuthenticationProvider {

    private final AuthenticationProvider passwords;
    private final SignInThrottle throttle;

    ThrottledSignIn(AuthenticationProvider passwords, SignInThrottle throttle) {
        this.passwords = passwords;
        this.throttle = throttle;
    }

    @Override
    public Authentication authenticate(Authentication attempt) throws AuthenticationException {
        String username = Usernames.normalise(attempt.getName());
        String address = attempt.getDetails() instanceof WebAuthenticationDetails details
                ? details.getRemoteAddress()
                : "unknown";
        var refusal = throttle.refusal(username, address);
        if (refusal.isPresent()) {
            throw new SignInRefused(refusal.get());
        }
        try {
            Authentication signedIn = passwords.authenticate(attempt);
            throttle.succeeded(username);
            return signedIn;
        } catch (AuthenticationException ex) {
            throttle.failed(username, address);
            throw ex;
        }
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
    }
}
