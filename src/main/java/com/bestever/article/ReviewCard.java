package com.bestever.article;

import com.bestever.system.ContentChanged;
import com.bestever.system.ContentChanged.Kind;
import com.bestever.system.PageTags;
import com.bestever.system.Picture;
import java.time.Instant;
import java.util.List;

/**
 * A review as a listing shows it (home, genre, author and film pages, the feed's entries): the
 * columns the card needs and nothing else, read as one projection, never as entities. Extend it
 * here when a card shows more (a poster), and in {@link ReviewCards}' statement beside it.
 *
 * @param id the review's id
 * @param slug its address, {@code /reviews/{slug}}
 * @param title its title
 * @param pullQuote the dek under the title
 * @param publishAt when it went public
 * @param genre the genre of its kicker
 * @param author its critic
 * @param film its film, with the poster the card shows
 * @param html the card as HTML, as {@link CardHtml} stored it, while that is still what the card
 *     shows now (its digest matches); null when there is none or it is stale
 */
public record ReviewCard(
        long id,
        String slug,
        String title,
        String pullQuote,
        Instant publishAt,
        Named genre,
        Named author,
        CardFilm film,
        StoredHtml html) {

    /**
     * A card as stored: as every list shows it (poster loaded lazily), and as the card heading a
     * listing page shows it (poster loaded at once).
     */
    public record StoredHtml(String lazy, String eager) {

        public String as(boolean eagerPoster) {
            return eagerPoster ? eager : lazy;
        }
    }

    /** A genre or an author as a card links to it. */
    public record Named(long id, String slug, String name) {}

    /** The card's film: its address, its title and its poster (null when it has none). */
    public record CardFilm(long id, String slug, String title, Picture poster) {}

    /** The same card without stored HTML: what {@link CardHtml} renders and digests. */
    ReviewCard withoutHtml() {
        return html == null ? this : new ReviewCard(id, slug, title, pullQuote, publishAt, genre, author, film, null);
    }

    /** The same card with its stored HTML, found current. */
    ReviewCard withHtml(StoredHtml stored) {
        return new ReviewCard(id, slug, title, pullQuote, publishAt, genre, author, film, stored);
    }

    /** Names every card on the page being rendered ({@link PageTags}). */
    static void tagPage(Iterable<ReviewCard> cards) {
        for (ReviewCard card : cards) {
            PageTags.add(card.tags());
        }
    }

    /** What the card shows, as page tags: the review, its genre and its author. */
    public List<String> tags() {
        return List.of(
                ContentChanged.tag(Kind.REVIEW, id),
                ContentChanged.tag(Kind.GENRE, genre.id()),
                ContentChanged.tag(Kind.AUTHOR, author.id()),
                ContentChanged.tag(Kind.FILM, film.id()));
    }
}
