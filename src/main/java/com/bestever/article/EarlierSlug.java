package com.bestever.article;

import com.bestever.system.ContentChanged;
import com.bestever.system.ContentChanges;
import com.bestever.system.PublicContent;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EntityListeners;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;
import java.time.Instant;
import org.springframework.data.annotation.CreatedDate;
import org.springframework.data.jpa.domain.support.AuditingEntityListener;

/** A slug a review was once published under; its URL answers 301 to the current one. */
@Entity
@Table(name = "article_earlier_slug")
@EntityListeners({AuditingEntityListener.class, ContentChanges.class})
public class EarlierSlug implements PublicContent {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "article_id")
    private Article article;

    @Column(nullable = false, length = 120)
    private String slug;

    /** When the review left this slug; set by Spring Data's auditing, from the injected clock. */
    @CreatedDate
    @Column(name = "created_at", nullable = false, updatable = false)
    private Instant createdAt;

    protected EarlierSlug() {}

    EarlierSlug(Article article, String slug) {
        this.article = article;
        this.slug = slug;
    }

    public Long getId() {
        return id;
    }

    public Article getArticle() {
        return article;
    }

    public String getSlug() {
        return slug;
    }

    public Instant getCreatedAt() {
        return createdAt;
    }

    @Override
    public ContentChanged changed() {
        return article.changed();
    }
}
