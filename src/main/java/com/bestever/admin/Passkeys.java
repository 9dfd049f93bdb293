package com.bestever.admin;

import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.core.authority.FactorGrantedAuthority;
import org.springframework.security.web.webauthn.api.Bytes;
import org.springframework.security.web.webauthn.api.CredentialRecord;
import org.springframework.security.web.webauthn.management.JdbcUserCredentialRepository;
import org.springframework.security.web.webauthn.management.UserCredentialRepository;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * Passkeys as Spring Security's WebAuthn support keeps them ({@link JdbcUserCredentialRepository},
 * table {@code user_credentials}), with the audit log's entry written in the same transaction
 * when one is registered or removed. (A sign-in also saves its credential, to count its use:
 * that is no new passkey and leaves no entry here.)
 */
@Component
class Passkeys implements UserCredentialRepository {

    private final JdbcUserCredentialRepository credentials;
    private final AuditLog audit;
    private final NewsroomSessions sessions;

    Passkeys(JdbcTemplate jdbc, AuditLog audit, NewsroomSessions sessions) {
        this.credentials = new JdbcUserCredentialRepository(jdbc);
        this.audit = audit;
        this.sessions = sessions;
    }

    @Override
    @Transactional
    public void save(CredentialRecord credential) {
        boolean isNew = credentials.findByCredentialId(credential.getCredentialId()) == null;
        credentials.save(credential);
        SignedIn signedIn = AdminPages.signedIn();
        if (isNew && signedIn != null) {
            audit.record(
                    AuditKind.FACTOR_ADDED, SecondFactors.subject(signedIn), "Passkey “" + credential.getLabel() + "”");
            // Its registration was signed with it, by the person signed in: it proves the factor in this sign-in too.
            if (RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes request
                    && request.getResponse() != null) {
                sessions.addFactor(
                        FactorGrantedAuthority.WEBAUTHN_AUTHORITY, request.getRequest(), request.getResponse());
            }
        }
    }

    @Override
    @Transactional
    public void delete(Bytes credentialId) {
        CredentialRecord credential = credentials.findByCredentialId(credentialId);
        if (credential == null) {
            return;
        }
        credentials.delete(credentialId);
        SignedIn signedIn = AdminPages.signedIn();
        audit.record(
                AuditKind.FACTOR_REMOVED,
                signedIn == null ? AuditLog.Subject.NONE : SecondFactors.subject(signedIn),
                "Passkey “" + credential.getLabel() + "” removed");
    }

    @Override
    @Transactional(readOnly = true)
    public CredentialRecord findByCredentialId(Bytes credentialId) {
        return credentials.findByCredentialId(credentialId);
    }

    @Override
    @Transactional(readOnly = true)
    public List<CredentialRecord> findByUserId(Bytes userId) {
        return credentials.findByUserId(userId);
    }
}
