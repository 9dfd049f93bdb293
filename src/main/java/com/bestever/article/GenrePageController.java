package com.bestever.article;

import com.bestever.genre.Genre;
import com.bestever.genre.GenreRepository;
import com.bestever.system.ContentChanged;
import com.bestever.system.ContentChanged.Kind;
import com.bestever.system.MovedPermanently;
import com.bestever.system.NotFoundException;
import com.bestever.system.PageNumber;
import com.bestever.system.PageTags;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;

/** The genres: {@code /genres}, every genre readers can find, and "Best Ever Drama Movie?", every public review in one. */
@Controller
class GenrePageController {

    private final GenreRepository genres;
    private final Reviews reviews;
    private final PageHeads metas;

    GenrePageController(GenreRepository genres, Reviews reviews, PageHeads metas) {
        this.genres = genres;
        this.reviews = reviews;
        this.metas = metas;
    }

    /** Every genre that has public reviews, with how many. */
    @GetMapping("/genres")
    String genres(Model model) {
        var genres = reviews.genres();
        model.addAttribute("genres", genres);
        model.addAttribute("meta", metas.genres(genres));
        return "article/genres";
    }

    @GetMapping("/genres/{slug}")
    String genre(@PathVariable String slug, @RequestParam(defaultValue = "1") int page, Model model) {
        Genre genre = genres.findBySlug(slug)
                .orElseThrow(() -> MovedPermanently.orNotFound(
                        genres.currentSlugFor(slug).map(current -> "/genres/" + current), "genre " + slug));
        var inGenre = reviews.inGenre(genre.getId(), PageNumber.of(page));
        if (inGenre.isEmpty() && page > 1) {
            throw new NotFoundException("page " + page);
        }
        PageTags.add(
                ContentChanged.tag(Kind.GENRE, genre.getId()),
                ContentChanged.listing(Kind.GENRE, genre.getId(), Kind.REVIEW));
        ReviewCard.tagPage(inGenre);
        model.addAttribute("genre", genre);
        model.addAttribute("reviews", inGenre);
        model.addAttribute("meta", metas.genre(genre, inGenre));
        return "article/genre";
    }
}
