package com.bestever.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

import com.bestever.article.Article;
import com.bestever.poll.VoteQuestion;
import com.bestever.support.SiteTest;
import com.bestever.support.TestData;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;

/**
 * Without a purger (the default): every public page names its content in {@code Surrogate-Key},
 * on the first render and when served from memory, and the edge keeps it no longer than a browser.
 */
@SiteTest
class EdgeTagsTests {

    @Autowired
    MockMvc mvc;

    @Autowired
    TestData data;

    @Autowired
    PublicPageCache cache;

    MockHttpServletResponse fetch(String path) throws Exception {
        return mvc.perform(get(path)).andReturn().getResponse();
    }

    static List<String> keys(MockHttpServletResponse response) {
        String header = response.getHeader("Surrogate-Key");
        assertThat(header).as("Surrogate-Key").isNotNull();
        return Arrays.asList(header.split(" "));
    }

    @Test
    void aReviewPageNamesItsReviewFilmAuthorGenreAndPollFreshAndKept() throws Exception {
        Article review = data.publishedReview();
        VoteQuestion poll = data.pollFor(review);
        String page = "/reviews/" + review.getSlug();

        MockHttpServletResponse fresh = fetch(page);
        MockHttpServletResponse kept = fetch(page);

        assertThat(cache.tagsOf(page)).as("kept").isNotNull();
        for (MockHttpServletResponse response : List.of(fresh, kept)) {
            assertThat(keys(response))
                    .startsWith(EdgeHeaders.SITE)
                    .contains(
                            "review-" + review.getId(),
                            "film-" + review.getFilm().getId(),
                            "author-" + review.getAuthor().getId(),
                            "genre-" + review.getGenre().getId(),
                            "poll-" + poll.getId());
            assertThat(response.getHeader("Cache-Control"))
                    .isEqualTo("public, max-age=60, stale-while-revalidate=600, stale-if-error=86400");
            assertThat(response.getHeader("Surrogate-Control"))
                    .as("no edge lifetime without a purger")
                    .isNull();
        }
        assertThat(keys(kept)).containsExactlyInAnyOrderElementsOf(keys(fresh));
    }

    @Test
    void aListingNamesEachCardsContent() throws Exception {
        Article review = data.publishedReview();

        List<String> home = keys(fetch("/"));
        List<String> genre = keys(fetch("/genres/" + review.getGenre().getSlug()));

        assertThat(home)
                .contains(
                        "reviews",
                        "review-" + review.getId(),
                        "film-" + review.getFilm().getId());
        assertThat(genre).contains("genre-" + review.getGenre().getId() + "-reviews", "review-" + review.getId());
    }

    @Test
    void pagesWithLiveStandingsSaySo() throws Exception {
        Article review = data.publishedReview();
        data.pollFor(review);

        assertThat(keys(fetch("/films/" + review.getFilm().getSlug()))).contains(PageTags.LIVE_STANDINGS);
        assertThat(keys(fetch("/best-ever/" + review.getGenre().getSlug()))).contains(PageTags.LIVE_STANDINGS);
        assertThat(keys(fetch("/best-ever"))).contains(PageTags.LIVE_STANDINGS, "polls");
        assertThat(keys(fetch("/reviews/" + review.getSlug()))).doesNotContain(PageTags.LIVE_STANDINGS);
    }

    @Test
    void aMissingPageIsNeverStored() throws Exception {
        MockHttpServletResponse missing = fetch("/reviews/" + TestData.unique("not-yet"));

        assertThat(missing.getStatus()).isEqualTo(404);
        assertThat(missing.getHeader("Cache-Control")).contains("no-store");
        assertThat(missing.getHeader("Surrogate-Key")).isNull();
    }
}
