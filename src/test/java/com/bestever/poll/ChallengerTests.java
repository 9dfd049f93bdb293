package com.bestever.poll;

import static com.bestever.poll.PollTesting.no;
import static com.bestever.poll.PollTesting.vote;
import static com.bestever.poll.PollTesting.voted;
import static com.bestever.poll.PollTesting.yes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.bestever.admin.Role;
import com.bestever.article.Article;
import com.bestever.seo.NuHtmlChecker;
import com.bestever.support.Html;
import com.bestever.support.MutableClock;
import com.bestever.support.SiteTest;
import com.bestever.support.TestAccounts;
import com.bestever.support.TestData;
import jakarta.servlet.http.Cookie;
import java.time.Duration;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/** Challengers: a reader who voted "no" names the film they would put first, once; editors moderate typed titles. */
@SiteTest
class ChallengerTests {

    @Autowired
    MockMvc mvc;

    @Autowired
    PollTesting polls;

    @Autowired
    TestData data;

    @Autowired
    TestAccounts accounts;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    MutableClock clock;

    /** A poll, and a second review with a poll in the same genre: its film is a contender. */
    record Genre(Article review, VoteQuestion poll, Article other, VoteQuestion rival) {}

    Genre genre() {
        Article review = data.publishedReview();
        VoteQuestion poll = polls.pollUnder(review, question -> {});
        Article other = data.review(article -> {
            article.setGenre(review.getGenre());
            article.publish(clock.instant().minus(Duration.ofMinutes(1)));
        });
        VoteQuestion rival = polls.pollUnder(other, question -> {});
        return new Genre(review, poll, other, rival);
    }

    /** A reader who voted this answer in the poll: their cookie. */
    Cookie reader(VoteQuestion poll, long option) throws Exception {
        Cookie reader = polls.newVoterCookie();
        voted(mvc, vote(poll, option).cookie(reader)).andExpect(status().isSeeOther());
        return reader;
    }

    static MockHttpServletRequestBuilder name(VoteQuestion poll, Cookie reader) {
        var request = post("/polls/{id}/challengers", poll.getId())
                .header("Origin", "http://localhost")
                .with(PollTesting.fromNewAddress());
        return reader == null ? request : request.cookie(reader);
    }

    Document results(VoteQuestion poll, Cookie reader) throws Exception {
        return Html.page(mvc.perform(get("/polls/{id}/results", poll.getId()).cookie(reader))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse());
    }

    Document page(String url) throws Exception {
        return Html.page(
                mvc.perform(get(url)).andExpect(status().isOk()).andReturn().getResponse());
    }

    String html(String url, org.springframework.test.web.servlet.request.RequestPostProcessor who) throws Exception {
        var request = get(url);
        return mvc.perform(who == null ? request : request.with(who))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString(java.nio.charset.StandardCharsets.UTF_8);
    }

    @Test
    void aReaderWhoVotedNoNamesASiteFilmOnceAndTheLeaderboardShowsIt() throws Exception {
        Genre genre = genre();
        Cookie reader = reader(genre.poll(), no(genre.poll()));
        String rivalTitle = genre.other().getFilm().getTitle();

        Document before = results(genre.poll(), reader);
        assertThat(before.select(".challenger-form select option").eachText())
                .contains(rivalTitle + " (" + genre.other().getFilm().getReleaseYear() + ")")
                .noneMatch(text -> text.startsWith(genre.review().getFilm().getTitle() + " ("));
        assertThat(before.selectFirst(".challenger-form").attr("action"))
                .isEqualTo("/polls/" + genre.poll().getId() + "/challengers");
        assertThat(before.select(".challenger-form input[name=_csrf]")).isEmpty();
        assertThat(NuHtmlChecker.errorsIn(mvc.perform(
                                get("/polls/{id}/results", genre.poll().getId()).cookie(reader))
                        .andReturn()
                        .getResponse()
                        .getContentAsString(java.nio.charset.StandardCharsets.UTF_8)))
                .isEmpty();

        mvc.perform(name(genre.poll(), reader)
                        .param("film", String.valueOf(genre.other().getFilm().getId())))
                .andExpect(status().isSeeOther())
                .andExpect(header().string("Location", "/polls/" + genre.poll().getId() + "/results"));

        Document after = results(genre.poll(), reader);
        assertThat(after.selectFirst(".poll-challenger strong").text()).isEqualTo(rivalTitle);
        assertThat(after.select(".challenger-form")).isEmpty();
        String again = mvc.perform(name(genre.poll(), reader).param("title", "Another film"))
                .andExpect(status().isConflict())
                .andReturn()
                .getResponse()
                .getContentAsString();
        assertThat(org.jsoup.Jsoup.parse(again).selectFirst(".problem-message").text())
                .isEqualTo("You have already named your challenger in this poll: one per reader.");
        assertThatThrownBy(() -> jdbc.sql("""
                                insert into challenger (question_id, voter_id, title, status)
                                select question_id, voter_id, 'Twice', 'PENDING' from challenger where question_id = ?
                                """).param(genre.poll().getId()).update())
                .as("the database holds one per reader too")
                .isInstanceOf(DataIntegrityViolationException.class);

        Document leaderboard = page("/best-ever/" + genre.review().getGenre().getSlug());
        assertThat(leaderboard.selectFirst(".challenger-list li").text()).isEqualTo(rivalTitle + " · 1 reader");
        assertThat(leaderboard.selectFirst(".challenger-list a").attr("href"))
                .isEqualTo("/films/" + genre.other().getFilm().getSlug());
    }

    @Test
    void onlyAReaderWhoseVoteSaysNoNamesOne() throws Exception {
        Genre genre = genre();
        Cookie yesReader = reader(genre.poll(), yes(genre.poll()));
        String film = String.valueOf(genre.other().getFilm().getId());

        assertThat(results(genre.poll(), yesReader).select(".challenger-form")).isEmpty();
        mvc.perform(name(genre.poll(), yesReader).param("film", film)).andExpect(status().isConflict());
        mvc.perform(name(genre.poll(), null).param("film", film)).andExpect(status().isForbidden());
        mvc.perform(name(genre.poll(), polls.newVoterCookie()).param("film", film))
                .andExpect(status().isConflict());
        Cookie noReader = reader(genre.poll(), no(genre.poll()));
        mvc.perform(post("/polls/{id}/challengers", genre.poll().getId())
                        .header("Origin", "https://elsewhere.example")
                        .cookie(noReader)
                        .param("film", film))
                .andExpect(status().isForbidden());
        mvc.perform(name(genre.poll(), noReader).param("film", film)).andExpect(status().isSeeOther());
        assertThat(jdbc.sql("select count(*) from challenger where question_id = ?")
                        .param(genre.poll().getId())
                        .query(Long.class)
                        .single())
                .isEqualTo(1);
    }

    @Test
    void badInputIsRefusedWithA400ThatSaysWhy() throws Exception {
        Genre genre = genre();
        Cookie reader = reader(genre.poll(), no(genre.poll()));
        String film = String.valueOf(genre.other().getFilm().getId());

        for (MockHttpServletRequestBuilder bad : java.util.List.of(
                name(genre.poll(), reader),
                name(genre.poll(), reader).param("title", "   "),
                name(genre.poll(), reader).param("film", film).param("title", "Both"),
                name(genre.poll(), reader).param("film", "not-a-number"),
                name(genre.poll(), reader)
                        .param("film", String.valueOf(genre.review().getFilm().getId())),
                name(genre.poll(), reader).param("title", "x".repeat(Challengers.TITLE_MAX + 1)))) {
            String page = mvc.perform(bad)
                    .andExpect(status().isBadRequest())
                    .andReturn()
                    .getResponse()
                    .getContentAsString();
            assertThat(org.jsoup.Jsoup.parse(page).selectFirst("h1").text())
                    .isEqualTo("Your challenger was not recorded");
        }
        // A control character is refused at the site's edge, like anywhere (TextRule).
        mvc.perform(name(genre.poll(), reader).param("title", "Nul\u0000here")).andExpect(status().isBadRequest());
        mvc.perform(name(genre.poll(), reader).param("title", "x".repeat(Challengers.TITLE_MAX)))
                .andExpect(status().isSeeOther());
    }

    @Test
    void aTypedTitleWaitsForAnEditorThenCountsWithItsOtherSpellings() throws Exception {
        Genre genre = genre();
        String unique = "Film " + genre.poll().getId();
        mvc.perform(name(genre.poll(), reader(genre.poll(), no(genre.poll()))).param("title", unique))
                .andExpect(status().isSeeOther());
        mvc.perform(name(genre.poll(), reader(genre.poll(), no(genre.poll())))
                        .param("title", "  " + unique.toUpperCase() + " "))
                .andExpect(status().isSeeOther());
        String slug = genre.review().getGenre().getSlug();
        assertThat(page("/best-ever/" + slug).select(".challenger-list")).isEmpty();

        var writer = accounts.signedIn(Role.WRITER);
        Document desk = Html.page(mvc.perform(get("/admin/challengers").with(writer))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse());
        var row = desk.select(".challengers-pending tbody tr").stream()
                .filter(tr -> tr.selectFirst(".pending-title").text().equalsIgnoreCase(unique))
                .findFirst()
                .orElseThrow();
        assertThat(row.selectFirst(".pending-readers").text()).isEqualTo("2");
        String genreId = String.valueOf(genre.review().getGenre().getId());
        mvc.perform(post("/admin/challengers/approve")
                        .param("genre", genreId)
                        .param("title", unique)
                        .with(csrf())
                        .with(writer))
                .andExpect(status().isForbidden());
        mvc.perform(post("/admin/challengers/approve")
                        .param("genre", genreId)
                        .param("title", unique)
                        .with(accounts.signedIn(Role.EDITOR)))
                .andExpect(status().isForbidden()); // no CSRF token
        mvc.perform(post("/admin/challengers/approve")
                        .param("title", unique)
                        .with(csrf())
                        .with(accounts.signedIn(Role.EDITOR)))
                .andExpect(status().isBadRequest());
        mvc.perform(post("/admin/challengers/approve")
                        .param("genre", "not-a-genre")
                        .param("title", unique)
                        .with(csrf())
                        .with(accounts.signedIn(Role.EDITOR)))
                .andExpect(status().isBadRequest());
        mvc.perform(post("/admin/challengers/approve")
                        .param("genre", genreId)
                        .param("title", unique)
                        .with(csrf())
                        .with(accounts.signedIn(Role.EDITOR)))
                .andExpect(status().is3xxRedirection());

        assertThat(page("/best-ever/" + slug).selectFirst(".challenger-list li").text())
                .isEqualTo(unique + " · 2 readers");
        Document candidates = Html.page(mvc.perform(get("/admin/challengers").with(writer))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse());
        assertThat(candidates.select(".candidates li").eachText()).contains(unique + " · 2 readers");
        assertThat(NuHtmlChecker.errorsIn(html("/admin/challengers", writer))).isEmpty();
        assertThat(NuHtmlChecker.errorsIn(html("/best-ever/" + slug, null))).isEmpty();
    }
}
