package com.bestever.genre;

import com.bestever.admin.Accounts;
import com.bestever.system.CatalogDesk;
import com.bestever.system.CatalogDesk.Deletion;
import com.bestever.system.CatalogDesk.Saved;
import com.bestever.system.Constraints;
import com.bestever.system.NotFoundException;
import com.bestever.system.SlugField;
import jakarta.validation.Valid;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The genres of kickers and leaderboards: editors add, correct and delete them (writers may read the list). */
@Controller
@RequestMapping("/admin/genres")
class GenreAdminController {

    static final String STALE = "Someone else saved this genre while you were editing. Your changes are below and"
            + " have not been saved yet: check the genre as it is now, then save again to keep yours.";

    private final GenreRepository genres;
    private final GenreChanges changes;
    private final Accounts accounts;
    private final CatalogDesk desk;

    GenreAdminController(GenreRepository genres, GenreChanges changes, Accounts accounts) {
        this.genres = genres;
        this.changes = changes;
        this.accounts = accounts;
        this.desk = new CatalogDesk("/admin/genres", STALE, id -> find(id).getVersion(), this::refused);
    }

    @GetMapping
    String list(Model model) {
        model.addAttribute("genres", genres.findAllByOrderByNameAsc());
        return "genre/admin/list";
    }

    @GetMapping("/new")
    String newGenre(Model model) {
        model.addAttribute("genreForm", new GenreForm());
        return form(null, model);
    }

    @PostMapping("/new")
    String create(@Valid GenreForm genreForm, BindingResult result, Model model, RedirectAttributes redirect) {
        String slug = slug(genreForm, null, result);
        return desk.create(result, redirect, () -> form(null, model), () -> {
            Genre genre = changes.create(genreForm, slug);
            return new Saved(genre.getId(), "Added the genre " + genre.getName() + ".");
        });
    }

    @GetMapping("/{id}/edit")
    String edit(@PathVariable long id, Model model) {
        model.addAttribute("genreForm", GenreForm.from(find(id)));
        return form(id, model);
    }

    @PostMapping("/{id}/edit")
    String update(
            @PathVariable long id,
            @Valid GenreForm genreForm,
            BindingResult result,
            Model model,
            RedirectAttributes redirect) {
        String slug = slug(genreForm, id, result);
        return desk.update(id, genreForm, result, redirect, () -> form(id, model), () -> {
            Genre genre = changes.update(id, genreForm, slug);
            return new Saved(id, "Saved the genre " + genre.getName() + ".");
        });
    }

    @PostMapping("/{id}/delete")
    String delete(@PathVariable long id, RedirectAttributes redirect) {
        String name = find(id).getName();
        Deletion words = new Deletion(
                "Deleted the genre " + name + ".",
                usage -> "The genre " + name + " cannot be deleted: " + usage.subject()
                        + " in it. Move those to another genre first.",
                "The genre " + name + " cannot be deleted: something is in it now.");
        return desk.delete(id, changes.usage(id), () -> changes.delete(id), words, redirect);
    }

    private String slug(GenreForm form, Long id, BindingResult result) {
        String slug = SlugField.checked(
                form.getSlug(), form.getName(), "name", "genre", taken -> genres.slugTaken(taken, id), result);
        if (!result.hasFieldErrors("name") && genres.nameTaken(form.getName().strip(), id)) {
            result.rejectValue("name", "taken", "There is a genre with this name already.");
        }
        return slug;
    }

    private void refused(DataIntegrityViolationException ex, BindingResult result) {
        if (Constraints.broke(ex, "genre_name_unique")) {
            result.rejectValue("name", "taken", "There is a genre with this name already.");
        } else {
            SlugField.refused(ex, "genre_slug_unique", "genre", result);
        }
    }

    private String form(Long id, Model model) {
        Genre genre = id == null ? null : find(id);
        model.addAttribute("genre", genre);
        if (genre != null) {
            model.addAttribute("createdBy", accounts.nameOf(genre.getCreatedBy()));
            model.addAttribute("updatedBy", accounts.nameOf(genre.getUpdatedBy()));
        }
        return "genre/admin/form";
    }

    private Genre find(long id) {
        return genres.findById(id).orElseThrow(() -> new NotFoundException("genre " + id));
    }
}
