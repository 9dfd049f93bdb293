package com.bestever.admin;

import java.util.LinkedHashSet;
import java.util.Set;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.FactorGrantedAuthority;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.web.webauthn.authentication.WebAuthnAuthenticationProvider;
import org.springframework.security.web.webauthn.authentication.WebAuthnAuthenticationRequestToken;

/**
 * A passkey as the second factor: Spring Security's {@link WebAuthnAuthenticationProvider} checks
 * the signature; this accepts it only for the person whose password was just accepted (another
 * account's passkey proves nothing about them), and gives the sign-in its usual principal,
 * {@link SignedIn}, with the factor {@code FACTOR_WEBAUTHN}. Spring Security's multi-factor
 * support then adds the password's factor kept from the first step.
 */
class PasskeySignIn implements AuthenticationProvider {

    private final WebAuthnAuthenticationProvider passkeys;
    private final UserDetailsService accounts;
    private final SecondFactors secondFactors;

    PasskeySignIn(WebAuthnAuthenticationProvider passkeys, UserDetailsService accounts, SecondFactors secondFactors) {
        this.passkeys = passkeys;
        this.accounts = accounts;
        this.secondFactors = secondFactors;
    }

    @Override
    public Authentication authenticate(Authentication attempt) throws AuthenticationException {
        SignedIn first = AdminPages.signedIn();
        if (first == null) {
            throw new BadCredentialsException("Sign in with your password first; the passkey is the second step.");
        }
        Authentication passkey;
        try {
            passkey = passkeys.authenticate(attempt);
        } catch (AuthenticationException ex) {
            secondFactors.recordPasskey(first, false);
            throw ex;
        }
        if (!first.getUsername().equals(passkey.getName())) {
            secondFactors.recordPasskey(first, false);
            throw new BadCredentialsException("This passkey belongs to another account.");
        }
        secondFactors.recordPasskey(first, true);
        return withFactor(accounts, first.getUsername(), FactorGrantedAuthority.WEBAUTHN_AUTHORITY);
    }

    /** The account as it is now, signed in with this factor (the earlier ones are added by Spring Security). */
    static Authentication withFactor(UserDetailsService accounts, String username, String factor) {
        SignedIn now = (SignedIn) accounts.loadUserByUsername(username);
        now.eraseCredentials();
        Set<GrantedAuthority> authorities = new LinkedHashSet<>(now.getAuthorities());
        authorities.add(FactorGrantedAuthority.fromAuthority(factor));
        return UsernamePasswordAuthenticationToken.authenticated(now, null, authorities);
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return WebAuthnAuthenticationRequestToken.class.isAssignableFrom(authentication);
    }
}
