package com.bestever.author;

import com.bestever.admin.Accounts;
import com.bestever.system.CatalogDesk;
import com.bestever.system.CatalogDesk.Deletion;
import com.bestever.system.CatalogDesk.Saved;
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

/** The critics in the bylines: editors add, correct and delete authors (writers may read the list). */
@Controller
@RequestMapping("/admin/authors")
class AuthorAdminController {

    static final String STALE = "Someone else saved this author while you were editing. Your changes are below and"
            + " have not been saved yet: check the author as they are now, then save again to keep yours.";

    private final AuthorRepository authors;
    private final AuthorChanges changes;
    private final Accounts accounts;
    private final CatalogDesk desk;

    AuthorAdminController(AuthorRepository authors, AuthorChanges changes, Accounts accounts) {
        this.authors = authors;
        this.changes = changes;
        this.accounts = accounts;
        this.desk = new CatalogDesk("/admin/authors", STALE, id -> find(id).getVersion(), this::refused);
    }

    @GetMapping
    String list(Model model) {
        model.addAttribute("authors", authors.findAllByOrderByNameAsc());
        return "author/admin/list";
    }

    @GetMapping("/new")
    String newAuthor(Model model) {
        model.addAttribute("authorForm", new AuthorForm());
        return form(null, model);
    }

    @PostMapping("/new")
    String create(@Valid AuthorForm authorForm, BindingResult result, Model model, RedirectAttributes redirect) {
        String slug = slug(authorForm, null, result);
        return desk.create(result, redirect, () -> form(null, model), () -> {
            Author author = changes.create(authorForm, slug);
            return new Saved(author.getId(), "Added the author " + author.getName() + ".");
        });
    }

    @GetMapping("/{id}/edit")
    String edit(@PathVariable long id, Model model) {
        model.addAttribute("authorForm", AuthorForm.from(find(id)));
        return form(id, model);
    }

    @PostMapping("/{id}/edit")
    String update(
            @PathVariable long id,
            @Valid AuthorForm authorForm,
            BindingResult result,
            Model model,
            RedirectAttributes redirect) {
        String slug = slug(authorForm, id, result);
        return desk.update(id, authorForm, result, redirect, () -> form(id, model), () -> {
            Author author = changes.update(id, authorForm, slug);
            return new Saved(id, "Saved the author " + author.getName() + ".");
        });
    }

    @PostMapping("/{id}/delete")
    String delete(@PathVariable long id, RedirectAttributes redirect) {
        String name = find(id).getName();
        Deletion words = new Deletion(
                "Deleted the author " + name + ".",
                usage -> name + " cannot be deleted: " + usage.subject()
                        + " in their byline. Give those another author first.",
                name + " cannot be deleted: a review has them in its byline now.");
        return desk.delete(id, changes.usage(id), () -> changes.delete(id), words, redirect);
    }

    private String slug(AuthorForm form, Long id, BindingResult result) {
        return SlugField.checked(
                form.getSlug(), form.getName(), "name", "author", slug -> authors.slugTaken(slug, id), result);
    }

    private void refused(DataIntegrityViolationException ex, BindingResult result) {
        SlugField.refused(ex, "author_slug_unique", "author", result);
    }

    private String form(Long id, Model model) {
        Author author = id == null ? null : find(id);
        model.addAttribute("author", author);
        if (author != null) {
            model.addAttribute("createdBy", accounts.nameOf(author.getCreatedBy()));
            model.addAttribute("updatedBy", accounts.nameOf(author.getUpdatedBy()));
        }
        return "author/admin/form";
    }

    private Author find(long id) {
        return authors.findById(id).orElseThrow(() -> new NotFoundException("author " + id));
    }
}
