package com.bestever.article;

import com.bestever.genre.Genre;
import com.bestever.genre.GenreRepository;
import com.bestever.system.ContentChanged;
import com.bestever.system.ContentChanged.Kind;
import com.bestever.system.NotFoundException;
import com.bestever.system.PageNumber;
import com.bestever.system.PageTags;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;

/** "Best Ever Drama Movie?": every public review in a genre. */
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

    @GetMapping("/genres/{slug}")
    String genre(@PathVariable String slug, @RequestParam(defaultValue = "1") int page, Model model) {
        Genre genre = genres.findBySlug(slug).orElseThrow(() -> new NotFoundException("genre " + slug));
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
