package com.bestever.article;

import com.bestever.poll.VoteQuestion;
import java.util.List;

/**
 * Everything the review page shows: the review, its body as safe HTML, its poll (may be null),
 * and where a reader goes next: other public reviews of the same film, and more in its genre.
 */
public record ReviewPage(
        Article article, String bodyHtml, VoteQuestion poll, List<Article> otherOfFilm, List<Article> moreInGenre) {

    /** How many reviews each "read next" list shows at most. */
    static final int NEXT = 3;

    /** Splits the review's public neighbours (newest first) into its two "read next" lists. */
    static ReviewPage of(Article article, String bodyHtml, VoteQuestion poll, List<Article> neighbours) {
        Long filmId = article.getFilm().getId();
        List<Article> ofFilm = neighbours.stream()
                .filter(other -> other.getFilm().getId().equals(filmId))
                .limit(NEXT)
                .toList();
        List<Article> inGenre = neighbours.stream()
                .filter(other -> !other.getFilm().getId().equals(filmId))
                .filter(other ->
                        other.getGenre().getId().equals(article.getGenre().getId()))
                .limit(NEXT)
                .toList();
        return new ReviewPage(article, bodyHtml, poll, ofFilm, inGenre);
    }
}
