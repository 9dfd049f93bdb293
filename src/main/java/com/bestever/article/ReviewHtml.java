package com.bestever.article;

import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * A review's article as HTML (template {@code fragments/review}), as {@code @reviewHtml} in the
 * review page's template: the stored copy when there is a current one, else rendered now and stored
 * for the next reader (in the background, in {@code review_html}).
 * <p>
 * Why: the article (header with its picture, film facts, body, verdict, recommendations, byline)
 * was the larger part of the Thymeleaf evaluation of a review page, which a page rendered from the
 * database pays on every miss. As with {@link CardHtml}, a stored copy is current while its digest
 * equals the digest of every value the template is given (the {@link ReviewArticle}) and of the
 * templates' text and the zone, so a corrected typo, a renamed genre or an edited template makes it
 * stale with no event to miss.
 */
@Component("reviewHtml")
public class ReviewHtml {

    /** The templates the article's HTML is made from; a change to either makes every stored article stale. */
    static final List<String> TEMPLATES = List.of("fragments/review", "fragments/picture");

    /** The longest part stored (mirrored in V163's check); a longer one is rendered on each view. */
    static final int LONGEST = 1_000_000;

    private static final int WAITING = 1_000;

    private static final int BATCH = 50;

    private final StoredRenderings renderings;
    private final JdbcClient jdbc;
    private final String version;
    private final StoredRenderings.Storing<Rendered> toStore;

    ReviewHtml(StoredRenderings renderings, JdbcClient jdbc) {
        this.renderings = renderings;
        this.jdbc = jdbc;
        this.version = renderings.version(TEMPLATES);
        this.toStore = renderings.storing("review-html-store", WAITING, BATCH, Rendered::reviewId, this::store);
    }

    /** The review's article as HTML: stored, or rendered now (and then stored). */
    public ReviewArticle.Parts html(ReviewArticle review) {
        if (review.html() != null) {
            return review.html();
        }
        ReviewArticle shown = review.withoutHtml();
        ReviewArticle.Parts rendered = new ReviewArticle.Parts(render(shown, "head"), render(shown, "foot"));
        if (rendered.head().length() <= LONGEST && rendered.foot().length() <= LONGEST) {
            toStore.offer(new Rendered(shown.id(), digest(shown), rendered));
        }
        return rendered;
    }

    /**
     * What the page of this public review shows of it, with its stored HTML if that is current: its
     * film's directors and the stored copy are read in one statement (by primary keys), so the film's
     * collection of directors is never loaded for a review page.
     */
    ReviewArticle forPage(Article review, String bodyHtml) {
        Stored stored = jdbc.sql("""
                        select array(select d.name from film_director d
                                      where d.film_id = :film order by d.position) as directors,
                               h.digest, h.head_html, h.foot_html
                          from (values (:review)) as r (id)
                          left join review_html h on h.article_id = r.id
                        """)
                .param("film", review.getFilm().getId())
                .param("review", review.getId())
                .query((row, n) -> new Stored(
                        List.of((String[]) row.getArray("directors").getArray()),
                        row.getString("digest"),
                        new ReviewArticle.Parts(row.getString("head_html"), row.getString("foot_html"))))
                .single();
        ReviewArticle shown = ReviewArticle.of(review, bodyHtml, stored.directors());
        return digest(shown).equals(stored.digest()) ? shown.withHtml(stored.html()) : shown;
    }

    /** A review's directors and its stored article (digest and parts null when none was stored). */
    private record Stored(List<String> directors, String digest, ReviewArticle.Parts html) {}

    /** The digest a stored copy must carry to be current: of every value the article shows, and the templates'. */
    String digest(ReviewArticle review) {
        return StoredRenderings.digest(version, review.withoutHtml());
    }

    private String render(ReviewArticle review, String part) {
        return renderings.render("fragments/review", part, Map.of("review", review));
    }

    /** Stores rendered articles, one per review, in one statement; one stored meanwhile with another digest is replaced. */
    private void store(List<Rendered> once) {
        jdbc.sql("""
                        insert into review_html (article_id, digest, head_html, foot_html)
                        select r.id, r.digest, r.head, r.foot
                          from unnest(:ids, :digests, :heads, :feet) as r (id, digest, head, foot)
                         where exists (select 1 from article a where a.id = r.id)
                        on conflict (article_id) do update
                           set digest = excluded.digest, head_html = excluded.head_html, foot_html = excluded.foot_html
                         where review_html.digest <> excluded.digest
                        """)
                .param("ids", once.stream().map(Rendered::reviewId).toArray(Long[]::new))
                .param("digests", once.stream().map(Rendered::digest).toArray(String[]::new))
                .param(
                        "heads",
                        once.stream().map(article -> article.html().head()).toArray(String[]::new))
                .param(
                        "feet",
                        once.stream().map(article -> article.html().foot()).toArray(String[]::new))
                .update();
    }

    /** Stores every article still waiting (tests); a batch the storing thread has already taken may still be on its way. */
    void flush() {
        toStore.flush();
    }

    /** An article rendered by a page, to be stored. */
    record Rendered(long reviewId, String digest, ReviewArticle.Parts html) {}
}
