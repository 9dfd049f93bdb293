package com.bestever.article;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import jakarta.persistence.CascadeType;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.OneToMany;
import jakarta.persistence.OrderBy;
import jakarta.persistence.Table;

import com.bestever.author.Author;
import com.bestever.film.Film;
import com.bestever.genre.Genre;
import com.bestever.system.AuditedBy;

/**
 * A review: the essay that argues one film is the Best Ever movie of its genre.
 * The kicker comes from its genre, the byline from its author. Who created it (a writer's own
 * piece is theirs to edit until it goes public) and who saved it last are accounts.
 */
@Entity
@Table(name = "article")
public class Article extends AuditedBy {

    @Column(nullable = false, length = 200)
    private String title;

    @Column(nullable = false, length = 120)
    private String slug;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "genre_id")
    private Genre genre;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "film_id")
    private Film film;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "author_id")
    private Author author;

    @Column(name = "pull_quote", nullable = false)
    private String pullQuote;

    /** Markdown as the editor wrote it; rendered to sanitised HTML for readers. */
    @Column(nullable = false)
    private String body;

    @Column(nullable = false)
    private String verdict;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 16)
    private ArticleStatus status = ArticleStatus.DRAFT;

    @Column(name = "publish_at")
    private Instant publishAt;

    @OneToMany(mappedBy = "article", cascade = CascadeType.ALL, orphanRemoval = true)
    @OrderBy("position")
    private List<Recommendation> recommendations = new ArrayList<>();

    @OneToMany(mappedBy = "article", cascade = CascadeType.ALL, orphanRemoval = true)
    private Set<EarlierSlug> earlierSlugs = new LinkedHashSet<>();

    protected Article() {
    }

    public Article(String title, String slug, Genre genre, Film film, Author author,
            String pullQuote, String body, String verdict) {
        this.title = title;
        this.slug = slug;
        this.genre = genre;
        this.film = film;
        this.author = author;
        this.pullQuote = pullQuote;
        this.body = body;
        this.verdict = verdict;
    }

    /** Whether readers may see this review at the given moment. */
    public boolean isPublicAt(Instant now) {
        return status.goesPublic() && publishAt != null && !publishAt.isAfter(now);
    }

    public void publish(Instant at) {
        status = ArticleStatus.PUBLISHED;
        publishAt = at;
    }

    public void schedule(Instant at) {
        status = ArticleStatus.SCHEDULED;
        publishAt = at;
    }

    /** Moves the review to a new slug; the old one keeps answering with a redirect. */
    public void changeSlug(String newSlug) {
        if (newSlug.equals(slug)) {
            return;
        }
        earlierSlugs.removeIf(earlier -> earlier.getSlug().equals(newSlug));
        earlierSlugs.add(new EarlierSlug(this, slug));
        slug = newSlug;
    }

    /** Replaces "Decide for Yourself" with the given lines, in the given order. */
    public void replaceRecommendations(List<RecommendationLine> lines) {
        recommendations.clear();
        for (RecommendationLine line : lines) {
            recommendations.add(new Recommendation(this, recommendations.size(), line.text(), line.url()));
        }
    }

    public void addRecommendation(String text, String url) {
        recommendations.add(new Recommendation(this, recommendations.size(), text, url));
    }

    /** What an editor types for one recommendation. */
    public record RecommendationLine(String text, String url) {
    }

    public String getTitle() { return title; }
    public void setTitle(String title) { this.title = title; }
    public String getSlug() { return slug; }
    public Genre getGenre() { return genre; }
    public void setGenre(Genre genre) { this.genre = genre; }
    public Film getFilm() { return film; }
    public void setFilm(Film film) { this.film = film; }
    public Author getAuthor() { return author; }
    public void setAuthor(Author author) { this.author = author; }
    public String getPullQuote() { return pullQuote; }
    public void setPullQuote(String pullQuote) { this.pullQuote = pullQuote; }
    public String getBody() { return body; }
    public void setBody(String body) { this.body = body; }
    public String getVerdict() { return verdict; }
    public void setVerdict(String verdict) { this.verdict = verdict; }
    public ArticleStatus getStatus() { return status; }
    public void setStatus(ArticleStatus status) { this.status = status; }
    public Instant getPublishAt() { return publishAt; }
    public void setPublishAt(Instant publishAt) { this.publishAt = publishAt; }
    public List<Recommendation> getRecommendations() { return recommendations; }
    public Set<EarlierSlug> getEarlierSlugs() { return earlierSlugs; }
}
