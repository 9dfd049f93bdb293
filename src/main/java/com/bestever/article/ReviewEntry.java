package com.bestever.article;

import com.bestever.genre.Genre;
import java.time.Instant;

/**
 * A review as a feed shows it in full: the columns an Atom entry needs and nothing else, read as
 * one projection, never as entities (no Markdown source, no search vector). Its body is the HTML
 * stored when it was saved ({@link BodyHtml}).
 *
 * @param id the review's id
 * @param slug its address, {@code /reviews/{slug}}
 * @param title its title
 * @param pullQuote the dek under the title
 * @param bodyHtml its body as safe HTML
 * @param verdict its one-line verdict
 * @param publishAt when it went public
 * @param lastChanged when it last changed for readers (its edit, or going public if later)
 * @param genre the genre of its kicker
 * @param author its critic
 */
public record ReviewEntry(
        long id,
        String slug,
        String title,
        String pullQuote,
        String bodyHtml,
        String verdict,
        Instant publishAt,
        Instant lastChanged,
        ReviewCard.Named genre,
        ReviewCard.Named author) {

    /** The kicker of its genre, as the review page shows it: "Best Ever Drama Movie?". */
    public String kicker() {
        return Genre.kickerOf(genre.name());
    }
}
