package com.bestever.admin;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.Serializable;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.springframework.security.web.webauthn.api.AuthenticatorSelectionCriteria;
import org.springframework.security.web.webauthn.api.Bytes;
import org.springframework.security.web.webauthn.api.ImmutablePublicKeyCredentialUserEntity;
import org.springframework.security.web.webauthn.api.PublicKeyCredentialCreationOptions;
import org.springframework.security.web.webauthn.api.PublicKeyCredentialParameters;
import org.springframework.security.web.webauthn.api.PublicKeyCredentialRpEntity;
import org.springframework.security.web.webauthn.api.ResidentKeyRequirement;
import org.springframework.security.web.webauthn.api.UserVerificationRequirement;
import org.springframework.security.web.webauthn.registration.PublicKeyCredentialCreationOptionsRepository;
import org.springframework.stereotype.Component;

/**
 * Where a passkey's registration keeps its options (the challenge above all) between its two
 * requests: in the session, which lives in PostgreSQL (Spring Session JDBC), so the second request
 * may reach another instance. Spring Security's own repository keeps the options object itself,
 * which is not {@link Serializable} in 7.0 (spring-security#16431), so the shared session cannot
 * hold it; this keeps what the registration's check reads (relying party, user, challenge,
 * algorithms, user verification) as plain values and rebuilds the options from them, with
 * Spring Security's own constants (its check compares algorithm types by identity).
 */
@Component
class PasskeyRegistrations implements PublicKeyCredentialCreationOptionsRepository {

    static final String ATTRIBUTE = PasskeyRegistrations.class.getName() + ".options";

    private static final Map<Long, PublicKeyCredentialParameters> ALGORITHMS = Stream.of(
                    PublicKeyCredentialParameters.EdDSA,
                    PublicKeyCredentialParameters.ES256,
                    PublicKeyCredentialParameters.ES384,
                    PublicKeyCredentialParameters.ES512,
                    PublicKeyCredentialParameters.RS256,
                    PublicKeyCredentialParameters.RS384,
                    PublicKeyCredentialParameters.RS512,
                    PublicKeyCredentialParameters.RS1)
            .collect(Collectors.toMap(p -> p.getAlg().getValue(), Function.identity()));

    /** The options' values that the registration's check reads. */
    record Kept(
            String rpId,
            String rpName,
            String userId,
            String userName,
            String userDisplayName,
            String challenge,
            List<Long> algorithms,
            String userVerification,
            String residentKey)
            implements Serializable {}

    @Override
    public void save(
            HttpServletRequest request, HttpServletResponse response, PublicKeyCredentialCreationOptions options) {
        if (options == null) {
            HttpSession session = request.getSession(false);
            if (session != null) {
                session.removeAttribute(ATTRIBUTE);
            }
            return;
        }
        AuthenticatorSelectionCriteria selection = options.getAuthenticatorSelection();
        request.getSession()
                .setAttribute(
                        ATTRIBUTE,
                        new Kept(
                                options.getRp().getId(),
                                options.getRp().getName(),
                                options.getUser().getId().toBase64UrlString(),
                                options.getUser().getName(),
                                options.getUser().getDisplayName(),
                                options.getChallenge().toBase64UrlString(),
                                options.getPubKeyCredParams().stream()
                                        .map(p -> p.getAlg().getValue())
                                        .toList(),
                                selection == null || selection.getUserVerification() == null
                                        ? null
                                        : selection.getUserVerification().getValue(),
                                selection == null || selection.getResidentKey() == null
                                        ? null
                                        : selection.getResidentKey().getValue()));
    }

    @Override
    public PublicKeyCredentialCreationOptions load(HttpServletRequest request) {
        HttpSession session = request.getSession(false);
        if (session == null || !(session.getAttribute(ATTRIBUTE) instanceof Kept kept)) {
            return null;
        }
        return PublicKeyCredentialCreationOptions.builder()
                .rp(PublicKeyCredentialRpEntity.builder()
                        .id(kept.rpId())
                        .name(kept.rpName())
                        .build())
                .user(ImmutablePublicKeyCredentialUserEntity.builder()
                        .id(Bytes.fromBase64(kept.userId()))
                        .name(kept.userName())
                        .displayName(kept.userDisplayName())
                        .build())
                .challenge(Bytes.fromBase64(kept.challenge()))
                .pubKeyCredParams(kept.algorithms().stream()
                        .map(ALGORITHMS::get)
                        .filter(Objects::nonNull)
                        .toList())
                .authenticatorSelection(AuthenticatorSelectionCriteria.builder()
                        .userVerification(userVerification(kept.userVerification()))
                        .residentKey(
                                kept.residentKey() == null ? null : ResidentKeyRequirement.valueOf(kept.residentKey()))
                        .build())
                .build();
    }

    /** Spring Security's own constant (its check compares by identity). */
    private static UserVerificationRequirement userVerification(String value) {
        if (UserVerificationRequirement.REQUIRED.getValue().equals(value)) {
            return UserVerificationRequirement.REQUIRED;
        }
        if (UserVerificationRequirement.DISCOURAGED.getValue().equals(value)) {
            return UserVerificationRequirement.DISCOURAGED;
        }
        return UserVerificationRequirement.PREFERRED;
    }
}
