package com.bestever.system;

import org.springframework.orm.ObjectOptimisticLockingFailureException;

/**
 * A form made from an entry at one version (a hidden field). Saving it over a newer version is
 * stale: someone else saved meanwhile, and their words must not be lost without the editor knowing.
 */
public interface VersionedForm {

    Long getVersion();

    void setVersion(Long version);

    /** Throws ObjectOptimisticLockingFailureException unless the form was made from {@code type} {@code id} at {@code current}. */
    default void requireVersion(long current, Class<?> type, long id) {
        if (getVersion() == null || getVersion() != current) {
            throw new ObjectOptimisticLockingFailureException(type, id);
        }
    }
}
