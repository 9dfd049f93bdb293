package com.bestever.admin;

import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import java.util.function.Supplier;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.authorization.AuthorizationManager;
import org.springframework.security.authorization.AuthorizationResult;
import org.springframework.security.authorization.FactorAuthorizationDecision;
import org.springframework.security.authorization.RequiredFactor;
import org.springframework.security.authorization.RequiredFactorError;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.web.access.intercept.RequestAuthorizationContext;
import org.springframework.stereotype.Component;

/**
 * The newsroom's multi-factor rule, added to every newsroom authorization rule through Spring
 * Security's {@code DefaultAuthorizationManagerFactory#setAdditionalAuthorization} (see
 * SecurityConfig): someone who has a second factor (an authenticator app or a passkey) must have
 * given one in this sign-in, after the password. Missing, the answer names the factors that
 * would do ({@code FACTOR_TOTP}, {@code FACTOR_WEBAUTHN}), and Spring Security's missing-authority
 * handling sends the browser to the second step's page. Someone without a second factor passes
 * here; if their role requires one, {@link SecondFactorFirst} sends them to enrol.
 */
@Component
class SecondFactorRequired implements AuthorizationManager<RequestAuthorizationContext> {

    private static final String NEED = SecondFactorRequired.class.getName() + ".need";

    private static final FactorAuthorizationDecision MISSING = new FactorAuthorizationDecision(List.of(
            RequiredFactorError.createMissing(
                    RequiredFactor.withAuthority(SecondFactors.APP).build()),
            RequiredFactorError.createMissing(
                    RequiredFactor.builder().webauthnAuthority().build())));

    private final SecondFactors secondFactors;

    SecondFactorRequired(SecondFactors secondFactors) {
        this.secondFactors = secondFactors;
    }

    @Override
    public AuthorizationResult authorize(
            Supplier<? extends Authentication> authentication, RequestAuthorizationContext context) {
        Authentication signIn = authentication.get();
        if (signIn == null || !(signIn.getPrincipal() instanceof SignedIn signedIn)) {
            return new AuthorizationDecision(true); // not signed in: the rule's own check refuses
        }
        boolean given = signIn.getAuthorities().stream()
                .map(GrantedAuthority::getAuthority)
                .anyMatch(SecondFactors.SECOND::contains);
        if (given || !need(signedIn, context.getRequest()).hasFactor()) {
            return new AuthorizationDecision(true);
        }
        return MISSING;
    }

    /** The account's need, looked up once per request (this rule and SecondFactorFirst both ask). */
    SecondFactors.Need need(SignedIn signedIn, HttpServletRequest request) {
        if (request.getAttribute(NEED) instanceof SecondFactors.Need need) {
            return need;
        }
        SecondFactors.Need need = secondFactors.need(signedIn);
        request.setAttribute(NEED, need);
        return need;
    }
}
