package com.bestever.admin;

import java.util.Optional;
import org.springframework.data.domain.AuditorAware;
import org.springframework.stereotype.Component;

/**
 * Who saves a record, for Spring Data's auditing ({@code @CreatedBy}, {@code @LastModifiedBy} in
 * {@code system.AuditedBy}): the account signed in to this request; nobody outside a sign-in
 * (startup, scheduled work, readers).
 */
@Component
class SignedInAuditor implements AuditorAware<Long> {

    @Override
    public Optional<Long> getCurrentAuditor() {
        return Optional.ofNullable(AdminPages.signedIn()).map(SignedIn::accountId);
    }
}
