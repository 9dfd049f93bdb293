package com.bestever.film;

import java.net.URI;
import java.util.List;

import jakarta.validation.Valid;

import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Sort;
import org.springframework.orm.ObjectOptimisticLockingFailureException;
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

import com.bestever.genre.Genre;
import com.bestever.genre.GenreRepository;
import com.bestever.admin.Accounts;
import com.bestever.system.NotFoundException;
import com.bestever.system.PageNumber;
import com.bestever.system.SlugField;
import com.bestever.system.Usage;

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

    FilmAdminController(FilmRepository films, GenreRepository genres, FilmChanges changes, Accounts accounts) {
        this.accounts = accounts;
        this.films = films;
        this.genres = genres;
        this.changes = changes;
    }

    @GetMapping
    String list(@RequestParam(defaultValue = "1") int page, Model model) {
        var pageable = PageNumber.of(page);
        Page<Film> list = films.findAll(PageRequest.of(pageable.getPageNumber(), pageable.getPageSize(),
                Sort.by("title", "releaseYear", "id")));
        if (list.isEmpty() && page > 1) {
            throw new NotFoundException("page " + page);
        }
        model.addAttribute("films", list);
        return "film/admin-list";
    }

    @GetMapping("/new")
    String newFilm(Model model) {
        model.addAttribute("filmForm", new FilmForm());
        return form(null, model);
    }

    @PostMapping("/new")
    String create(@Valid FilmForm filmForm, BindingResult result, Model model,
            RedirectAttributes redirect) {
        String slug = check(filmForm, null, result);
        List<Genre> chosen = chosenGenres(filmForm, result);
        if (result.hasErrors()) {
            return form(null, model);
        }
        try {
            Film film = changes.create(filmForm, slug, chosen);
            redirect.addFlashAttribute("notice", "Added the film “" + film.getTitle() + "”.");
            return "redirect:/admin/films/" + film.getId() + "/edit";
        }
        catch (DataIntegrityViolationException ex) {
            return refused(ex, null, result, model);
        }
    }

    @GetMapping("/{id}/edit")
    @Transactional(readOnly = true)
    public String edit(@PathVariable long id, Model model) {
        model.addAttribute("filmForm", FilmForm.from(find(id)));
        return form(id, model);
    }

    @PostMapping("/{id}/edit")
    String update(@PathVariable long id, @Valid FilmForm filmForm, BindingResult result,
            Model model, RedirectAttributes redirect) {
        String slug = check(filmForm, id, result);
        List<Genre> chosen = chosenGenres(filmForm, result);
        if (result.hasErrors()) {
            return form(id, model);
        }
        try {
            Film film = changes.update(id, filmForm, slug, chosen);
            redirect.addFlashAttribute("notice", "Saved the film “" + film.getTitle() + "”.");
            return "redirect:/admin/films/" + id + "/edit";
        }
        catch (ObjectOptimisticLockingFailureException ex) {
            // Keep every word the editor typed; saving again now is a deliberate overwrite.
            filmForm.setVersion(find(id).getVersion());
            result.reject("stale", STALE);
            return form(id, model);
        }
        catch (DataIntegrityViolationException ex) {
            return refused(ex, id, result, model);
        }
    }

    @PostMapping("/{id}/delete")
    String delete(@PathVariable long id, RedirectAttributes redirect) {
        Film film = find(id);
        Usage usage = changes.usage(id);
        String refusal = "“" + film.getTitle() + "” cannot be deleted: " + usage.subject()
                + " about it. Delete or change those first.";
        if (usage.none()) {
            try {
                changes.delete(id);
                redirect.addFlashAttribute("notice", "Deleted the film “" + film.getTitle() + "”.");
                return "redirect:/admin/films";
            }
            catch (DataIntegrityViolationException ex) {
                // Something came to point at the film meanwhile.
                refusal = "“" + film.getTitle() + "” cannot be deleted: a review or a poll is about it now.";
            }
        }
        redirect.addFlashAttribute("problem", refusal);
        return "redirect:/admin/films/" + id + "/edit";
    }

    /** The slug to save (typed, or made from the title), after checking what the annotations cannot. */
    private String check(FilmForm form, Long id, BindingResult result) {
        String slug = SlugField.checked(form.getSlug(), form.getTitle(), "title", "film", taken -> films.slugTaken(taken, id), result);
        if (form.getPosterUrl() != null && !form.getPosterUrl().isBlank() && !result.hasFieldErrors("posterUrl")) {
            try {
                URI.create(form.getPosterUrl().strip()).toURL();
            }
            catch (IllegalArgumentException | java.net.MalformedURLException ex) {
                result.rejectValue("posterUrl", "url", "This is not a web address that can be opened.");
            }
        }
        checkNumber(form.getYear(), "year", 1888, 2100, "Enter the year as a number, e.g. 1959.",
                "Enter a year from 1888 (the oldest surviving film) to 2100.", result);
        checkNumber(form.getRuntime(), "runtime", 1, 100_000, "Enter the running time as a number of minutes, e.g. 99.",
                "Enter the running time in minutes, more than 0; or leave it blank.", result);
        checkNames(FilmForm.lines(form.getDirectors()), "directors", result);
        checkNames(FilmForm.lines(form.getCast()), "cast", result);
        return slug;
    }

    private static void checkNumber(String typed, String field, int min, int max, String notANumber, String outOfRange,
            BindingResult result) {
        if (typed == null || typed.isBlank() || result.hasFieldErrors(field)) {
            return;
        }
        if (!typed.strip().matches("-?\\d{1,9}")) {
            result.rejectValue(field, "number", notANumber);
        }
        else if (Integer.parseInt(typed.strip()) < min || Integer.parseInt(typed.strip()) > max) {
            result.rejectValue(field, "range", outOfRange);
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

    private String refused(DataIntegrityViolationException ex, Long id, BindingResult result, Model model) {
        SlugField.refused(ex, "film_slug_unique", "film", result);
        return form(id, model);
    }

    private String form(Long id, Model model) {
        Film film = id == null ? null : find(id);
        model.addAttribute("film", film);
        if (film != null) {
            model.addAttribute("createdBy", accounts.nameOf(film.getCreatedBy()));
            model.addAttribute("updatedBy", accounts.nameOf(film.getUpdatedBy()));
        }
        model.addAttribute("allGenres", genres.findAllByOrderByNameAsc());
        return "film/admin-form";
    }

    private Film find(long id) {
        return films.findById(id).orElseThrow(() -> new NotFoundException("film " + id));
    }
}
