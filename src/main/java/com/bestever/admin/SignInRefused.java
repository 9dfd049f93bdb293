package com.bestever.admin;

import java.time.Duration;
import org.springframework.security.core.AuthenticationException;

/** A sign-in refused without looking at the password: too many recent failures. */
class SignInRefused extends AuthenticationException {

    private final Duration wait;

    SignInRefused(Duration wait) {
        super("too many failed sign-ins");
        this.wait = wait;
    }

    /** Whole minutes to wait, rounded up: at least one. */
    long minutes() {
        return Math.max(1, (wait.toSeconds() + 59) / 60);
    }

    /** "Too many failed sign-ins. Try again in 15 minutes." */
    static String advice(long minutes) {
        return "Too many failed sign-ins. Try again in " + minutes + (minutes == 1 ? " minute." : " minutes.");
    }
}
