package com.bestever.author;

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
import com.bestever.system.NotFoundException;
import com.bestever.system.SlugField;
import com.bestever.system.Usage;

/** The critics in the bylines: editors add, correct and delete authors (writers may read the list). */
@Controller
@RequestMapping("/admin/authors")
class AuthorAdminController {

    static final String STALE = "Someone else saved this author while you were editing. Your changes are below and"
            + " have not been saved yet: check the author as they are now, then save again to keep yours.";

    private final AuthorRepository authors;
    private final AuthorChanges changes;
    private final Accounts accounts;

    AuthorAdminController(AuthorRepository authors, AuthorChanges changes, Accounts accounts) {
        this.accounts = accounts;
        this.authors = authors;
        this.changes = changes;
    }

    @GetMapping
    String list(Model model) {
        model.addAttribute("authors", authors.findAllByOrderByNameAsc());
        return "author/admin-list";
    }

    @GetMapping("/new")
    String newAuthor(Model model) {
        model.addAttribute("authorForm", new AuthorForm());
        return form(null, model);
    }

    @PostMapping("/new")
    String create(@Valid AuthorForm authorForm, BindingResult result, Model model,
            RedirectAttributes redirect) {
        String slug = slug(authorForm, null, result);
        if (result.hasErrors()) {
            return form(null, model);
        }
        try {
            Author author = changes.create(authorForm, slug);
            redirect.addFlashAttribute("notice", "Added the author " + author.getName() + ".");
            return "redirect:/admin/authors/" + author.getId() + "/edit";
        }
        catch (DataIntegrityViolationException ex) {
            return refused(ex, null, result, model);
        }
    }

    @GetMapping("/{id}/edit")
    String edit(@PathVariable long id, Model model) {
        model.addAttribute("authorForm", AuthorForm.from(find(id)));
        return form(id, model);
    }

    @PostMapping("/{id}/edit")
    String update(@PathVariable long id, @Valid AuthorForm authorForm, BindingResult result,
            Model model, RedirectAttributes redirect) {
        String slug = slug(authorForm, id, result);
        if (result.hasErrors()) {
            return form(id, model);
        }
        try {
            Author author = changes.update(id, authorForm, slug);
            redirect.addFlashAttribute("notice", "Saved the author " + author.getName() + ".");
            return "redirect:/admin/authors/" + id + "/edit";
        }
        catch (ObjectOptimisticLockingFailureException ex) {
            authorForm.setVersion(find(id).getVersion());
            result.reject("stale", STALE);
            return form(id, model);
        }
        catch (DataIntegrityViolationException ex) {
            return refused(ex, id, result, model);
        }
    }

    @PostMapping("/{id}/delete")
    String delete(@PathVariable long id, RedirectAttributes redirect) {
        Author author = find(id);
        Usage usage = changes.usage(id);
        String refusal = author.getName() + " cannot be deleted: " + usage.subject()
                + " in their byline. Give those another author first.";
        if (usage.none()) {
            try {
                changes.delete(id);
                redirect.addFlashAttribute("notice", "Deleted the author " + author.getName() + ".");
                return "redirect:/admin/authors";
            }
            catch (DataIntegrityViolationException ex) {
                refusal = author.getName() + " cannot be deleted: a review has them in its byline now.";
            }
        }
        redirect.addFlashAttribute("problem", refusal);
        return "redirect:/admin/authors/" + id + "/edit";
    }

    private String slug(AuthorForm form, Long id, BindingResult result) {
        return SlugField.checked(form.getSlug(), form.getName(), "name", "author", slug -> authors.slugTaken(slug, id), result);
    }

    private String refused(DataIntegrityViolationException ex, Long id, BindingResult result, Model model) {
        SlugField.refused(ex, "author_slug_unique", "author", result);
        return form(id, model);
    }

    private String form(Long id, Model model) {
        Author author = id == null ? null : find(id);
        model.addAttribute("author", author);
        if (author != null) {
            model.addAttribute("createdBy", accounts.nameOf(author.getCreatedBy()));
            model.addAttribute("updatedBy", accounts.nameOf(author.getUpdatedBy()));
        }
        return "author/admin-form";
    }

    private Author find(long id) {
        return authors.findById(id).orElseThrow(() -> new NotFoundException("author " + id));
    }
}
