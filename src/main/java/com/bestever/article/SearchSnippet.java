package com.bestever.article;

import com.bestever.genre.Genre;
import java.util.List;

/**
 * The article form's preview of a review in search results, from what the editor typed: the
 * address, the title (theirs, or the review's with its kicker) and the description (theirs, or
 * the pull quote), with how many characters each has against what results usually show.
 * Rendered on the server, so it works without JavaScript; {@code js/snippet.js} keeps it live.
 *
 * @param titleSuffix what follows the review's title when the editor leaves the search title blank
 */
public record SearchSnippet(String url, String title, String description, String titleSuffix) {

    /** About this many characters of a title show in search results. */
    static final int TITLE_SHOWN = 60;
    /** About this many characters of a description show. */
    static final int DESCRIPTION_SHOWN = 155;

    static SearchSnippet of(ArticleForm form, List<Genre> genres, String baseUrl, String siteName) {
        String kicker = genres.stream()
                .filter(genre -> genre.getId().equals(form.getGenreId()))
                .findFirst()
                .map(Genre::kicker)
                .orElse("Best Ever … Movie?");
        String suffix = ": " + kicker + " — " + siteName;
        String title = blank(form.getSeoTitle())
                ? form.getTitle().strip() + suffix
                : form.getSeoTitle().strip();
        String description = blank(form.getSeoDescription())
                ? form.getPullQuote().strip()
                : form.getSeoDescription().strip();
        String slug = blank(form.getSlug()) ? "…" : form.getSlug().strip();
        return new SearchSnippet(baseUrl + "/reviews/" + slug, title, description, suffix);
    }

    public int titleLength() {
        return title.codePointCount(0, title.length());
    }

    public int descriptionLength() {
        return description.codePointCount(0, description.length());
    }

    public boolean titleTooLong() {
        return titleLength() > TITLE_SHOWN;
    }

    public boolean descriptionTooLong() {
        return descriptionLength() > DESCRIPTION_SHOWN;
    }

    private static boolean blank(String text) {
        return text == null || text.isBlank();
    }
}
