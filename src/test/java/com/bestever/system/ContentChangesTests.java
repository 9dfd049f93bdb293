package com.bestever.system;

import static org.assertj.core.api.Assertions.assertThat;

import com.bestever.article.Article;
import com.bestever.article.ArticleRepository;
import com.bestever.film.Film;
import com.bestever.film.FilmRepository;
import com.bestever.genre.Genre;
import com.bestever.poll.VoteQuestion;
import com.bestever.poll.VoteQuestionRepository;
import com.bestever.support.SiteTest;
import com.bestever.support.TestData;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.event.ApplicationEvents;
import org.springframework.test.context.event.RecordApplicationEvents;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Every write of something readers see announces itself, whatever path wrote it: no service has
 * to remember to publish {@link ContentChanged}, and the event names the thing that changed.
 */
@SiteTest
@RecordApplicationEvents
class ContentChangesTests {

    @Autowired
    TestData data;

    @Autowired
    ApplicationEvents events;

    @Autowired
    TransactionTemplate transaction;

    @Autowired
    FilmRepository films;

    @Autowired
    ArticleRepository articles;

    @Autowired
    VoteQuestionRepository polls;

    @Test
    void aNewGenreIsAnnounced() {
        events.clear();
        Genre genre = data.genre();

        assertThat(announced()).contains(new ContentChanged(ContentChanged.Kind.GENRE, genre.getId()));
    }

    @Test
    void changingOnlyAFilmsCastIsAnnouncedAsTheFilm() {
        Film film = data.film();
        events.clear();

        transaction.executeWithoutResult(status ->
                films.findById(film.getId()).orElseThrow().setCast(List.of("Jean-Pierre Léaud", "Claire Maurier")));

        assertThat(announced()).containsExactly(new ContentChanged(ContentChanged.Kind.FILM, film.getId()));
    }

    @Test
    void changingOnlyARecommendationIsAnnouncedAsItsReview() {
        Article review = data.publishedReview();
        events.clear();

        transaction.executeWithoutResult(status -> articles.findById(review.getId())
                .orElseThrow()
                .replaceRecommendations(List.of(new Article.RecommendationLine("The box set", null))));

        assertThat(announced())
                .isNotEmpty()
                .allMatch(changed -> changed.equals(new ContentChanged(ContentChanged.Kind.REVIEW, review.getId())));
    }

    @Test
    void rewordingAPollOptionIsAnnouncedAsThePoll() {
        VoteQuestion poll = data.pollFor(data.publishedReview());
        events.clear();

        transaction.executeWithoutResult(status ->
                polls.findById(poll.getId()).orElseThrow().getOptions().get(1).setLabel("No, another film is"));

        assertThat(announced()).containsExactly(new ContentChanged(ContentChanged.Kind.POLL, poll.getId()));
    }

    @Test
    void aDeletedReviewIsAnnounced() {
        Article review = data.publishedReview();
        events.clear();

        transaction.executeWithoutResult(status -> articles.deleteById(review.getId()));

        assertThat(announced()).contains(new ContentChanged(ContentChanged.Kind.REVIEW, review.getId()));
    }

    @Test
    void readingChangesNothing() {
        Article review = data.publishedReview();
        events.clear();

        transaction.executeWithoutResult(
                status -> articles.findById(review.getId()).orElseThrow().getTitle());

        assertThat(announced()).isEmpty();
    }

    private List<ContentChanged> announced() {
        return events.stream(ContentChanged.class).toList();
    }
}
