package com.bestever.poll;

import com.bestever.genre.Genre;
import com.bestever.genre.GenreRepository;
import com.bestever.system.BestEverProperties;
import com.bestever.system.ContentChanged;
import com.bestever.system.NotFoundException;
import com.bestever.system.PageMeta;
import com.bestever.system.PageTags;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;

/** "The readers' verdict": {@code /best-ever/{genre-slug}}, a public page, the same for every reader. */
@Controller
class LeaderboardController {

    private final GenreRepository genres;
    private final Leaderboard leaderboard;
    private final BestEverProperties site;

    LeaderboardController(GenreRepository genres, Leaderboard leaderboard, BestEverProperties site) {
        this.genres = genres;
        this.leaderboard = leaderboard;
        this.site = site;
    }

    @GetMapping("/best-ever/{slug}")
    String verdict(@PathVariable String slug, Model model) {
        Genre genre = genres.findBySlug(slug).orElseThrow(() -> new NotFoundException("genre " + slug));
        // The verdict shows the genre's polls, their films and their reviews' addresses.
        PageTags.add(
                ContentChanged.tag(ContentChanged.Kind.GENRE, genre.getId()),
                ContentChanged.listing(ContentChanged.Kind.GENRE, genre.getId(), ContentChanged.Kind.POLL),
                ContentChanged.Kind.FILM.all(),
                ContentChanged.Kind.REVIEW.all());
        model.addAttribute("genre", genre);
        model.addAttribute("verdict", leaderboard.of(genre.getId()));
        model.addAttribute(
                "meta",
                PageMeta.page(
                        "The readers’ verdict: " + genre.kicker() + " — " + site.siteName(),
                        "The readers’ verdict on the best ever " + genre.getName()
                                + " movie: every film with a poll, ranked by how sure we can be that readers say yes.",
                        site.absolute("/best-ever/" + genre.getSlug()),
                        null));
        return "poll/leaderboard";
    }
}
