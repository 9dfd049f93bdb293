package com.bestever.system;

import org.springframework.dao.DataIntegrityViolationException;

/**
 * Which database rule a failed write broke, so a form can say it beside the right field
 * (a duplicate slug is a field error, never a 500). Constraint names are the ones in
 * db/migration, e.g. {@code film_slug_unique}.
 */
public final class Constraints {

    private Constraints() {}

    /** Whether the failure was the constraint with this name. */
    public static boolean broke(DataIntegrityViolationException failure, String constraint) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            String message = cause.getMessage();
            if (message != null && message.contains("\"" + constraint + "\"")) {
                return true;
            }
            if (cause.getCause() == cause) {
                break;
            }
        }
        return false;
    }
}
