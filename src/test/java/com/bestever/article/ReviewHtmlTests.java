package com.bestever.article;

import static com.bestever.support.Eventually.eventually;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.bestever.support.Html;
import com.bestever.support.SiteTest;
import com.bestever.support.TestData;
import com.bestever.system.ContentChanged;
import com.bestever.system.Picture;
import java.time.Instant;
import java.util.List;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

/** A review's article is rendered once and stored; its page shows the stored copy only while it is what the article shows. */
@SiteTest
class ReviewHtmlTests {

    @Autowired
    MockMvc mvc;

    @Autowired
    TestData data;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    ApplicationEventPublisher events;

    @Autowired
    ReviewHtml reviewHtml;

    @Test
    void theStoredArticleIsTheArticleAsRendered() throws Exception {
        Article review = data.publishedReview();
        Element rendered = articleOf(page(review));
        reviewHtml.flush();
        assertThat(eventually(() -> storedHead(review)))
                .as("the article the page rendered is stored")
                .isNotNull();

        events.publishEvent(ContentChanged.everything()); // no kept page in the way
        Element fromStore = articleOf(page(review));
        assertThat(fromStore.outerHtml()).isEqualTo(rendered.outerHtml());
        assertThat(fromStore.selectFirst("h1.review-title").text()).isEqualTo(review.getTitle());
        assertThat(fromStore.selectFirst(".verdict").text()).isEqualTo(review.getVerdict());
        assertThat(fromStore.selectFirst(".byline a").attr("href"))
                .isEqualTo("/authors/" + review.getAuthor().getSlug());
        assertThat(fromStore.selectFirst(".kicker a").attr("href"))
                .isEqualTo("/genres/" + review.getGenre().getSlug());
        assertThat(fromStore.selectFirst(".film-facts a").attr("href"))
                .isEqualTo("/films/" + review.getFilm().getSlug());
    }

    @Test
    void thePageShowsTheStoredArticleUntilWhatItShowsChanges() throws Exception {
        Article review = data.publishedReview();
        page(review);
        reviewHtml.flush();
        eventually(() -> storedHead(review));

        // Markers no rendering makes, in both parts: the page shows the stored copy, around its poll.
        jdbc.sql("""
                        update review_html
                           set head_html = replace(head_html, '<p class="verdict">', '<p class="as-stored">Head, as stored.</p><p class="verdict">'),
                               foot_html = replace(foot_html, '</footer>', '<p class="as-stored">Foot, as stored.</p></footer>')
                         where article_id = ?
                        """).param(review.getId()).update();
        events.publishEvent(ContentChanged.everything());
        assertThat(articleOf(page(review)).select(".as-stored").eachText())
                .containsExactly("Head, as stored.", "Foot, as stored.");

        // The critic renamed: the stored copy no longer matches; the page renders the article anew and stores it.
        String renamed = "Renamed " + TestData.unique("critic");
        jdbc.sql("update author set name = ? where id = ?")
                .params(renamed, review.getAuthor().getId())
                .update();
        events.publishEvent(ContentChanged.everything());
        Element fresh = articleOf(page(review));
        assertThat(fresh.select(".as-stored")).isEmpty();
        assertThat(fresh.selectFirst(".byline a").text()).isEqualTo(renamed);
        reviewHtml.flush();
        String restored = eventually(() -> {
            String foot = storedFoot(review);
            return foot != null && foot.contains(renamed) ? foot : null;
        });
        assertThat(restored)
                .as("the new rendering replaces the stale copy")
                .isNotNull()
                .doesNotContain("Foot, as stored.");
    }

    @Test
    void theDigestCoversEveryValueTheArticleShowsDownToTheStillsDescription() {
        ReviewArticle article = article(new Picture("abc123", 1600, 900, "A boy by the sea"), "The verdict.");
        assertThat(reviewHtml.digest(article))
                .isEqualTo(reviewHtml.digest(
                        article(new Picture("abc123", 1600, 900, "A boy by the sea"), "The verdict.")));
        assertThat(reviewHtml.digest(article))
                .isNotEqualTo(reviewHtml.digest(article(new Picture("abc123", 1600, 900, "The sea"), "The verdict.")));
        assertThat(reviewHtml.digest(article)).isNotEqualTo(reviewHtml.digest(article(null, "The verdict.")));
        assertThat(reviewHtml.digest(article))
                .isNotEqualTo(reviewHtml.digest(
                        article(new Picture("abc123", 1600, 900, "A boy by the sea"), "The verdict!")));
        assertThat(reviewHtml.digest(
                        article.withHtml(new ReviewArticle.Parts("<header>stored</header>", "<footer></footer>"))))
                .as("the stored copy is not part of what the article shows")
                .isEqualTo(reviewHtml.digest(article));
    }

    private static ReviewArticle article(Picture still, String verdict) {
        return new ReviewArticle(
                7,
                "The 400 Blows",
                "A pull quote.",
                verdict,
                Instant.parse("2025-12-09T10:00:00Z"),
                still,
                new ReviewCard.Named(1, "drama", "Drama"),
                new ReviewCard.Named(2, "philip-dale", "Philip Dale"),
                new ReviewArticle.Film(
                        "the-400-blows",
                        "The 400 Blows",
                        "Les Quatre Cents Coups",
                        1959,
                        List.of("François Truffaut"),
                        null),
                "<p>The body.</p>",
                List.of(new Article.RecommendationLine("Watch it", "https://example.com/")),
                null);
    }

    private String storedHead(Article review) {
        return jdbc.sql("select head_html from review_html where article_id = ?")
                .param(review.getId())
                .query(String.class)
                .optional()
                .orElse(null);
    }

    private String storedFoot(Article review) {
        return jdbc.sql("select foot_html from review_html where article_id = ?")
                .param(review.getId())
                .query(String.class)
                .optional()
                .orElse(null);
    }

    private Document page(Article review) throws Exception {
        return Html.page(mvc.perform(get("/reviews/" + review.getSlug())).andExpect(status().isOk()));
    }

    private static Element articleOf(Document page) {
        Element article = page.selectFirst("article.review");
        assertThat(article).as("the review's article").isNotNull();
        return article;
    }
}
