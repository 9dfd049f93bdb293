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
        for (Article next : otherOfFilm) {
            tags.add(ContentChanged.tag(Kind.REVIEW, next.getId()));
        }
        for (Article next : moreInGenre) {
            tags.add(ContentChanged.tag(Kind.REVIEW, next.getId()));
        }
        return tags;
    }
}
