package com.bestever.poll;

import com.bestever.genre.Genre;
import com.bestever.genre.GenreRepository;
import com.bestever.system.BestEverProperties;
import com.bestever.system.ContentChanged;
import com.bestever.system.MovedPermanently;
import com.bestever.system.PageMeta;
import com.bestever.system.PageTags;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;

/** "The readers' verdict": {@code /best-ever} and {@code /best-ever/{genre-slug}}, public pages, the same for every reader. */
@Controller
class LeaderboardController {

    private final GenreRepository genres;
    private final Leaderboard leaderboard;
    private final BestEverProperties site;
    private final PollVerdicts verdicts;
    private final Challengers challengers;

    LeaderboardController(
            GenreRepository genres,
            Leaderboard leaderboard,
            BestEverProperties site,
            PollVerdicts verdicts,
            Challengers challengers) {
        this.verdicts = verdicts;
        this.challengers = challengers;
        this.genres = genres;
        this.leaderboard = leaderboard;
        this.site = site;
    }

    /** One genre on the index: its verdict's leader (null: no film ranked yet). */
    record GenreVerdict(Genre genre, Leaderboard.Verdict verdict) {}

    /** {@code /best-ever}: every genre's readers' verdict and its current leader. */
    @GetMapping("/best-ever")
    String index(Model model) {
        verdicts.freezeDue();
        // Every genre's leader: its polls, films and reviews, with standings that move with each vote.
        PageTags.add(
                PageTags.LIVE_STANDINGS,
                ContentChanged.Kind.GENRE.all(),
                ContentChanged.Kind.POLL.all(),
                ContentChanged.Kind.FILM.all(),
                ContentChanged.Kind.REVIEW.all());
        model.addAttribute(
                "genres",
                genres.findAllByOrderByNameAsc().stream()
                        .map(genre -> new GenreVerdict(genre, leaderboard.of(genre.getId())))
                        .toList());
        model.addAttribute(
                "meta",
                PageMeta.page(
                        "The readers’ verdicts: the best ever movie of every genre — " + site.siteName(),
                        "Every genre’s readers’ verdict and the film leading it, with how sure we can be.",
                        site.absolute("/best-ever"),
                        null));
        return "poll/verdicts";
    }

    @GetMapping("/best-ever/{slug}")
    String verdict(@PathVariable String slug, Model model) {
        Genre genre = genres.findBySlug(slug)
                .orElseThrow(() -> MovedPermanently.orNotFound(
                        genres.currentSlugFor(slug).map(current -> "/best-ever/" + current), "genre " + slug));
        verdicts.freezeDue(); // a poll whose time has come is final here at once, whatever the job's timing
        // The verdict shows the genre's polls, their films and their reviews' addresses.
        PageTags.add(
                PageTags.LIVE_STANDINGS,
                ContentChanged.tag(ContentChanged.Kind.GENRE, genre.getId()),
                ContentChanged.listing(ContentChanged.Kind.GENRE, genre.getId(), ContentChanged.Kind.POLL),
                ContentChanged.Kind.FILM.all(),
                ContentChanged.Kind.REVIEW.all());
        model.addAttribute("genre", genre);
        model.addAttribute("verdict", leaderboard.of(genre.getId()));
        model.addAttribute("challengers", challengers.top(genre.getId()));
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
