package com.bestever.article;

import static com.bestever.system.JsonLd.thing;
import static com.bestever.system.JsonLd.time;

import com.bestever.author.Author;
import com.bestever.film.Film;
import com.bestever.genre.Genre;
import com.bestever.system.BestEverProperties;
import com.bestever.system.JsonLd;
import com.bestever.system.PageMeta;
import com.bestever.system.Picture;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.data.domain.Page;
import org.springframework.stereotype.Service;

/**
 * Builds the head of each page that shows reviews (home, review, film, author, genre) from what
 * the page shows. Every URL in it is absolute,
 * from {@code bestever.base-url}; a listing's page 2+ is its own canonical ({@code ?page=2}),
 * any other query string is dropped.
 */
@Service
class PageHeads {

    private final BestEverProperties site;
    private final JsonLd jsonLd;

    PageHeads(BestEverProperties site, JsonLd jsonLd) {
        this.site = site;
        this.jsonLd = jsonLd;
    }

    /** The home page: the latest reviews; its first page also describes the site and its search. */
    public PageMeta home(Page<?> latest) {
        int page = latest.getNumber() + 1;
        String canonical = listing("/", page);
        String title = page == 1
                ? site.siteName() + " — the best film of every genre, and you tell us"
                : "Latest reviews, page " + page + " — " + site.siteName();
        String description = page == 1
                ? site.siteName()
                        + " argues, one essay at a time, which film is the best ever of its genre — and then asks its readers to vote."
                : "Page " + page + " of the latest " + site.siteName() + " reviews, newest first.";
        Map<String, Object> webSite = thing(
                "WebSite",
                "@id",
                site.absolute("/#website"),
                "name",
                site.siteName(),
                "url",
                site.absolute("/"),
                "description",
                description,
                "inLanguage",
                "en",
                "publisher",
                publisher(),
                "potentialAction",
                thing(
                        "SearchAction",
                        "target",
                        thing("EntryPoint", "urlTemplate", site.absolute("/search?q={search_term_string}")),
                        "query-input",
                        "required name=search_term_string"));
        return PageMeta.page(title, description, canonical, jsonLd.graph(List.of(webSite)));
    }

    /** A review: a critic's Review of a Movie, and the breadcrumb Home › Genre › Review. */
    public PageMeta review(ReviewPage page) {
        Article review = page.article();
        Film film = review.getFilm();
        Genre genre = review.getGenre();
        String canonical = site.absolute("/reviews/" + review.getSlug());
        String authorUrl = site.absolute("/authors/" + review.getAuthor().getSlug());
        Instant modified = review.lastChanged();
        Map<String, Object> reviewLd = thing(
                "Review",
                "@id",
                canonical + "#review",
                "url",
                canonical,
                "headline",
                review.getTitle(),
                "name",
                review.getTitle() + ": " + genre.kicker(),
                "description",
                review.getPullQuote(),
                "inLanguage",
                "en",
                "datePublished",
                time(review.getPublishAt()),
                "dateModified",
                time(modified),
                "author",
                thing("Person", "name", review.getAuthor().getName(), "url", authorUrl),
                "publisher",
                publisher(),
                "itemReviewed",
                movie(film, false),
                "mainEntityOfPage",
                canonical);
        Map<String, Object> breadcrumbs = thing(
                "BreadcrumbList",
                "itemListElement",
                List.of(
                        crumb(1, site.siteName(), site.absolute("/")),
                        crumb(2, genre.kicker(), site.absolute("/genres/" + genre.getSlug())),
                        crumb(3, review.getTitle(), canonical)));
        Picture shared = review.sharedPicture();
        if (shared != null) {
            reviewLd.put("image", imageUrl(shared));
        }
        return shared(
                new PageMeta(
                        searchTitle(review),
                        searchDescription(review),
                        canonical,
                        "article",
                        null,
                        review.getPublishAt(),
                        modified,
                        authorUrl,
                        jsonLd.graph(List.of(reviewLd, breadcrumbs)),
                        review.isNoindex(),
                        null,
                        null),
                shared);
    }

    /** The title a review shows search results and share cards: its editor's, or the review's with its kicker. */
    String searchTitle(Article review) {
        return review.getSeoTitle() != null
                ? review.getSeoTitle()
                : review.getTitle() + ": " + review.getGenre().kicker() + " — " + site.siteName();
    }

    /** The description a review shows search results: its editor's, or its pull quote. */
    static String searchDescription(Article review) {
        return review.getSeoDescription() != null ? review.getSeoDescription() : review.getPullQuote();
    }

    /** A film's page: the Movie. */
    public PageMeta film(Film film, List<?> reviews) {
        String canonical = site.absolute("/films/" + film.getSlug());
        String directed =
                film.getDirectors().isEmpty() ? "" : ", directed by " + String.join(", ", film.getDirectors());
        String description = film.getTitle() + " (" + film.getReleaseYear() + ")" + directed + ": the facts, the "
                + site.siteName() + " reviews and the readers’ polls.";
        Map<String, Object> movie = movie(film, true);
        movie.put("description", description);
        PageMeta meta = shared(
                PageMeta.page(
                        film.getTitle() + " (" + film.getReleaseYear() + ") — " + site.siteName(),
                        description,
                        canonical,
                        jsonLd.graph(List.of(movie))),
                film.getPoster());
        return reviews.isEmpty() ? meta.noindexed() : meta;
    }

    /** A critic's page: a ProfilePage about the Person. */
    public PageMeta author(Author author, Page<?> reviews) {
        int page = reviews.getNumber() + 1;
        String path = "/authors/" + author.getSlug();
        String description = author.getBio().isBlank()
                ? "Reviews by " + author.getName() + " on " + site.siteName() + "."
                : author.getBio();
        Map<String, Object> profile = thing(
                "ProfilePage",
                "@id",
                site.absolute(path),
                "url",
                listing(path, page),
                "name",
                author.getName() + " — " + site.siteName(),
                "dateCreated",
                time(author.getCreatedAt()),
                "dateModified",
                time(author.getUpdatedAt()),
                "mainEntity",
                thing(
                        "Person",
                        "name",
                        author.getName(),
                        "url",
                        site.absolute(path),
                        "description",
                        author.getBio().isBlank() ? null : author.getBio()));
        return thinUnlessAny(
                reviews,
                PageMeta.page(
                        author.getName() + paged(page) + " — " + site.siteName(),
                        description + paged(page),
                        listing(path, page),
                        jsonLd.graph(List.of(profile))));
    }

    /** A genre's page: "Best Ever Drama Movie?", the reviews that argue for it. */
    public PageMeta genre(Genre genre, Page<?> reviews) {
        int page = reviews.getNumber() + 1;
        String path = "/genres/" + genre.getSlug();
        String description = genre.getDescription().isBlank()
                ? "Every " + site.siteName() + " review that argues for the best ever " + genre.getName()
                        + " movie, and the readers’ verdict."
                : genre.getDescription();
        Map<String, Object> collection = thing(
                "CollectionPage",
                "@id",
                site.absolute(path),
                "url",
                listing(path, page),
                "name",
                genre.kicker(),
                "description",
                description,
                "breadcrumb",
                thing(
                        "BreadcrumbList",
                        "itemListElement",
                        List.of(
                                crumb(1, site.siteName(), site.absolute("/")),
                                crumb(2, genre.kicker(), site.absolute(path)))));
        return thinUnlessAny(
                reviews,
                PageMeta.page(
                        genre.kicker() + paged(page) + " — " + site.siteName(),
                        description + paged(page),
                        listing(path, page),
                        jsonLd.graph(List.of(collection))));
    }

    /** {@code /genres}: every genre with public reviews, as a list of the genre pages. */
    public PageMeta genres(List<GenreCount> genres) {
        String canonical = site.absolute("/genres");
        String description = "Every genre " + site.siteName()
                + " has argued about, with how many reviews make the case for its best ever movie.";
        List<Map<String, Object>> items = new ArrayList<>();
        for (GenreCount count : genres) {
            items.add(crumb(
                    items.size() + 1,
                    count.genre().kicker(),
                    site.absolute("/genres/" + count.genre().getSlug())));
        }
        Map<String, Object> collection = thing(
                "CollectionPage",
                "@id",
                canonical,
                "url",
                canonical,
                "name",
                "Genres — " + site.siteName(),
                "description",
                description,
                "mainEntity",
                thing("ItemList", "itemListElement", items));
        return PageMeta.page("Genres — " + site.siteName(), description, canonical, jsonLd.graph(List.of(collection)));
    }

    /** The film as a schema.org Movie; the cast only where the page loaded it (the film page). */
    private Map<String, Object> movie(Film film, boolean withCast) {
        List<Map<String, Object>> directors = new ArrayList<>();
        film.getDirectors().forEach(name -> directors.add(thing("Person", "name", name)));
        List<Map<String, Object>> actors = new ArrayList<>();
        if (withCast) {
            film.getCast().forEach(name -> actors.add(thing("Person", "name", name)));
        }
        boolean renamed =
                film.getOriginalTitle() != null && !film.getOriginalTitle().equals(film.getTitle());
        return thing(
                "Movie",
                "@id",
                site.absolute("/films/" + film.getSlug() + "#movie"),
                "name",
                film.getTitle(),
                "alternateName",
                renamed ? film.getOriginalTitle() : null,
                "url",
                site.absolute("/films/" + film.getSlug()),
                "dateCreated",
                String.valueOf(film.getReleaseYear()),
                "director",
                directors,
                "actor",
                actors,
                "image",
                imageUrl(film.getPoster()),
                "duration",
                film.getRuntimeMinutes() == null ? null : "PT" + film.getRuntimeMinutes() + "M",
                "countryOfOrigin",
                film.getCountry() == null ? null : thing("Country", "name", film.getCountry()));
    }

    private Map<String, Object> publisher() {
        return thing(
                "Organization",
                "@id",
                site.absolute("/#organization"),
                "name",
                site.siteName(),
                "url",
                site.absolute("/"),
                "logo",
                thing("ImageObject", "url", site.absolute("/favicon.svg")));
    }

    /** The absolute address of the picture's rendition for sharing, or null. */
    private String imageUrl(Picture picture) {
        return picture == null ? null : site.absolute(picture.url(picture.shareWidth()));
    }

    /** The page shared with its picture (Open Graph, Twitter's large card), if it has one. */
    private PageMeta shared(PageMeta meta, Picture picture) {
        if (picture == null) {
            return meta;
        }
        int width = picture.shareWidth();
        return meta.withImage(imageUrl(picture), width, picture.heightAt(width));
    }

    /**
     * A film, critic or genre page with no public review is a thin page: it answers (links to it
     * stay good) but asks search engines to leave it out, and the sitemap does not list it.
     */
    private static PageMeta thinUnlessAny(Page<?> reviews, PageMeta meta) {
        return reviews.getTotalElements() == 0 ? meta.noindexed() : meta;
    }

    private static Map<String, Object> crumb(int position, String name, String url) {
        return thing("ListItem", "position", position, "name", name, "item", url);
    }

    /** The canonical of page N of a listing: page 1 has no query string, page 2+ keeps {@code ?page=N}. */
    private String listing(String path, int page) {
        return site.absolute(page == 1 ? path : path + "?page=" + page);
    }

    private static String paged(int page) {
        return page == 1 ? "" : " (page " + page + ")";
    }
}
