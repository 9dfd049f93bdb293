package com.bestever.article;

/** Where a review stands in the editorial workflow. Only SCHEDULED and PUBLISHED ever reach readers. */
public enum ArticleStatus {
    DRAFT,
    IN_REVIEW,
    SCHEDULED,
    PUBLISHED;

    /** Whether a review in this status is shown to readers once its publish time has come. */
    public boolean goesPublic() {
        return this == SCHEDULED || this == PUBLISHED;
    }
}
