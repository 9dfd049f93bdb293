package com.bestever.poll;

import static com.bestever.poll.PollTesting.no;
import static com.bestever.poll.PollTesting.yes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.bestever.article.Article;
import com.bestever.support.Html;
import com.bestever.support.MutableClock;
import com.bestever.support.SiteTest;
import com.bestever.support.TestData;
import com.bestever.system.ContentChanged;
import java.sql.Date;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

/** A poll's share over time: daily snapshots, written once a day, and the SVG chart drawn from them. */
@SiteTest
class ShareHistoryTests {

    @Autowired
    MockMvc mvc;

    @Autowired
    PollTesting polls;

    @Autowired
    TestData data;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    MutableClock clock;

    @Autowired
    ShareHistory history;

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    LocalDate today() {
        return LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
    }

    void snapshot(VoteQuestion poll, LocalDate day, long yesVotes, long noVotes) {
        for (long[] option : new long[][] {{yes(poll), yesVotes}, {no(poll), noVotes}}) {
            jdbc.sql("""
                            insert into poll_share_snapshot (question_id, round, day, option_id, votes, total)
                            values (?, 1, ?, ?, ?, ?)
                            """)
                    .params(poll.getId(), Date.valueOf(day), option[0], option[1], yesVotes + noVotes)
                    .update();
        }
    }

    long snapshotRows(VoteQuestion poll) {
        return jdbc.sql("select count(*) from poll_share_snapshot where question_id = ?")
                .param(poll.getId())
                .query(Long.class)
                .single();
    }

    Document page(String url) throws Exception {
        return Html.page(
                mvc.perform(get(url)).andExpect(status().isOk()).andReturn().getResponse());
    }

    @Autowired
    org.springframework.context.ConfigurableApplicationContext context;

    @Test
    void theChartDrawsTheLeadingShareOfEachDayByDate() throws Exception {
        Article review = data.publishedReview();
        VoteQuestion poll = polls.pollUnder(
                review, question -> question.setOpensAt(clock.instant().minus(Duration.ofDays(10))));
        snapshot(poll, today().minusDays(4), 2, 2); // 50%
        snapshot(poll, today().minusDays(3), 0, 0); // no votes that day: no point
        snapshot(poll, today().minusDays(2), 6, 4); // 60%
        polls.setVotes(yes(poll), 12); // today, taken when the chart is first read: 75%
        polls.setVotes(no(poll), 4);
        String label = polls.reload(poll).getOptions().get(0).getLabel();

        Document results = page("/polls/" + poll.getId() + "/results");

        assertThat(results.selectFirst(".share-chart .share-line").attr("points"))
                .isEqualTo("0.0,50.0 150.0,40.0 300.0,25.0");
        assertThat(results.selectFirst(".share-chart .share-last").attr("cx")).isEqualTo("300.0");
        assertThat(results.selectFirst(".share-chart .share-last").attr("cy")).isEqualTo("25.0");
        assertThat(results.selectFirst(".share-chart svg").hasAttr("style")).isFalse();
        assertThat(results.selectFirst(".share-chart figcaption").text())
                .startsWith("Share of “" + label + "” over time: 50% on ")
                .contains(", 75% on ")
                .endsWith("(one point a day).");
        assertThat(page("/reviews/" + review.getSlug())
                        .selectFirst("#poll-" + poll.getId() + " .share-chart .share-line")
                        .attr("points"))
                .isEqualTo("0.0,50.0 150.0,40.0 300.0,25.0");
    }

    @Test
    void theChartFollowsTheOptionLeadingOnTheLatestDay() {
        VoteQuestion poll = polls.pollUnder(
                data.publishedReview(),
                question -> question.setOpensAt(clock.instant().minus(Duration.ofDays(10))));
        snapshot(poll, today().minusDays(1), 3, 1);
        polls.setVotes(yes(poll), 3);
        polls.setVotes(no(poll), 7);

        ShareHistory.Chart chart = history.chart(poll.getId());

        assertThat(chart.label())
                .isEqualTo(polls.reload(poll).getOptions().get(1).getLabel());
        assertThat(chart.polyline()).isEqualTo("0.0,75.0 300.0,30.0");
    }

    @Test
    void aDaysSnapshotIsWrittenOnceWhoeverAsksAndTheNextDayGetsItsOwn() {
        VoteQuestion poll = polls.openPoll();
        polls.setVotes(yes(poll), 5);

        history.snapshotToday();
        polls.setVotes(yes(poll), 9);
        history.snapshotToday();
        history.chart(poll.getId());

        assertThat(snapshotRows(poll)).isEqualTo(2); // two options, one day
        assertThat(history.chart(poll.getId()).last().votes())
                .as("the day's first snapshot stays")
                .isEqualTo(5);

        clock.set(clock.instant().plus(Duration.ofDays(1)));
        history.chart(poll.getId());
        assertThat(snapshotRows(poll)).isEqualTo(4);
        assertThat(history.chart(poll.getId()).last().votes()).isEqualTo(9);
    }

    /** The daily job changes charts with nobody saving: their pages are announced as changed. */
    @Test
    void theDailySnapshotAnnouncesThePollsWhoseChartGainedAPoint() {
        VoteQuestion poll = polls.openPoll();
        polls.setVotes(yes(poll), 3);
        List<ContentChanged> announced = new java.util.concurrent.CopyOnWriteArrayList<>();
        context.addApplicationListener(
                ApplicationListener.forPayload((ContentChanged change) -> announced.add(change)));

        history.snapshotToday();

        assertThat(announced)
                .anySatisfy(change ->
                        assertThat(change.tags()).contains(ContentChanged.tag(ContentChanged.Kind.POLL, poll.getId())));
    }

    @Test
    void aPollThatKeepsItsStandingsUntilItClosesShowsNoChartOnItsReview() throws Exception {
        Article review = data.publishedReview();
        VoteQuestion poll = polls.pollUnder(review, question -> question.setResultsShown(ResultsShown.AFTER_CLOSE));
        polls.setVotes(yes(poll), 5);
        history.snapshotToday();

        assertThat(page("/reviews/" + review.getSlug()).select("#poll-" + poll.getId() + " .share-chart"))
                .isEmpty();
        assertThat(page("/polls/" + poll.getId() + "/results").select(".share-chart"))
                .isEmpty();
    }
}
