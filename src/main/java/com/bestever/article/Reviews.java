package com.bestever.article;

import com.bestever.poll.VoteQuestionRepository;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.hibernate.Hibernate;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** What readers may see of the reviews: only what is public at this moment, by the injected clock. */
@Service
@Transactional(readOnly = true)
public class Reviews {

    private final ArticleRepository articles;
    private final VoteQuestionRepository polls;
    private final Markdown markdown;
    private final Clock clock;

    Reviews(ArticleRepository articles, VoteQuestionRepository polls, Markdown markdown, Clock clock) {
        this.articles = articles;
        this.polls = polls;
        this.markdown = markdown;
        this.clock = clock;
    }

    /** The public review under this slug, with everything its page shows, in a fixed number of statements. */
    public Optional<ReviewPage> page(String slug) {
        return articles.findPublicBySlug(slug, clock.instant()).map(article -> {
            Hibernate.initialize(article.getFilm().getDirectors());
            return ReviewPage.of(
                    article,
                    markdown.toSafeHtml(article.getBody()),
                    polls.findByArticleId(article.getId()).orElse(null),
                    neighbours(article));
        });
    }

    /** Other public reviews of the review's film or in its genre, newest first (for its "read next" lists). */
    List<Article> neighbours(Article article) {
        return articles.findPublicNeighbours(
                article.getFilm().getId(), article.getGenre().getId(), article.getId(), clock.instant());
    }

    /** Every genre that has public reviews, with how many. */
    public List<GenreCount> genres() {
        return articles.countPublicByGenre(clock.instant());
    }

    /** Where an earlier slug of a public review points now. */
    public Optional<String> currentSlugFor(String earlierSlug) {
        return articles.findCurrentSlugOfPublic(earlierSlug, clock.instant());
    }

    /** Whether a review readers could see under this slug has since been deleted (410 Gone). */
    public boolean wasDeletedFrom(String slug) {
        return articles.wasDeletedFrom(slug, clock.instant());
    }

    public Page<Article> latest(Pageable page) {
        return articles.findPublic(clock.instant(), page);
    }

    public Page<Article> inGenre(Long genreId, Pageable page) {
        return articles.findPublicByGenre(genreId, clock.instant(), page);
    }

    public Page<Article> byAuthor(Long authorId, Pageable page) {
        return articles.findPublicByAuthor(authorId, clock.instant(), page);
    }

    public List<Long> publicIdsByAuthor(Long authorId) {
        return articles.findPublicIdsByAuthor(authorId, clock.instant());
    }

    public List<Article> aboutFilm(Long filmId) {
        return articles.findPublicByFilm(filmId, clock.instant());
    }
}
