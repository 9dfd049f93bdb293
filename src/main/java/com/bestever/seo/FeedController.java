package com.bestever.seo;

import com.bestever.author.Author;
import com.bestever.author.AuthorRepository;
import com.bestever.genre.Genre;
import com.bestever.genre.GenreRepository;
import com.bestever.system.ContentChanged;
import com.bestever.system.MovedPermanently;
import com.bestever.system.PageTags;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import javax.xml.stream.XMLStreamException;
import org.springframework.stereotype.Controller;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;

/**
 * The Atom feeds, for feed readers: {@code /feed.xml} (the latest reviews),
 * {@code /genres/{slug}/feed.xml} and {@code /authors/{slug}/feed.xml}. A genre's or critic's
 * earlier slug answers 301 to its feed's current address, an unknown one 404.
 */
@Controller
class FeedController {

    private final Feed feed;
    private final GenreRepository genres;
    private final AuthorRepository authors;

    FeedController(Feed feed, GenreRepository genres, AuthorRepository authors) {
        this.feed = feed;
        this.genres = genres;
        this.authors = authors;
    }

    @GetMapping("/feed.xml")
    void feed(HttpServletResponse response) throws IOException, XMLStreamException {
        write(feed.latest(), response);
    }

    @GetMapping("/genres/{slug}/feed.xml")
    @Transactional(readOnly = true)
    public void genre(@PathVariable String slug, HttpServletResponse response) throws IOException, XMLStreamException {
        Genre genre = genres.findBySlug(slug)
                .orElseThrow(() -> MovedPermanently.orNotFound(
                        genres.currentSlugFor(slug).map(current -> "/genres/" + current + "/feed.xml"),
                        "genre " + slug));
        write(feed.genre(genre), response);
    }

    @GetMapping("/authors/{slug}/feed.xml")
    @Transactional(readOnly = true)
    public void author(@PathVariable String slug, HttpServletResponse response) throws IOException, XMLStreamException {
        Author author = authors.findBySlug(slug)
                .orElseThrow(() -> MovedPermanently.orNotFound(
                        authors.currentSlugFor(slug).map(current -> "/authors/" + current + "/feed.xml"),
                        "author " + slug));
        write(feed.author(author), response);
    }

    private void write(Feed.Channel channel, HttpServletResponse response) throws IOException, XMLStreamException {
        response.setContentType("application/atom+xml;charset=UTF-8");
        // A feed shows reviews, their genres and critics, and (the site's) the readers' final verdicts.
        PageTags.add(
                ContentChanged.Kind.REVIEW.all(),
                ContentChanged.Kind.GENRE.all(),
                ContentChanged.Kind.AUTHOR.all(),
                ContentChanged.Kind.POLL.all());
        feed.write(channel, response.getWriter());
    }
}
