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

/** One line of "Decide for Yourself": something to watch or buy, with an optional link. */
@Entity
@Table(name = "recommendation")
@EntityListeners(ContentChanges.class)
public class Recommendation implements PublicContent {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "article_id")
    private Article article;

    @Column(nullable = false)
    private int position;

    @Column(nullable = false)
    private String text;

    @Column(length = 2000)
    private String url;

    protected Recommendation() {}

    Recommendation(Article article, int position, String text, String url) {
        this.article = article;
        this.position = position;
        this.text = text;
        this.url = url == null || url.isBlank() ? null : url.strip();
    }

    public Long getId() {
        return id;
    }

    public int getPosition() {
        return position;
    }

    public String getText() {
        return text;
    }

    public String getUrl() {
        return url;
    }

    @Override
    public ContentChanged changed() {
        return article.changed();
    }
}
