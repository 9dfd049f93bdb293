package com.bestever.admin;

/**
 * The kinds of newsroom act the audit log ({@link AuditLog}) records, each with its code in the
 * {@code audit_entry.kind} column and a label for the administrator's page. New acts add a kind
 * here: the page's filter lists them all.
 */
public enum AuditKind {
    SIGN_IN("sign_in.success", "Signed in"),
    SIGN_IN_FAILED("sign_in.failure", "Sign-in refused"),
    SECOND_FACTOR("sign_in.second_factor", "Second factor accepted"),
    SECOND_FACTOR_FAILED("sign_in.second_factor_failure", "Second factor refused"),
    SIGN_OUT("sign_in.sign_out", "Signed out"),
    ACCOUNT_CREATED("account.created", "Account created"),
    ACCOUNT_CHANGED("account.changed", "Account changed"),
    ACCOUNT_ENABLED("account.enabled", "Account enabled"),
    ACCOUNT_DISABLED("account.disabled", "Account disabled"),
    ROLE_CHANGED("account.role_changed", "Role changed"),
    PASSWORD_CHANGED("account.password_changed", "Password changed"),
    PASSWORD_SET("account.password_set", "Password set by an administrator"),
    SIGN_IN_BACK_OFF_RESET("account.sign_in_back_off_reset", "Sign-in back-off lifted"),
    FACTOR_ADDED("account.factor_added", "Second factor added"),
    FACTOR_REMOVED("account.factor_removed", "Second factor removed"),
    FACTORS_RESET("account.factors_reset", "Second factors reset"),
    REVIEW_CREATED("review.created", "Review created"),
    REVIEW_SAVED("review.saved", "Review saved"),
    REVIEW_SUBMITTED("review.submitted", "Review submitted"),
    REVIEW_SCHEDULED("review.scheduled", "Review scheduled"),
    REVIEW_PUBLISHED("review.published", "Review published"),
    REVIEW_UNPUBLISHED("review.unpublished", "Review unpublished"),
    REVIEW_DELETED("review.deleted", "Review deleted"),
    REVIEW_RESTORED("review.restored", "Review restored from a revision"),
    FILM_CREATED("film.created", "Film created"),
    FILM_CHANGED("film.changed", "Film changed"),
    FILM_DELETED("film.deleted", "Film deleted"),
    AUTHOR_CREATED("author.created", "Critic created"),
    AUTHOR_CHANGED("author.changed", "Critic changed"),
    AUTHOR_DELETED("author.deleted", "Critic deleted"),
    GENRE_CREATED("genre.created", "Genre created"),
    GENRE_CHANGED("genre.changed", "Genre changed"),
    GENRE_DELETED("genre.deleted", "Genre deleted"),
    POLL_CHANGED("poll.changed", "Poll changed"),
    POLL_CLOSED("poll.closed", "Poll closed"),
    POLL_REOPENED("poll.reopened", "Poll reopened"),
    VOTES_VOIDED("poll.votes_voided", "Votes voided"),
    CHALLENGER_APPROVED("poll.challenger_approved", "Challenger approved"),
    CHALLENGER_REJECTED("poll.challenger_rejected", "Challenger rejected"),
    EXPORTED("site.exported", "Site exported"),
    IMPORTED("site.imported", "Site imported");

    private final String code;
    private final String label;

    AuditKind(String code, String label) {
        this.code = code;
        this.label = label;
    }

    public String code() {
        return code;
    }

    public String label() {
        return label;
    }

    /** The kind with this code, if there is one (the page's filter). */
    public static java.util.Optional<AuditKind> ofCode(String code) {
        return java.util.Arrays.stream(values())
                .filter(kind -> kind.code.equals(code))
                .findFirst();
    }
}
