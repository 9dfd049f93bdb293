package com.bestever.system;

import jakarta.persistence.Column;
import jakarta.persistence.MappedSuperclass;
import org.springframework.data.annotation.CreatedBy;
import org.springframework.data.annotation.LastModifiedBy;

/**
 * An {@link Audited} record that also keeps who created it and who changed it last: the ids of
 * their accounts ({@code app_user}), null when unknown (saved outside a sign-in, or the account
 * is gone). Spring Data's auditing fills them from the signed-in account, which the newsroom
 * feature supplies as an {@code AuditorAware<Long>}; nothing here knows about accounts.
 */
@MappedSuperclass
public abstract class AuditedBy extends Audited {

    @CreatedBy
    @Column(name = "created_by", updatable = false)
    private Long createdBy;

    @LastModifiedBy
    @Column(name = "updated_by")
    private Long updatedBy;

    public Long getCreatedBy() {
        return createdBy;
    }

    public Long getUpdatedBy() {
        return updatedBy;
    }
}
