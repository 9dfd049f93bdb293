package com.bestever.article;

import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * A review card as HTML (templates: {@code fragments/cards :: card}), as {@code @cards} in the
 * listings' templates: the stored copy when there is a current one, else rendered now and stored
 * for the next page that shows it (in the background, in {@code review_card}).
 * <p>
 * Why: a listing page shows twenty cards, and Thymeleaf's evaluation of them was a third of the
 * page's CPU. A stored card is current while its digest equals the digest of the card as it would
 * be rendered now: of every value the template is given (the {@link ReviewCard}, read in the same
 * statement as the stored copy) and of the card template's own text and the site's time zone
 * ({@link StoredRenderings#version}). So a renamed genre, a new poster, an edited template or another zone makes
 * a card stale with no event to miss, and its next reader's page renders it afresh. Each card is
 * stored twice: as lists show it, and as it heads a listing page (home, genre, author), where its
 * poster is loaded at once.
 */
@Component("cards")
public class CardHtml {

    /** The templates the card's HTML is made from; a change to either makes every stored card stale. */
    static final List<String> TEMPLATES = List.of("fragments/cards", "fragments/picture");

    /** Cards waiting to be stored; past this many a rendered card is not kept (the next view renders it again). */
    private static final int WAITING = 5_000;

    private static final int BATCH = 200;

    private final StoredRenderings renderings;
    private final JdbcClient jdbc;
    private final String version;
    private final StoredRenderings.Storing<Rendered> toStore;

    CardHtml(StoredRenderings renderings, JdbcClient jdbc) {
        this.renderings = renderings;
        this.jdbc = jdbc;
        this.version = renderings.version(TEMPLATES);
        this.toStore = renderings.storing("card-store", WAITING, BATCH, Rendered::reviewId, this::store);
    }

    /** The card's HTML: stored, or rendered now (both ways, and then stored). */
    public String html(ReviewCard card, boolean eager) {
        if (card.html() != null) {
            return card.html().as(eager);
        }
        ReviewCard shown = card.withoutHtml();
        ReviewCard.StoredHtml rendered = new ReviewCard.StoredHtml(render(shown, false), render(shown, true));
        toStore.offer(new Rendered(shown.id(), digest(shown), rendered));
        return rendered.as(eager);
    }

    /** The digest a stored copy of this card must carry to be current: of every value it shows, and the templates'. */
    String digest(ReviewCard card) {
        // Picture prints its fields too, so the poster's description is in it.
        return StoredRenderings.digest(version, card.withoutHtml());
    }

    private String render(ReviewCard card, boolean eager) {
        return renderings.render("fragments/cards", "card", Map.of("review", card, "eager", eager));
    }

    /**
     * Stores rendered cards, one per review, in one statement; a card stored meanwhile with another
     * digest is replaced (the reader's check decides).
     */
    private void store(List<Rendered> once) {
        jdbc.sql("""
                        insert into review_card (article_id, digest, html, eager_html)
                        select r.id, r.digest, r.html, r.eager
                          from unnest(:ids, :digests, :htmls, :eagers) as r (id, digest, html, eager)
                         where exists (select 1 from article a where a.id = r.id)
                        on conflict (article_id) do update
                           set digest = excluded.digest, html = excluded.html, eager_html = excluded.eager_html
                         where review_card.digest <> excluded.digest
                        """)
                .param("ids", once.stream().map(Rendered::reviewId).toArray(Long[]::new))
                .param("digests", once.stream().map(Rendered::digest).toArray(String[]::new))
                .param("htmls", once.stream().map(card -> card.html().lazy()).toArray(String[]::new))
                .param("eagers", once.stream().map(card -> card.html().eager()).toArray(String[]::new))
                .update();
    }

    /** Stores every card still waiting (tests); a batch the storing thread has already taken may still be on its way. */
    void flush() {
        toStore.flush();
    }

    /** A card rendered by a page, to be stored. */
    record Rendered(long reviewId, String digest, ReviewCard.StoredHtml html) {}
}
