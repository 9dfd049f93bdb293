package com.bestever.article;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EntityListeners;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.springframework.data.annotation.CreatedBy;
import org.springframework.data.annotation.CreatedDate;
import org.springframework.data.jpa.domain.support.AuditingEntityListener;

/** The full text of a review as one save left it: who saved it, when, and every word. */
@Entity
@Table(name = "article_revision")
@EntityListeners(AuditingEntityListener.class)
public class ArticleRevision {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "article_id", nullable = false, updatable = false)
    private Long articleId;

    @Column(nullable = false, updatable = false)
    private int number;

    /** The account that saved it (null when unknown or deleted), and when: both from Spring Data's auditing. */
    @CreatedBy
    @Column(name = "edited_by", updatable = false)
    private Long editedBy;

    @CreatedDate
    @Column(name = "edited_at", nullable = false, updatable = false)
    private Instant editedAt;

    @Column(nullable = false, updatable = false, length = 200)
    private String title;

    @Column(nullable = false, updatable = false, length = 120)
    private String slug;

    @Column(name = "pull_quote", nullable = false, updatable = false)
    private String pullQuote;

    @Column(nullable = false, updatable = false)
    private String body;

    @Column(nullable = false, updatable = false)
    private String verdict;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, updatable = false, length = 16)
    private ArticleStatus status;

    @Column(name = "publish_at", updatable = false)
    private Instant publishAt;

    /** One line per recommendation: "text", a tab, then the link (may be empty). */
    @Column(nullable = false, updatable = false)
    private String recommendations;

    protected ArticleRevision() {}

    ArticleRevision(Article article, int number) {
        this.articleId = article.getId();
        this.number = number;
        this.title = article.getTitle();
        this.slug = article.getSlug();
        this.pullQuote = article.getPullQuote();
        this.body = article.getBody();
        this.verdict = article.getVerdict();
        this.status = article.getStatus();
        this.publishAt = article.getPublishAt();
        this.recommendations = recommendationsOf(article);
    }

    /** The review's recommendations as a revision keeps them. */
    static String recommendationsOf(Article article) {
        return article.getRecommendations().stream()
                .map(r -> oneLine(r.getText()) + "\t" + (r.getUrl() == null ? "" : r.getUrl()))
                .collect(Collectors.joining("\n"));
    }

    private static String oneLine(String text) {
        return text.replaceAll("[\\t\\r\\n]+", " ");
    }

    /** The recommendations kept in this revision, in their order. */
    List<Article.RecommendationLine> recommendationLines() {
        List<Article.RecommendationLine> lines = new ArrayList<>();
        for (String line : recommendations.split("\n")) {
            if (line.isBlank()) {
                continue;
            }
            int tab = line.indexOf('\t');
            String text = tab < 0 ? line : line.substring(0, tab);
            String url = tab < 0 ? "" : line.substring(tab + 1);
            lines.add(new Article.RecommendationLine(text, url.isBlank() ? null : url));
        }
        return lines;
    }

    public Long getId() {
        return id;
    }

    public Long getArticleId() {
        return articleId;
    }

    public int getNumber() {
        return number;
    }

    public Long getEditedBy() {
        return editedBy;
    }

    public Instant getEditedAt() {
        return editedAt;
    }

    public String getTitle() {
        return title;
    }

    public String getSlug() {
        return slug;
    }

    public String getPullQuote() {
        return pullQuote;
    }

    public String getBody() {
        return body;
    }

    public String getVerdict() {
        return verdict;
    }

    public ArticleStatus getStatus() {
        return status;
    }

    public Instant getPublishAt() {
        return publishAt;
    }

    public String getRecommendations() {
        return recommendations;
    }
}
