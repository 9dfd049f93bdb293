package com.bestever.poll;

import com.bestever.genre.Genre;
import com.bestever.genre.GenreRepository;
import com.bestever.system.BestEverProperties;
import com.bestever.system.ContentChanged;
import com.bestever.system.MovedPermanently;
import com.bestever.system.NotFoundException;
import com.bestever.system.PageMeta;
import com.bestever.system.PageTags;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;

/** "The readers' verdict": {@code /best-ever} and {@code /best-ever/{genre-slug}}, public pages, the same for every reader. */
@Controller
class LeaderboardController {

    private final GenreRepository genres;
    private final GenreStandings standings;
    private final BestEverProperties site;
    private final PollVerdicts verdicts;

    LeaderboardController(
            GenreRepository genres, GenreStandings standings, BestEverProperties site, PollVerdicts verdicts) {
        this.verdicts = verdicts;
        this.genres = genres;
        this.standings = standings;
        this.site = site;
    }

    /** One genre on the index: its verdict's leader (null: no film ranked yet). */
    record GenreVerdict(Genre genre, Leaderboard.Verdict verdict) {}

    /**
     * One page of a genre's verdict: {@link #PAGE_SIZE} ranked films from {@code from}, and, on
     * the first page, the first {@link #PAGE_SIZE} films too early to call ({@code tooEarlyMore}
     * more not listed). The ranks and ties are the whole genre's, kept in {@link GenreStandings}.
     */
    record VerdictPage(
            Leaderboard.Verdict verdict,
            int from,
            List<Leaderboard.Entry> ranked,
            List<Leaderboard.Entry> tooEarly,
            int tooEarlyMore,
            int number,
            int totalPages,
            Instant asOf) {

        /** The film above the {@code index}th entry of this page (it may be the last of the previous page). */
        public String aboveTitle(int index) {
            return verdict.ranked().get(from + index - 1).filmTitle();
        }

        public String asOfText() {
            return AS_OF.format(asOf);
        }

        public String asOfIso() {
            return DateTimeFormatter.ISO_INSTANT.format(asOf.truncatedTo(ChronoUnit.SECONDS));
        }
    }

    /** Ranked films on one page of a verdict: a genre at 100,000 reviews has thousands. */
    static final int PAGE_SIZE = 50;

    private static final DateTimeFormatter AS_OF = DateTimeFormatter.ofPattern(
                    "d MMMM yyyy, HH:mm 'UTC'", Locale.ENGLISH)
            .withZone(ZoneOffset.UTC);

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
        List<GenreVerdict> all = new ArrayList<>();
        Instant asOf = null;
        for (Genre genre : genres.findAllByOrderByNameAsc()) {
            GenreStandings.Kept kept = standings.of(genre.getId());
            all.add(new GenreVerdict(genre, kept.verdict()));
            asOf = asOf == null || kept.asOf().isBefore(asOf) ? kept.asOf() : asOf;
        }
        model.addAttribute("genres", all);
        model.addAttribute("asOf", asOf == null ? null : AS_OF.format(asOf));
        model.addAttribute(
                "asOfIso",
                asOf == null ? null : DateTimeFormatter.ISO_INSTANT.format(asOf.truncatedTo(ChronoUnit.SECONDS)));
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
    String verdict(@PathVariable String slug, @RequestParam(defaultValue = "1") int page, Model model) {
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
        GenreStandings.Kept kept = standings.of(genre.getId());
        model.addAttribute("genre", genre);
        model.addAttribute("verdict", kept.verdict());
        model.addAttribute("page", page(kept, page));
        model.addAttribute("challengers", kept.challengers());
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

    /** The {@code number}th page of the verdict; a page past the last is not found. */
    static VerdictPage page(GenreStandings.Kept kept, int number) {
        Leaderboard.Verdict verdict = kept.verdict();
        int totalPages = Math.max(1, (verdict.ranked().size() + PAGE_SIZE - 1) / PAGE_SIZE);
        if (number < 1 || number > totalPages) {
            throw new NotFoundException("page " + number + " of the verdict");
        }
        int from = (number - 1) * PAGE_SIZE;
        List<Leaderboard.Entry> ranked = verdict.ranked()
                .subList(
                        Math.min(from, verdict.ranked().size()),
                        Math.min(from + PAGE_SIZE, verdict.ranked().size()));
        List<Leaderboard.Entry> tooEarly = number == 1
                ? verdict.tooEarly()
                        .subList(0, Math.min(PAGE_SIZE, verdict.tooEarly().size()))
                : List.of();
        int tooEarlyMore = number == 1 ? verdict.tooEarly().size() - tooEarly.size() : 0;
        return new VerdictPage(verdict, from, ranked, tooEarly, tooEarlyMore, number, totalPages, kept.asOf());
    }
}
