package com.bestever.poll;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;

import com.bestever.genre.Genre;
import com.bestever.genre.GenreRepository;
import com.bestever.system.NotFoundException;

/** "The readers' verdict": {@code /best-ever/{genre-slug}}, a public page, the same for every reader. */
@Controller
class LeaderboardController {

    private final GenreRepository genres;
    private final Leaderboard leaderboard;

    LeaderboardController(GenreRepository genres, Leaderboard leaderboard) {
        this.genres = genres;
        this.leaderboard = leaderboard;
    }

    @GetMapping("/best-ever/{slug}")
    String verdict(@PathVariable String slug, Model model) {
        Genre genre = genres.findBySlug(slug).orElseThrow(() -> new NotFoundException("genre " + slug));
        model.addAttribute("genre", genre);
        model.addAttribute("verdict", leaderboard.of(genre.getId()));
        return "poll/leaderboard";
    }
}
