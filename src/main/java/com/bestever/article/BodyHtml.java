package com.bestever.article;

import jakarta.persistence.PrePersist;
import jakarta.persistence.PreUpdate;

/**
 * Renders a review's body once, when it is saved: a JPA entity listener on {@link Article}
 * (Hibernate gets it from Spring, with the {@link Markdown} renderer), so every path that saves a
 * review (the newsroom, a restored revision, the sample) stores the HTML readers are shown.
 */
public class BodyHtml {

    private final Markdown markdown;

    public BodyHtml(Markdown markdown) {
        this.markdown = markdown;
    }

    @PrePersist
    @PreUpdate
    void render(Object entity) {
        if (entity instanceof Article article) {
            article.storeBodyHtml(markdown.toSafeHtml(article.getBody()), Markdown.VERSION);
        }
    }
}
