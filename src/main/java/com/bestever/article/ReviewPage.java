package com.bestever.article;

import com.bestever.poll.VoteQuestion;
import com.bestever.system.ContentChanged;
import com.bestever.system.ContentChanged.Kind;
import java.util.ArrayList;
import java.util.List;

/**
 * Everything the review page shows: the review, its body as safe HTML, its poll (may be null),
 * and where a reader goes next: other public reviews of the same film, and more in its genre.
 */
public record ReviewPage(
        Article article,
        String bodyHtml,
        VoteQuestion poll,
        List<ReviewCard> otherOfFilm,
        List<ReviewCard> moreInGenre) {

    /** How many reviews each "read next" list shows at most. */
    static final int NEXT = 3;

    /** Splits the review's public neighbours (newest first) into its two "read next" lists. */
    static ReviewPage of(Article article, String bodyHtml, VoteQuestion poll, List<ReviewCard> neighbours) {
        long filmId = article.getFilm().getId();
        long genreId = article.getGenre().getId();
        List<ReviewCard> ofFilm = neighbours.stream()
                .filter(other -> other.film().id() == filmId)
                .limit(NEXT)
                .toList();
        List<ReviewCard> inGenre = neighbours.stream()
                .filter(other -> other.film().id() != filmId)
                .filter(other -> other.genre().id() == genreId)
                .limit(NEXT)
                .toList();
        return new ReviewPage(article, bodyHtml, poll, ofFilm, inGenre);
    }

    /** What the page shows, as page tags: the review, its genre, film, author and poll. */
    public List<String> tags() {
        List<String> tags = new ArrayList<>(List.of(
                ContentChanged.tag(Kind.REVIEW, article.getId()),
                ContentChanged.tag(Kind.GENRE, article.getGenre().getId()),
                ContentChanged.tag(Kind.FILM, article.getFilm().getId()),
                ContentChanged.tag(Kind.AUTHOR, article.getAuthor().getId())));
        if (poll != null) {
            tags.add(ContentChanged.tag(Kind.POLL, poll.getId()));
            tags.add(ContentChanged.tag(Kind.GENRE, poll.getGenre().getId()));
        }
        // Its "read next" lists: the film's and the genre's public reviews.
        tags.add(ContentChanged.listing(Kind.FILM, article.getFilm().getId(), Kind.REVIEW));
        tags.add(ContentChanged.listing(Kind.GENRE, article.getGenre().getId(), Kind.REVIEW));
        // Each card names its review, genre, critic and film.
        for (ReviewCard next : otherOfFilm) {
            tags.addAll(next.tags());
        }
        for (ReviewCard next : moreInGenre) {
            tags.addAll(next.tags());
        }
        return tags;
    }
}
