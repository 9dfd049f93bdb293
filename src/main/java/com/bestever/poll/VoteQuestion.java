package com.bestever.poll;

import com.bestever.film.Film;
import com.bestever.genre.Genre;
import com.bestever.system.Audited;
import com.bestever.system.ContentChanged;
import com.bestever.system.ContentChanges;
import com.bestever.system.PublicContent;
import jakarta.persistence.CascadeType;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EntityListeners;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.OneToMany;
import jakarta.persistence.OrderBy;
import jakarta.persistence.PostLoad;
import jakarta.persistence.PostPersist;
import jakarta.persistence.PostUpdate;
import jakarta.persistence.Table;
import jakarta.persistence.Transient;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * "You tell us": the poll that closes a review — is this film the Best Ever movie of a genre?
 * It belongs to a review by id only, so the poll feature does not depend on articles.
 */
@Entity
@Table(name = "vote_question")
@EntityListeners(ContentChanges.class)
public class VoteQuestion extends Audited implements PublicContent {

    public static final String YES = "Yes, it's the best ever";
    public static final String NO = "No, something else is";

    @Column(name = "article_id")
    private Long articleId;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "film_id")
    private Film film;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "genre_id")
    private Genre genre;

    @Column(nullable = false)
    private String question;

    @Column(name = "opens_at", nullable = false)
    private Instant opensAt;

    @Column(name = "closes_at")
    private Instant closesAt;

    @Enumerated(EnumType.STRING)
    @Column(name = "results_shown", nullable = false, length = 16)
    private ResultsShown resultsShown = ResultsShown.ALWAYS;

    /** The round of voting: 1, then one more each time an editor reopens the closed poll. */
    @Column(nullable = false, insertable = false, updatable = false)
    private int round = 1;

    @OneToMany(mappedBy = "question", cascade = CascadeType.ALL, orphanRemoval = true)
    @OrderBy("position")
    private List<VoteOption> options = new ArrayList<>();

    protected VoteQuestion() {}

    public VoteQuestion(Long articleId, Film film, Genre genre, String question, Instant opensAt) {
        this.articleId = articleId;
        this.film = film;
        this.genre = genre;
        this.question = question;
        this.opensAt = opensAt;
    }

    /** The question as the house asks it when the editor leaves it blank. */
    public static String defaultQuestion(String filmTitle, String genreName) {
        return "Is " + filmTitle + " the Best Ever " + genreName + " Movie?";
    }

    /** The two options every poll starts with; the first is the "yes" the leaderboard ranks. */
    public void addDefaultOptions() {
        addOption(YES, true);
        addOption(NO, false);
    }

    public VoteOption addOption(String label, boolean affirmative) {
        VoteOption option = new VoteOption(this, options.size(), label, affirmative);
        options.add(option);
        return option;
    }

    /** Takes an option off the poll (the editor checks it has no votes) and closes the gap in the order. */
    public void removeOption(VoteOption option) {
        options.remove(option);
        for (int i = 0; i < options.size(); i++) {
            options.get(i).moveTo(i);
        }
    }

    public long totalVotes() {
        return options.stream().mapToLong(VoteOption::getVotes).sum();
    }

    public Long getArticleId() {
        return articleId;
    }

    public void setArticleId(Long articleId) {
        this.articleId = articleId;
    }

    public Film getFilm() {
        return film;
    }

    public void setFilm(Film film) {
        this.film = film;
    }

    public Genre getGenre() {
        return genre;
    }

    public void setGenre(Genre genre) {
        this.genre = genre;
    }

    public String getQuestion() {
        return question;
    }

    public void setQuestion(String question) {
        this.question = question;
    }

    public Instant getOpensAt() {
        return opensAt;
    }

    public void setOpensAt(Instant opensAt) {
        this.opensAt = opensAt;
    }

    public Instant getClosesAt() {
        return closesAt;
    }

    public void setClosesAt(Instant closesAt) {
        this.closesAt = closesAt;
    }

    public ResultsShown getResultsShown() {
        return resultsShown;
    }

    public void setResultsShown(ResultsShown resultsShown) {
        this.resultsShown = resultsShown;
    }

    public int getRound() {
        return round;
    }

    public List<VoteOption> getOptions() {
        return options;
    }

    /** The poll and where it is shown, as read and as it is now: its review, its film's and its genre's polls. */
    @Override
    public ContentChanged changed() {
        Set<String> shownOn = new LinkedHashSet<>(shownIn);
        shownOn.addAll(shownOn(articleId, film, genre));
        return new ContentChanged(ContentChanged.Kind.POLL, getId(), shownOn);
    }

    @Transient
    private Set<String> shownIn = Set.of();

    @PostLoad
    @PostPersist
    @PostUpdate
    void rememberWhereShown() {
        shownIn = shownOn(articleId, film, genre);
    }

    private static Set<String> shownOn(Long articleId, Film film, Genre genre) {
        Set<String> tags = new LinkedHashSet<>(ContentChanged.listedIn(
                ContentChanged.Kind.POLL,
                ContentChanged.Owner.of(ContentChanged.Kind.FILM, film),
                ContentChanged.Owner.of(ContentChanged.Kind.GENRE, genre)));
        if (articleId != null) {
            tags.add(ContentChanged.tag(ContentChanged.Kind.REVIEW, articleId));
        }
        return tags;
    }
}
