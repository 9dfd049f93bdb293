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
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

/** A review card is rendered once and stored; a listing shows the stored copy only while it is what the card shows. */
@SiteTest
class CardHtmlTests {

    @Autowired
    MockMvc mvc;

    @Autowired
    TestData data;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    ApplicationEventPublisher events;

    @Autowired
    CardHtml cards;

    @Test
    void aListingShowsTheStoredCardUntilWhatItShowsChanges() throws Exception {
        Article review = data.publishedReview();
        String filmPage = "/films/" + review.getFilm().getSlug(); // its cards are never the eager first one

        Element rendered = cardOf(page(filmPage), review);
        assertThat(rendered.selectFirst(".card-title a").text()).isEqualTo(review.getTitle());
        cards.flush();
        String stored = eventually(() -> storedHtml(review));
        assertThat(stored).as("the card the page rendered is stored").isNotNull();
        assertThat(Jsoup.parseBodyFragment(stored).selectFirst(".card-title a").attr("href"))
                .isEqualTo("/reviews/" + review.getSlug());

        // A marker no rendering makes: the page shows the stored copy, not a new rendering.
        jdbc.sql(
                        "update review_card set html = replace(html, '</article>', '<p class=\"as-stored\">As stored.</p></article>'),"
                                + " eager_html = replace(eager_html, '</article>', '<p class=\"as-stored\">Heading, as stored.</p></article>')"
                                + " where article_id = ?")
                .param(review.getId())
                .update();
        events.publishEvent(ContentChanged.everything()); // no kept page in the way
        assertThat(cardOf(page(filmPage), review).select(".as-stored").eachText())
                .containsExactly("As stored.");
        // Heading its genre's page (its only review), the card is the stored copy with the eager poster.
        assertThat(cardOf(page("/genres/" + review.getGenre().getSlug()), review)
                        .select(".as-stored")
                        .eachText())
                .containsExactly("Heading, as stored.");

        // Its genre renamed: the stored copy no longer matches, the page renders the card anew and stores it.
        String renamed = "Renamed " + TestData.unique("genre");
        jdbc.sql("update genre set name = ? where id = ?")
                .params(renamed, review.getGenre().getId())
                .update();
        events.publishEvent(ContentChanged.everything());
        Element fresh = cardOf(page(filmPage), review);
        assertThat(fresh.select(".as-stored")).isEmpty();
        assertThat(fresh.selectFirst(".kicker-genre").text()).isEqualTo(renamed + " Movie?");
        cards.flush();
        String restored = eventually(() -> {
            String html = storedHtml(review);
            return html != null && html.contains(renamed) ? html : null;
        });
        assertThat(restored)
                .as("the new rendering replaces the stale copy")
                .isNotNull()
                .doesNotContain("As stored.");
    }

    @Test
    void theDigestCoversEveryValueTheCardShowsDownToThePostersDescription() {
        ReviewCard card = card(new Picture("abc123", 800, 1200, "A boy by the sea"));
        assertThat(cards.digest(card))
                .isEqualTo(cards.digest(card(new Picture("abc123", 800, 1200, "A boy by the sea"))));
        assertThat(cards.digest(card)).isNotEqualTo(cards.digest(card(new Picture("abc123", 800, 1200, "The sea"))));
        assertThat(cards.digest(card)).isNotEqualTo(cards.digest(card(null)));
        assertThat(cards.digest(card.withHtml(
                        new ReviewCard.StoredHtml("<article>stored</article>", "<article>eager</article>"))))
                .as("the stored copy is not part of what the card shows")
                .isEqualTo(cards.digest(card));
    }

    private static ReviewCard card(Picture poster) {
        return new ReviewCard(
                7,
                "the-400-blows",
                "The 400 Blows",
                "A pull quote.",
                Instant.parse("2025-12-09T10:00:00Z"),
                new ReviewCard.Named(1, "drama", "Drama"),
                new ReviewCard.Named(2, "philip-dale", "Philip Dale"),
                new ReviewCard.CardFilm(3, "the-400-blows", "The 400 Blows", poster),
                null);
    }

    private String storedHtml(Article review) {
        return jdbc.sql("select html from review_card where article_id = ?")
                .param(review.getId())
                .query(String.class)
                .optional()
                .orElse(null);
    }

    private Document page(String url) throws Exception {
        return Html.page(mvc.perform(get(url)).andExpect(status().isOk()));
    }

    private static Element cardOf(Document page, Article review) {
        Element link = page.selectFirst("li.card .card-title a[href=/reviews/" + review.getSlug() + "]");
        assertThat(link).as("a card of " + review.getSlug()).isNotNull();
        return link.closest("li.card");
    }
}
