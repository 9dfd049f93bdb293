package com.bestever.article;

import com.bestever.system.Picture;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Review cards ({@link ReviewCard}) as the listings read them: one plain SQL statement per list,
 * with each card's stored HTML beside its values, kept only when its digest says it is still what
 * the card shows ({@link CardHtml#digest}). Plain SQL rather than JPQL: a listing needs no
 * entities, and Hibernate's binding of an id list threw (and caught) an exception per page.
 * "Public" is {@code public_from <= :now}, as in {@link ArticleRepository}.
 */
@Repository
class ReviewCards {

    /** A card's columns, genre, author and film joined. */
    private static final String CARD = """
            select a.id, a.slug, a.title, a.pull_quote, a.publish_at, a.public_from,
                   g.id as genre_id, g.slug as genre_slug, g.name as genre_name,
                   au.id as author_id, au.slug as author_slug, au.name as author_name,
                   f.id as film_id, f.slug as film_slug, f.title as film_title,
                   f.poster_key, f.poster_width, f.poster_height, f.poster_alt
              from article a
              join genre g on g.id = a.genre_id
              join author au on au.id = a.author_id
              join film f on f.id = a.film_id
            """;

    private static final String NEWEST_FIRST = " order by a.public_from desc, a.id desc";

    /** {@link #NEWEST_FIRST} over {@link #withStoredHtml}'s rows. */
    private static final String STORED_NEWEST_FIRST = " order by n.public_from desc, n.id desc";

    /** The cards a statement selects, each with its stored HTML if any (joined once, outside the statement's own joins). */
    private static String withStoredHtml(String cards) {
        return "select n.*, c.digest as stored_digest, c.html as stored_html, c.eager_html as stored_eager_html from ("
                + cards + ") n left join review_card c on c.article_id = n.id";
    }

    // The limit is written in, not a parameter: with it as one, PostgreSQL kept planning the
    // statement anew for every page (8 ms each at 100,000 reviews), never settling on a generic plan.
    private static final String NEIGHBOURS = withStoredHtml("(" + CARD + """
             where a.film_id = :filmId and a.id <> :exceptId and a.public_from <= :now
            """ + NEWEST_FIRST + " limit "
                    + ReviewPage.NEXT + ") union all (" + CARD + """
             where a.genre_id = :genreId and a.film_id <> :filmId and a.id <> :exceptId and a.public_from <= :now
            """ + NEWEST_FIRST + " limit " + ReviewPage.NEXT + ")")
            + STORED_NEWEST_FIRST;

    private final JdbcClient jdbc;
    private final CardHtml html;

    ReviewCards(JdbcClient jdbc, CardHtml html) {
        this.jdbc = jdbc;
        this.html = html;
    }

    /** The cards of these reviews, those still public at {@code now} (in no particular order). */
    List<ReviewCard> byIds(Collection<Long> ids, Instant now) {
        return jdbc.sql(withStoredHtml(CARD + " where a.id = any(:ids) and a.public_from <= :now"))
                .param("ids", ids.toArray(Long[]::new))
                .param("now", Timestamp.from(now))
                .query(this::card)
                .list();
    }

    /** The cards of a film's public reviews, newest first (a film has a handful). */
    List<ReviewCard> aboutFilm(long filmId, Instant now) {
        return jdbc.sql(withStoredHtml(CARD + " where a.film_id = :filmId and a.public_from <= :now")
                        + STORED_NEWEST_FIRST)
                .param("filmId", filmId)
                .param("now", Timestamp.from(now))
                .query(this::card)
                .list();
    }

    /**
     * A review page's neighbours, newest first: the newest other public reviews of the same film
     * ("Other reviews of this film"), and the newest public reviews of other films in the same
     * genre ("More in {genre}"), {@link ReviewPage#NEXT} of each. Two short walks of the film's and the
     * genre's indexes: one walk of every review, newest first, until twelve matched read ~1,600
     * buffers per page at 100,000 reviews.
     */
    List<ReviewCard> neighbours(long filmId, long genreId, long exceptId, Instant now) {
        return jdbc.sql(NEIGHBOURS)
                .param("filmId", filmId)
                .param("genreId", genreId)
                .param("exceptId", exceptId)
                .param("now", Timestamp.from(now))
                .query(this::card)
                .list();
    }

    private ReviewCard card(ResultSet rs, int row) throws SQLException {
        String posterKey = rs.getString("poster_key");
        Picture poster = posterKey == null
                ? null
                : new Picture(
                        posterKey, rs.getInt("poster_width"), rs.getInt("poster_height"), rs.getString("poster_alt"));
        ReviewCard card = new ReviewCard(
                rs.getLong("id"),
                rs.getString("slug"),
                rs.getString("title"),
                rs.getString("pull_quote"),
                rs.getTimestamp("publish_at").toInstant(),
                new ReviewCard.Named(rs.getLong("genre_id"), rs.getString("genre_slug"), rs.getString("genre_name")),
                new ReviewCard.Named(rs.getLong("author_id"), rs.getString("author_slug"), rs.getString("author_name")),
                new ReviewCard.CardFilm(
                        rs.getLong("film_id"), rs.getString("film_slug"), rs.getString("film_title"), poster),
                null);
        String storedDigest = rs.getString("stored_digest");
        return storedDigest != null && storedDigest.equals(html.digest(card))
                ? card.withHtml(
                        new ReviewCard.StoredHtml(rs.getString("stored_html"), rs.getString("stored_eager_html")))
                : card;
    }
}
