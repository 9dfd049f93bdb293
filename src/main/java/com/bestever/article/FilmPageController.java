package com.bestever.article;

import com.bestever.film.Film;
import com.bestever.film.FilmRepository;
import com.bestever.poll.Polls;
import com.bestever.system.ContentChanged;
import com.bestever.system.ContentChanged.Kind;
import com.bestever.system.MovedPermanently;
import com.bestever.system.PageTags;
import org.springframework.stereotype.Controller;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;

/** A film's page: its facts, the reviews about it, and the polls that ask whether it is the best ever. */
@Controller
class FilmPageController {

    private final FilmRepository films;
    private final Reviews reviews;
    private final Polls polls;
    private final PageHeads metas;

    FilmPageController(FilmRepository films, Reviews reviews, Polls polls, PageHeads metas) {
        this.films = films;
        this.reviews = reviews;
        this.polls = polls;
        this.metas = metas;
    }

    @GetMapping("/films/{slug}")
    @Transactional(readOnly = true)
    public String film(@PathVariable String slug, Model model) {
        Film film = films.findBySlug(slug)
                .orElseThrow(() -> MovedPermanently.orNotFound(
                        films.currentSlugFor(slug).map(current -> "/films/" + current), "film " + slug));
        var aboutFilm = reviews.aboutFilm(film.getId());
        PageTags.add(
                PageTags.LIVE_STANDINGS, // the film's polls, with their standings
                ContentChanged.tag(Kind.FILM, film.getId()),
                ContentChanged.listing(Kind.FILM, film.getId(), Kind.REVIEW),
                ContentChanged.listing(Kind.FILM, film.getId(), Kind.POLL));
        ReviewCard.tagPage(aboutFilm);
        model.addAttribute("film", film);
        model.addAttribute("reviews", aboutFilm);
        model.addAttribute("polls", polls.aboutFilm(film.getId()));
        model.addAttribute("meta", metas.film(film, aboutFilm));
        return "article/film";
    }
}
