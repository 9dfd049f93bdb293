package com.bestever.admin;

import java.nio.charset.StandardCharsets;
import org.springframework.validation.Errors;

/** The rules for a new password, beyond the form annotations: BCrypt reads at most 72 bytes. */
final class Passwords {

    static final int MIN = 12;
    static final int MAX_BYTES = 72;

    private Passwords() {}

    /** Checks a new password and its repetition, rejecting the fields that are wrong. */
    static void check(String password, String repeated, Errors errors) {
        if (password == null || errors.hasFieldErrors("newPassword")) {
            return;
        }
        if (password.getBytes(StandardCharsets.UTF_8).length > MAX_BYTES) {
            errors.rejectValue("newPassword", "password.long", "Use at most 72 bytes (72 letters without accents).");
        } else if (!password.equals(repeated)) {
            errors.rejectValue("repeatPassword", "password.repeat", "The two passwords are not the same.");
        }
    }
}
