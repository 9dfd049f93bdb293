package com.bestever.poll;

import static org.assertj.core.api.Assertions.assertThat;

import com.bestever.article.Article;
import com.bestever.article.ArticleStatus;
import com.bestever.film.Film;
import com.bestever.support.SiteTest;
import com.bestever.support.SqlStatements;
import com.bestever.support.TestData;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Polls.aboutFilm: what the film page may show of the polls about a film. */
@SiteTest
class PollsAboutFilmTests {

    @Autowired
    Polls polls;

    @Autowired
    PollTesting testing;

    @Autowired
    TestData data;

    @Autowired
    SqlStatements statements;

    @Autowired
    VoteQuestionRepository questions;

    Article reviewOf(Film film, java.util.function.Consumer<Article> status) {
        return data.review(article -> {
            article.setFilm(film);
            status.accept(article);
        });
    }

    @Test
    void showsThePollsReadersMaySeeWithTheirStateAndStandingsInTwoStatements() throws Exception {
        Article published = data.publishedReview();
        Film film = published.getFilm();
        VoteQuestion open = testing.pollUnder(published, question -> {});
        testing.setVotes(PollTesting.yes(open), 3);
        testing.setVotes(PollTesting.no(open), 1);
        VoteQuestion closed =
                testing.pollUnder(reviewOf(film, a -> a.publish(Instant.now().minus(Duration.ofDays(2)))), question -> {
                    question.setOpensAt(Instant.now().minus(Duration.ofDays(2)));
                    question.setClosesAt(Instant.now().minus(Duration.ofDays(1)));
                });
        VoteQuestion orphan = testing.pollUnder(
                reviewOf(film, a -> a.publish(Instant.now().minus(Duration.ofDays(3)))),
                question -> question.setArticleId(null));
        VoteQuestion ofDraft = testing.pollUnder(reviewOf(film, a -> a.setStatus(ArticleStatus.DRAFT)), question -> {});
        VoteQuestion ofScheduled = testing.pollUnder(
                reviewOf(film, a -> a.schedule(Instant.now().plus(Duration.ofDays(1)))), question -> {});
        List<PollSummary> about = polls.aboutFilm(film.getId());

        assertThat(about).extracting(PollSummary::id).containsExactly(open.getId(), closed.getId());
        PollSummary first = about.get(0);
        assertThat(first.question()).isEqualTo(open.getQuestion());
        assertThat(first.genreSlug()).isEqualTo(open.getGenre().getSlug());
        assertThat(first.state()).isEqualTo(PollState.OPEN);
        assertThat(first.standings().totalText()).isEqualTo("4 votes");
        assertThat(first.standings().options())
                .extracting(Standings.Standing::percent)
                .containsExactly(75, 25);
        assertThat(about.get(1).state()).isEqualTo(PollState.CLOSED);
        assertThat(statements.countDuring(() -> polls.aboutFilm(film.getId()))).isLessThanOrEqualTo(2);
    }
}
