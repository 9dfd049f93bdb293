package com.bestever.genre;

import jakarta.validation.Valid;

import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.orm.ObjectOptimisticLockingFailureException;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import com.bestever.admin.Accounts;
import com.bestever.system.Constraints;
import com.bestever.system.NotFoundException;
import com.bestever.system.SlugField;
import com.bestever.system.Usage;

/** The genres of kickers and leaderboards: editors add, correct and delete them (writers may read the list). */
@Controller
@RequestMapping("/admin/genres")
class GenreAdminController {

    static final String STALE = "Someone else saved this genre while you were editing. Your changes are below and"
            + " have not been saved yet: check the genre as it is now, then save again to keep yours.";

    private final GenreRepository genres;
    private final GenreChanges changes;
    private final Accounts accounts;

    GenreAdminController(GenreRepository genres, GenreChanges changes, Accounts accounts) {
        this.accounts = accounts;
        this.genres = genres;
        this.changes = changes;
    }

    @GetMapping
    String list(Model model) {
        model.addAttribute("genres", genres.findAllByOrderByNameAsc());
        return "genre/admin-list";
    }

    @GetMapping("/new")
    String newGenre(Model model) {
        model.addAttribute("genreForm", new GenreForm());
        return form(null, model);
    }

    @PostMapping("/new")
    String create(@Valid GenreForm genreForm, BindingResult result, Model model,
            RedirectAttributes redirect) {
        String slug = slug(genreForm, null, result);
        if (result.hasErrors()) {
            return form(null, model);
        }
        try {
            Genre genre = changes.create(genreForm, slug);
            redirect.addFlashAttribute("notice", "Added the genre " + genre.getName() + ".");
            return "redirect:/admin/genres/" + genre.getId() + "/edit";
        }
        catch (DataIntegrityViolationException ex) {
            return refused(ex, null, result, model);
        }
    }

    @GetMapping("/{id}/edit")
    String edit(@PathVariable long id, Model model) {
        model.addAttribute("genreForm", GenreForm.from(find(id)));
        return form(id, model);
    }

    @PostMapping("/{id}/edit")
    String update(@PathVariable long id, @Valid GenreForm genreForm, BindingResult result,
            Model model, RedirectAttributes redirect) {
        String slug = slug(genreForm, id, result);
        if (result.hasErrors()) {
            return form(id, model);
        }
        try {
            Genre genre = changes.update(id, genreForm, slug);
            redirect.addFlashAttribute("notice", "Saved the genre " + genre.getName() + ".");
            return "redirect:/admin/genres/" + id + "/edit";
        }
        catch (ObjectOptimisticLockingFailureException ex) {
            genreForm.setVersion(find(id).getVersion());
            result.reject("stale", STALE);
            return form(id, model);
        }
        catch (DataIntegrityViolationException ex) {
            return refused(ex, id, result, model);
        }
    }

    @PostMapping("/{id}/delete")
    String delete(@PathVariable long id, RedirectAttributes redirect) {
        Genre genre = find(id);
        Usage usage = changes.usage(id);
        String refusal = "The genre " + genre.getName() + " cannot be deleted: " + usage.subject()
                + " in it. Move those to another genre first.";
        if (usage.none()) {
            try {
                changes.delete(id);
                redirect.addFlashAttribute("notice", "Deleted the genre " + genre.getName() + ".");
                return "redirect:/admin/genres";
            }
            catch (DataIntegrityViolationException ex) {
                refusal = "The genre " + genre.getName() + " cannot be deleted: something is in it now.";
            }
        }
        redirect.addFlashAttribute("problem", refusal);
        return "redirect:/admin/genres/" + id + "/edit";
    }

    private String slug(GenreForm form, Long id, BindingResult result) {
        String slug = SlugField.checked(form.getSlug(), form.getName(), "name", "genre", taken -> genres.slugTaken(taken, id), result);
        if (!result.hasFieldErrors("name") && genres.nameTaken(form.getName().strip(), id)) {
            result.rejectValue("name", "taken", "There is a genre with this name already.");
        }
        return slug;
    }

    private String refused(DataIntegrityViolationException ex, Long id, BindingResult result, Model model) {
        if (Constraints.broke(ex, "genre_name_unique")) {
            result.rejectValue("name", "taken", "There is a genre with this name already.");
        }
        else {
            SlugField.refused(ex, "genre_slug_unique", "genre", result);
        }
        return form(id, model);
    }

    private String form(Long id, Model model) {
        Genre genre = id == null ? null : find(id);
        model.addAttribute("genre", genre);
        if (genre != null) {
            model.addAttribute("createdBy", accounts.nameOf(genre.getCreatedBy()));
            model.addAttribute("updatedBy", accounts.nameOf(genre.getUpdatedBy()));
        }
        return "genre/admin-form";
    }

    private Genre find(long id) {
        return genres.findById(id).orElseThrow(() -> new NotFoundException("genre " + id));
    }
}
