package com.bestever.film;

import com.bestever.admin.Accounts;
import com.bestever.genre.Genre;
import com.bestever.genre.GenreRepository;
import com.bestever.system.CatalogDesk;
import com.bestever.system.CatalogDesk.Deletion;
import com.bestever.system.CatalogDesk.Saved;
import com.bestever.system.ImageRejected;
import com.bestever.system.Images;
import com.bestever.system.NotFoundException;
import com.bestever.system.PageNumber;
import com.bestever.system.SlugField;
import jakarta.validation.Valid;
import java.util.List;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Sort;
import org.springframework.stereotype.Controller;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The film desk: editors list, add, correct and delete films (writers may read the list). */
@Controller
@RequestMapping("/admin/films")
class FilmAdminController {

    static final String STALE = "Someone else saved this film while you were editing it. Your changes are below and"
            + " have not been saved yet: check the film as it is now, then save again to keep yours.";

    private final FilmRepository films;
    private final GenreRepository genres;
    private final FilmChanges changes;
    private final Accounts accounts;
    private final CatalogDesk desk;
    private final Images images;

    FilmAdminController(
            FilmRepository films, GenreRepository genres, FilmChanges changes, Accounts accounts, Images images) {
        this.images = images;
        this.films = films;
        this.genres = genres;
        this.changes = changes;
        this.accounts = accounts;
        this.desk = new CatalogDesk(
                "/admin/films",
                STALE,
                id -> find(id).getVersion(),
                (ex, result) -> SlugField.refused(ex, "film_slug_unique", "film", result));
    }

    @GetMapping
    String list(@RequestParam(defaultValue = "1") int page, Model model) {
        var pageable = PageNumber.of(page);
        Page<Film> list = films.findAll(PageRequest.of(
                pageable.getPageNumber(), pageable.getPageSize(), Sort.by("title", "releaseYear", "id")));
        if (list.isEmpty() && page > 1) {
            throw new NotFoundException("page " + page);
        }
        model.addAttribute("films", list);
        return "film/admin/list";
    }

    @GetMapping("/new")
    String newFilm(Model model) {
        model.addAttribute("filmForm", new FilmForm());
        return form(null, model);
    }

    @PostMapping("/new")
    String create(@Valid FilmForm filmForm, BindingResult result, Model model, RedirectAttributes redirect) {
        String slug = check(filmForm, null, result);
        List<Genre> chosen = chosenGenres(filmForm, result);
        Images.Upload poster = poster(filmForm, result);
        return desk.create(result, redirect, () -> form(null, model), () -> {
            Film film = changes.create(filmForm, slug, chosen, poster);
            return new Saved(film.getId(), "Added the film “" + film.getTitle() + "”.");
        });
    }

    @GetMapping("/{id}/edit")
    @Transactional(readOnly = true)
    public String edit(@PathVariable long id, Model model) {
        model.addAttribute("filmForm", FilmForm.from(find(id)));
        return form(id, model);
    }

    @PostMapping("/{id}/edit")
    String update(
            @PathVariable long id,
            @Valid FilmForm filmForm,
            BindingResult result,
            Model model,
            RedirectAttributes redirect) {
        String slug = check(filmForm, id, result);
        List<Genre> chosen = chosenGenres(filmForm, result);
        Images.Upload poster = poster(filmForm, result);
        return desk.update(id, filmForm, result, redirect, () -> form(id, model), () -> {
            Film film = changes.update(id, filmForm, slug, chosen, poster);
            return new Saved(id, "Saved the film “" + film.getTitle() + "”.");
        });
    }

    @PostMapping("/{id}/delete")
    String delete(@PathVariable long id, RedirectAttributes redirect) {
        String title = "“" + find(id).getTitle() + "”";
        Deletion words = new Deletion(
                "Deleted the film " + title + ".",
                usage -> title + " cannot be deleted: " + usage.subject() + " about it. Delete or change those first.",
                title + " cannot be deleted: a review or a poll is about it now.");
        return desk.delete(id, changes.usage(id), () -> changes.delete(id), words, redirect);
    }

    /** The slug to save (typed, or made from the title), after checking what the annotations cannot. */
    private String check(FilmForm form, Long id, BindingResult result) {
        String slug = SlugField.checked(
                form.getSlug(), form.getTitle(), "title", "film", taken -> films.slugTaken(taken, id), result);
        checkNames(FilmForm.lines(form.getDirectors()), "directors", result);
        checkNames(FilmForm.lines(form.getCast()), "cast", result);
        return slug;
    }

    /** The new poster, checked and decoded; null when none came or it was refused (the form then says why). */
    private Images.Upload poster(FilmForm form, BindingResult result) {
        if (!form.hasNewPoster()) {
            return null;
        }
        try {
            return images.check(form.getPoster());
        } catch (ImageRejected rejected) {
            result.rejectValue("poster", "image", rejected.getMessage());
            return null;
        }
    }

    private static void checkNames(List<String> names, String field, BindingResult result) {
        if (!result.hasFieldErrors(field) && names.stream().anyMatch(name -> name.length() > 200)) {
            result.rejectValue(field, "long", "Each name may have at most 200 characters.");
        }
    }

    private List<Genre> chosenGenres(FilmForm form, BindingResult result) {
        List<Long> ids = form.getGenreIds().stream().distinct().toList();
        List<Genre> chosen = genres.findAllById(ids);
        if (chosen.size() != ids.size()) {
            result.rejectValue("genreIds", "gone", "A genre you ticked no longer exists; tick the genres again.");
        }
        return chosen;
    }

    private String form(Long id, Model model) {
        Film film = id == null ? null : find(id);
        model.addAttribute("film", film);
        if (film != null) {
            model.addAttribute("createdBy", accounts.nameOf(film.getCreatedBy()));
            model.addAttribute("updatedBy", accounts.nameOf(film.getUpdatedBy()));
        }
        model.addAttribute("allGenres", genres.findAllByOrderByNameAsc());
        return "film/admin/form";
    }

    private Film find(long id) {
        return films.findById(id).orElseThrow(() -> new NotFoundException("film " + id));
    }
}
