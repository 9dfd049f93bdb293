package com.bestever.poll;

import static com.bestever.support.Html.page;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.bestever.article.Article;
import com.bestever.genre.Genre;
import com.bestever.support.JdbcStatements;
import com.bestever.support.MutableClock;
import com.bestever.support.SiteTest;
import com.bestever.support.TestData;
import com.bestever.system.ContentChanged;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.test.web.servlet.MockMvc;

/**
 * The readers' verdict at scale: a genre's standings counted once and kept (not per request),
 * a page showing one slice of the ranking, and a bounded number of statements per page however
 * many polls the genre has.
 */
@SiteTest
class GenreStandingsTests {

    @Autowired
    MockMvc mvc;

    @Autowired
    PollTesting polls;

    @Autowired
    TestData data;

    @Autowired
    Leaderboard leaderboard;

    @Autowired
    Challengers challengers;

    @Autowired
    MutableClock clock;

    @Autowired
    ApplicationEventPublisher events;

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    VoteQuestion pollWithVotes(Genre genre, long yes, long no) {
        Article review = data.publishedReview();
        VoteQuestion poll = polls.pollUnder(review, question -> question.setGenre(genre));
        polls.setVotes(PollTesting.yes(poll), yes);
        polls.setVotes(PollTesting.no(poll), no);
        return poll;
    }

    /** The page rendered from the database, not served from the page cache. */
    Document rendered(String address) throws Exception {
        events.publishEvent(ContentChanged.everything());
        return verdict(address);
    }

    Document verdict(String address) throws Exception {
        return page(
                mvc.perform(get(address)).andExpect(status().isOk()).andReturn().getResponse());
    }

    @Test
    void aVerdictPageRunsAsManyStatementsWithSixtyPollsAsWithTwo() throws Exception {
        Genre genre = data.genre();
        pollWithVotes(genre, 90, 10);
        pollWithVotes(genre, 5, 5);
        String address = "/best-ever/" + genre.getSlug();
        rendered(address);
        events.publishEvent(ContentChanged.everything());
        long withTwo = JdbcStatements.countDuring(() -> verdict(address));
        for (int i = 0; i < 58; i++) {
            pollWithVotes(genre, 20 + i, 10);
        }
        rendered(address);
        events.publishEvent(ContentChanged.everything());
        long withSixty = JdbcStatements.countDuring(() -> verdict(address));

        // The genre; the due-verdict check (2); the polls with their counts, which reviews are
        // public, commit; the challengers' polls, which reviews are public, their challengers,
        // commit. Counted on every request here (max age 0s), kept a minute on the site.
        assertThat(withTwo).isBetween(5L, 11L);
        assertThat(withSixty).isEqualTo(withTwo);
    }

    @Test
    void aLongVerdictIsShownFiftyFilmsAPageWithItsRanksAndTiesAcrossPages() throws Exception {
        Genre genre = data.genre();
        List<VoteQuestion> made = new ArrayList<>();
        for (int i = 0; i < 55; i++) {
            made.add(pollWithVotes(genre, 500 + 5 * i, 500)); // close shares: every film ties with the one above
        }
        pollWithVotes(genre, 1, 1); // too early to call

        Document first = verdict("/best-ever/" + genre.getSlug());
        Document second = verdict("/best-ever/" + genre.getSlug() + "?page=2");

        assertThat(first.select("ol.verdict-list > li")).hasSize(50);
        assertThat(second.select("ol.verdict-list > li")).hasSize(5);
        assertThat(first.selectFirst(".pagination a[rel=next]").attr("href"))
                .isEqualTo("/best-ever/" + genre.getSlug() + "?page=2");
        assertThat(second.selectFirst(".pagination a[rel=prev]").attr("href"))
                .isEqualTo("/best-ever/" + genre.getSlug());
        assertThat(second.selectFirst(".pagination span").text()).isEqualTo("Page 2 of 2");
        // The first film of page 2 is too close to call with the last of page 1, and shares its rank.
        String lastOfFirst =
                first.select("ol.verdict-list > li").last().selectFirst("cite").text();
        assertThat(second.selectFirst("ol.verdict-list > li .verdict-tie").text())
                .isEqualTo("Too close to call with " + lastOfFirst + ": their 95% intervals overlap.");
        assertThat(second.selectFirst("ol.verdict-list > li").attr("value"))
                .isEqualTo(first.select("ol.verdict-list > li").last().attr("value"));
        assertThat(first.select(".too-early li")).hasSize(1);
        assertThat(second.select(".too-early")).isEmpty();
        assertThat(first.selectFirst(".verdict-as-of time").attr("datetime")).endsWith("Z");
        mvc.perform(get("/best-ever/{slug}?page=3", genre.getSlug())).andExpect(status().isNotFound());
        mvc.perform(get("/best-ever/{slug}?page=0", genre.getSlug())).andExpect(status().isNotFound());
        mvc.perform(get("/best-ever/{slug}?page=abc", genre.getSlug())).andExpect(status().is4xxClientError());
    }

    @Test
    void standingsAreCountedOnceAndKeptUntilDueThenRecountedBehindTheReaderOrAtOnceAfterAChange() throws Exception {
        Genre genre = data.genre();
        VoteQuestion poll = pollWithVotes(genre, 30, 10);
        GenreStandings standings = new GenreStandings(leaderboard, challengers, clock, Duration.ofSeconds(60));

        GenreStandings.Kept counted = standings.of(genre.getId());
        assertThat(counted.verdict().leader().votes()).isEqualTo(40);

        polls.setVotes(PollTesting.yes(poll), 50);
        clock.advance(Duration.ofSeconds(59));
        assertThat(JdbcStatements.countDuring(
                        () -> assertThat(standings.of(genre.getId())).isSameAs(counted)))
                .isZero();

        clock.advance(Duration.ofSeconds(2));
        // Due: the reader gets the previous standings at once, and they are recounted behind it.
        assertThat(standings.of(genre.getId())).isSameAs(counted);
        GenreStandings.Kept recounted = counted;
        for (int i = 0; i < 100 && recounted == counted; i++) {
            Thread.sleep(50);
            recounted = standings.of(genre.getId());
        }
        assertThat(recounted.verdict().leader().votes()).isEqualTo(60);
        assertThat(recounted.asOf()).isEqualTo(clock.instant());

        polls.setVotes(PollTesting.yes(poll), 70);
        standings.contentChanged(new ContentChanged(ContentChanged.Kind.POLL, poll.getId()));
        assertThat(standings.of(genre.getId()).verdict().leader().votes()).isEqualTo(80);
        standings.stop();
    }
}
