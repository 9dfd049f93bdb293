package com.bestever.poll;

import static com.bestever.support.Html.page;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.bestever.article.Article;
import com.bestever.article.ArticleRepository;
import com.bestever.genre.Genre;
import com.bestever.support.SiteTest;
import com.bestever.support.TestData;
import java.time.Duration;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.transaction.support.TransactionTemplate;

/** "The readers' verdict": /best-ever/{genre}, films ranked by the Wilson lower bound of their "yes" share. */
@SiteTest
class LeaderboardTests {

    @Autowired
    MockMvc mvc;

    @Autowired
    PollTesting polls;

    @Autowired
    TestData data;

    @Autowired
    ArticleRepository articles;

    @Autowired
    TransactionTemplate transaction;

    @Autowired
    VoteQuestionRepository questions;

    /** A published review in its own genre with a poll in the given genre, with these counts. */
    Article reviewWithVotes(Genre pollGenre, long yes, long no) {
        Article review = data.publishedReview();
        VoteQuestion poll = polls.pollUnder(review, question -> question.setGenre(pollGenre));
        polls.setVotes(PollTesting.yes(poll), yes);
        polls.setVotes(PollTesting.no(poll), no);
        return review;
    }

    Document verdict(Genre genre) throws Exception {
        var response = mvc.perform(get("/best-ever/{slug}", genre.getSlug()))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse();
        assertThat(response.getHeader("Set-Cookie")).isNull();
        return page(response);
    }

    @Test
    void ranksFilmsByTheLowerBoundOfTheirYesShareNotByTheShare() throws Exception {
        Genre genre = data.genre();
        Article tenOfTen = reviewWithVotes(genre, 10, 0); // 100%, bound .7225
        Article nineHundred = reviewWithVotes(genre, 900, 100); // 90%, bound .8799
        Article nineteen = reviewWithVotes(genre, 19, 1); // 95%, bound .7639
        Article nineOfTen = reviewWithVotes(genre, 9, 1); // 90%, bound .5958

        Document page = verdict(genre);

        var entries = page.select("ol.verdict-list > li");
        assertThat(entries.eachAttr("class")).allMatch("verdict-entry"::equals);
        assertThat(entries.stream().map(li -> li.selectFirst("a").attr("href")).toList())
                .containsExactly(
                        "/reviews/" + nineHundred.getSlug(), "/reviews/" + nineteen.getSlug(),
                        "/reviews/" + tenOfTen.getSlug(), "/reviews/" + nineOfTen.getSlug());
        Element first = entries.first();
        assertThat(first.selectFirst("cite").text())
                .isEqualTo(nineHundred.getFilm().getTitle());
        assertThat(first.selectFirst(".verdict-yes").text()).isEqualTo("90% say yes");
        assertThat(first.selectFirst(".verdict-votes").text()).isEqualTo("1,000 votes");
        assertThat(first.selectFirst(".verdict-bound").text()).isEqualTo("at least 87% with 95% confidence");
        assertThat(first.selectFirst(".verdict-interval").text()).isEqualTo("95% interval 87–92%, n = 1,000");
        // 19 of 20 (76–99%) overlaps 900 of 1,000 (87–92%), and so on down: too close to call, one shared rank.
        assertThat(entries.eachAttr("value")).containsExactly("1", "1", "1", "1");
        assertThat(first.select(".verdict-tie")).isEmpty();
        assertThat(entries.get(1).selectFirst(".verdict-tie").text())
                .isEqualTo("Too close to call with " + nineHundred.getFilm().getTitle()
                        + ": their 95% intervals overlap.");
        assertThat(page.selectFirst("h1").text()).contains(genre.getName());
        assertThat(page.select(".too-early")).isEmpty();
    }

    @Test
    void filmsWithTooFewVotesAreListedApartAsTooEarlyToCall() throws Exception {
        Genre genre = data.genre();
        Article ranked = reviewWithVotes(genre, 6, 6);
        Article early = reviewWithVotes(genre, 3, 0);
        Article none = reviewWithVotes(genre, 0, 0);

        Document page = verdict(genre);

        assertThat(page.select("ol.verdict-list > li a").eachAttr("href"))
                .containsExactly("/reviews/" + ranked.getSlug());
        Element tooEarly = page.selectFirst("section.too-early");
        assertThat(tooEarly.selectFirst("h2").text()).isEqualTo("Too early to call");
        assertThat(tooEarly.select("li a").eachAttr("href"))
                .containsExactly("/reviews/" + early.getSlug(), "/reviews/" + none.getSlug());
        assertThat(tooEarly.select("li").first().text()).contains("100% say yes", "3 votes", "95% interval 43–100%");
        assertThat(tooEarly.select("li").last().text()).contains("no votes yet");
        assertThat(tooEarly.select(".verdict-needs").eachText())
                .containsExactly("needs 7 more votes", "needs 10 more votes");
        assertThat(tooEarly.selectFirst(".too-early-note").text()).isEqualTo("Fewer than 10 votes so far.");
    }

    @Test
    void pollsOfReviewsThatAreNotPublicAreNotOnTheVerdict() throws Exception {
        Genre genre = data.genre();
        Article draft = data.draft();
        polls.pollUnder(draft, question -> question.setGenre(genre));
        Article scheduled = data.scheduled(java.time.Instant.now().plus(Duration.ofDays(1)));
        polls.pollUnder(scheduled, question -> question.setGenre(genre));

        Document page = verdict(genre);

        assertThat(page.select(".verdict-list li, .too-early li")).isEmpty();
        assertThat(page.selectFirst("p.empty").text()).isEqualTo("No film in this genre has a readers’ poll yet.");
    }

    @Test
    void aFilmsPollsAddUpAndLinkToItsLatestPublicReview() throws Exception {
        Genre genre = data.genre();
        Article first = reviewWithVotes(genre, 4, 1);
        var film = first.getFilm();
        Article later = data.review(article -> {
            article.setFilm(film);
            article.publish(java.time.Instant.now().minus(Duration.ofSeconds(10)));
        });
        VoteQuestion second = polls.pollUnder(later, question -> question.setGenre(genre));
        polls.setVotes(PollTesting.yes(second), 5);
        polls.setVotes(PollTesting.no(second), 2);
        Article scheduled = data.review(article -> {
            article.setFilm(film);
            article.schedule(java.time.Instant.now().plus(Duration.ofDays(1)));
        });
        VoteQuestion notYet = polls.pollUnder(scheduled, question -> question.setGenre(genre));
        polls.setVotes(PollTesting.yes(notYet), 100);
        Document page = verdict(genre);

        var entries = page.select("ol.verdict-list > li");
        assertThat(entries).hasSize(1);
        assertThat(entries.first().selectFirst("a").attr("href")).isEqualTo("/reviews/" + later.getSlug());
        assertThat(entries.first().selectFirst(".verdict-votes").text()).isEqualTo("12 votes");
        assertThat(entries.first().selectFirst(".verdict-yes").text()).isEqualTo("75% say yes");
    }

    @Test
    void theSampleReviewIsOnTheComingOfAgeVerdict() throws Exception {
        Document page = page(mvc.perform(get("/best-ever/coming-of-age")).andExpect(status().isOk()));

        assertThat(page.select("main a").eachAttr("href")).contains("/reviews/the-400-blows");
    }

    @Test
    void anUnknownGenreIsNotFound() throws Exception {
        mvc.perform(get("/best-ever/no-such-genre-anywhere")).andExpect(status().isNotFound());
    }
}
