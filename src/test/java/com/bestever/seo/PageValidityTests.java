package com.bestever.seo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.bestever.article.Article;
import com.bestever.support.SiteTest;
import com.bestever.support.TestData;
import jakarta.servlet.RequestDispatcher;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;

/** Every public page type, as rendered, passes the Nu Html Checker with zero errors. */
@SiteTest
class PageValidityTests {

    @Autowired
    MockMvc mvc;

    @Autowired
    TestData data;

    @Autowired
    com.bestever.article.ArticleRepository articles;

    @Autowired
    org.springframework.transaction.support.TransactionTemplate transaction;

    @BeforeAll
    static void checkerCatchesErrors() throws Exception {
        // A checker that finds nothing wrong here would prove nothing below.
        assertThat(NuHtmlChecker.errorsIn("<!DOCTYPE html><html lang=en><title>t</title><p><div></p>"))
                .isNotEmpty();
    }

    @Test
    void listingOfFreshReviewsHasNoHtmlErrors() throws Exception {
        // Fresh reviews have sub-second times, which a <time datetime> must not carry beyond milliseconds.
        Article review = data.publishedReview();
        for (String path : List.of(
                "/",
                "/genres/" + review.getGenre().getSlug(),
                "/authors/" + review.getAuthor().getSlug(),
                "/films/" + review.getFilm().getSlug(),
                "/reviews/" + review.getSlug())) {
            String html = mvc.perform(get(path))
                    .andExpect(status().isOk())
                    .andReturn()
                    .getResponse()
                    .getContentAsString(StandardCharsets.UTF_8);
            assertThat(NuHtmlChecker.errorsIn(html))
                    .as("Nu Html Checker errors in " + path)
                    .isEmpty();
        }
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "/",
                "/reviews/the-400-blows",
                "/films/the-400-blows",
                "/authors/philip-dale",
                "/genres/drama",
                "/genres/coming-of-age",
                "/genres"
            })
    void publicPageHasNoHtmlErrors(String path) throws Exception {
        String html = mvc.perform(get(path))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString(StandardCharsets.UTF_8);
        assertThat(NuHtmlChecker.errorsIn(html))
                .as("Nu Html Checker errors in " + path)
                .isEmpty();
    }

    @Test
    void reviewWithReadNextAndTheGonePageHaveNoHtmlErrors() throws Exception {
        Article review = data.publishedReview();
        Article other = data.review(article -> {
            article.setGenre(review.getGenre());
            article.publish(java.time.Instant.now().minusSeconds(120));
        });
        data.review(article -> {
            article.setFilm(review.getFilm());
            article.publish(java.time.Instant.now().minusSeconds(120));
        });
        transaction.executeWithoutResult(status -> {
            articles.bury(other.getId());
            articles.deleteById(other.getId());
        });
        data.publishedReview(); // a change after the delete, as the next save would be
        for (var page : List.of(
                Map.entry("/reviews/" + review.getSlug(), 200), Map.entry("/reviews/" + other.getSlug(), 410))) {
            var response = mvc.perform(get(page.getKey())).andReturn().getResponse();
            assertThat(response.getStatus()).isEqualTo(page.getValue());
            assertThat(NuHtmlChecker.errorsIn(response.getContentAsString(StandardCharsets.UTF_8)))
                    .as("Nu Html Checker errors in " + page.getKey())
                    .isEmpty();
        }
    }

    @Test
    void notFoundPageHasNoHtmlErrors() throws Exception {
        // MockMvc has no servlet container to forward a 404 to /error, so the test does it.
        var response = mvc.perform(get("/error")
                        .accept(MediaType.TEXT_HTML)
                        .requestAttr(RequestDispatcher.ERROR_STATUS_CODE, 404)
                        .requestAttr(RequestDispatcher.ERROR_REQUEST_URI, "/reviews/no-such-review"))
                .andReturn()
                .getResponse();
        String html = response.getContentAsString(StandardCharsets.UTF_8);
        assertThat(response.getStatus()).isEqualTo(404);
        assertThat(html).contains("This page is not here");
        assertThat(NuHtmlChecker.errorsIn(html)).isEmpty();
    }
}
