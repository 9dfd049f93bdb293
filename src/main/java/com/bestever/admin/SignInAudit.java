package com.bestever.admin;

import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * The audit entries of sign-ins, each written in the transaction of the sign-in's own write (the
 * back-off's count, or taking it back). A refused attempt names the account only when the typed
 * user name is one: a typed name is often a password typed in the wrong box, and the log keeps
 * no more of it than the back-off does (which keeps only a keyed hash).
 */
@Component
class SignInAudit {

    /** The actor of a refused sign-in whose user name matches no account. */
    static final String UNKNOWN_NAME = "(unknown name)";

    private final AuditLog audit;
    private final AccountRepository accounts;

    SignInAudit(AuditLog audit, AccountRepository accounts) {
        this.audit = audit;
        this.accounts = accounts;
    }

    @Transactional(propagation = Propagation.MANDATORY)
    void succeeded(SignedIn signedIn) {
        audit.recordAs(
                AuditKind.SIGN_IN,
                signedIn.accountId(),
                signedIn.getUsername(),
                AuditLog.Subject.of("account", signedIn.accountId(), signedIn.getUsername()),
                "signed in with a password as " + signedIn.role().label());
    }

    /** A refusal: a wrong password, a disabled account, or the back-off ({@code why}). */
    @Transactional(propagation = Propagation.MANDATORY)
    void refused(String typedUsername, String why) {
        // Only a well-formed name can be an account's (and a NUL, say, must not reach the query).
        String name = Usernames.normalise(typedUsername);
        Account account =
                name.matches(Usernames.PATTERN) ? accounts.findByUsername(name).orElse(null) : null;
        audit.recordAs(
                AuditKind.SIGN_IN_FAILED,
                account == null ? null : account.getId(),
                account == null ? UNKNOWN_NAME : account.getUsername(),
                account == null ? AuditLog.Subject.NONE : Accounts.subject(account),
                why);
    }

    /** An administrator lifted the back-off of this account's user name. */
    @Transactional(propagation = Propagation.MANDATORY)
    void backOffLifted(Account account, boolean wasHeldBack) {
        audit.record(
                AuditKind.SIGN_IN_BACK_OFF_RESET,
                Accounts.subject(account),
                wasHeldBack
                        ? "lifted the sign-in back-off of this user name (it was held back)"
                        : "cleared the failed sign-ins of this user name (it was not held back)");
    }

    @Transactional(propagation = Propagation.MANDATORY)
    void signedOut(SignedIn signedIn) {
        audit.recordAs(
                AuditKind.SIGN_OUT,
                signedIn.accountId(),
                signedIn.getUsername(),
                AuditLog.Subject.of("account", signedIn.accountId(), signedIn.getUsername()),
                "signed out");
    }
}
