package com.bestever.article;

import com.bestever.system.Picture;
import java.time.Instant;
import java.util.List;

/**
 * A review's article as its page shows it, from the kicker to the dateline (the poll between them
 * is not part of it): the values the template {@code fragments/review} is given, and nothing else,
 * so that their digest says whether a stored copy ({@link ReviewHtml}) is still what the page shows.
 *
 * @param id the review's id
 * @param title its title
 * @param pullQuote the pull quote under the title
 * @param verdict the critic's verdict, after the body
 * @param publishAt when it went (or goes) public: the dateline
 * @param still the header's still, or null
 * @param genre the genre of its kicker
 * @param author its critic, for the byline
 * @param film its film, for the header's film facts
 * @param bodyHtml its body as safe HTML
 * @param recommendations "Decide for Yourself", in order
 * @param html the article as {@link ReviewHtml} stored it, while that is still what it shows (the
 *     digests match); null when there is none or it is stale
 */
public record ReviewArticle(
        long id,
        String title,
        String pullQuote,
        String verdict,
        Instant publishAt,
        Picture still,
        ReviewCard.Named genre,
        ReviewCard.Named author,
        Film film,
        String bodyHtml,
        List<Article.RecommendationLine> recommendations,
        Parts html) {

    /** The film's facts in the header, and its poster when the review has no still. */
    public record Film(
            String slug, String title, String originalTitle, int releaseYear, List<String> directors, Picture poster) {}

    /** The article as HTML, in its two parts: up to the verdict, and from "Decide for Yourself" to the dateline. */
    public record Parts(String head, String foot) {}

    /** What the page of this review shows of it (its film's directors loaded). */
    static ReviewArticle of(Article review, String bodyHtml) {
        return of(review, bodyHtml, review.getFilm().getDirectors());
    }

    /** What the page of this review shows of it, with its film's directors as read apart from the film. */
    static ReviewArticle of(Article review, String bodyHtml, List<String> directors) {
        var film = review.getFilm();
        return new ReviewArticle(
                review.getId(),
                review.getTitle(),
                review.getPullQuote(),
                review.getVerdict(),
                review.getPublishAt(),
                review.getStill(),
                new ReviewCard.Named(
                        review.getGenre().getId(),
                        review.getGenre().getSlug(),
                        review.getGenre().getName()),
                new ReviewCard.Named(
                        review.getAuthor().getId(),
                        review.getAuthor().getSlug(),
                        review.getAuthor().getName()),
                new Film(
                        film.getSlug(),
                        film.getTitle(),
                        film.getOriginalTitle(),
                        film.getReleaseYear(),
                        List.copyOf(directors),
                        film.getPoster()),
                bodyHtml,
                review.getRecommendations().stream()
                        .map(line -> new Article.RecommendationLine(line.getText(), line.getUrl()))
                        .toList(),
                null);
    }

    /** The same without stored HTML: what {@link ReviewHtml} renders and digests. */
    ReviewArticle withoutHtml() {
        return html == null ? this : withHtml(null);
    }

    /** The same with its stored HTML, found current. */
    ReviewArticle withHtml(Parts stored) {
        return new ReviewArticle(
                id,
                title,
                pullQuote,
                verdict,
                publishAt,
                still,
                genre,
                author,
                film,
                bodyHtml,
                recommendations,
                stored);
    }
}
