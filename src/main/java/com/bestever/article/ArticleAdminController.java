package com.bestever.article;

import com.bestever.admin.Accounts;
import com.bestever.admin.SignedIn;
import com.bestever.author.AuthorRepository;
import com.bestever.film.FilmRepository;
import com.bestever.genre.GenreRepository;
import com.bestever.system.PageNumber;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.Valid;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.data.domain.Page;
import org.springframework.orm.ObjectOptimisticLockingFailureException;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The newsroom's articles: the list, the article form (new and edit), preview, publish, unpublish, delete. */
@Controller
@RequestMapping("/admin/articles")
class ArticleAdminController {

    private static final String FORM = "article/admin/form";
    private static final String REARRANGE = "recommendationAction";

    private final ArticleRepository articles;
    private final Publishing publishing;
    private final GenreRepository genres;
    private final FilmRepository films;
    private final AuthorRepository authors;
    private final Accounts accounts;

    ArticleAdminController(
            ArticleRepository articles,
            Publishing publishing,
            GenreRepository genres,
            FilmRepository films,
            AuthorRepository authors,
            Accounts accounts) {
        this.articles = articles;
        this.publishing = publishing;
        this.genres = genres;
        this.films = films;
        this.authors = authors;
        this.accounts = accounts;
    }

    @GetMapping
    String list(
            @RequestParam(defaultValue = "") String status,
            @RequestParam(defaultValue = "") String q,
            @RequestParam(defaultValue = "1") int page,
            Model model) {
        ArticleStatus only = EnumSet.allOf(ArticleStatus.class).stream()
                .filter(s -> s.name().equals(status))
                .findFirst()
                .orElse(null);
        String search = q.strip().length() > 200 ? q.strip().substring(0, 200) : q.strip();
        String pattern = "%"
                + search.toLowerCase(Locale.ROOT)
                        .replace("!", "!!")
                        .replace("%", "!%")
                        .replace("_", "!_") + "%";
        Page<Article> found = articles.findForNewsroom(
                only == null ? EnumSet.allOf(ArticleStatus.class) : EnumSet.of(only), pattern, PageNumber.of(page));
        model.addAttribute("articles", found);
        model.addAttribute(
                "usernames", accounts.usernames(found.map(Article::getUpdatedBy).getContent()));
        model.addAttribute("status", only);
        model.addAttribute("q", search);
        model.addAttribute("statuses", ArticleStatus.values());
        model.addAttribute("waitingForReview", articles.countByStatus(ArticleStatus.IN_REVIEW));
        return "article/admin/list";
    }

    @GetMapping("/new")
    String newArticle(Model model, @AuthenticationPrincipal SignedIn signedIn) {
        return form(ArticleForm.blank(), null, model, signedIn);
    }

    @PostMapping(path = "/new", params = REARRANGE)
    String rearrangeNew(
            @ModelAttribute("articleForm") ArticleForm form,
            BindingResult result,
            @RequestParam(REARRANGE) String action,
            Model model,
            @AuthenticationPrincipal SignedIn signedIn) {
        form.rearrangeRecommendations(action);
        return form(form.withSpareRows(), null, model, signedIn);
    }

    @PostMapping("/new")
    String create(
            @Valid @ModelAttribute("articleForm") ArticleForm form,
            BindingResult result,
            Model model,
            @AuthenticationPrincipal SignedIn signedIn,
            RedirectAttributes redirect) {
        Publishing.Saved saved;
        try {
            saved = publishing.create(form, result, signedIn);
        } catch (DataIntegrityViolationException ex) {
            rejectClash(ex, result);
            saved = new Publishing.Saved(Publishing.Outcome.INVALID, null);
        }
        if (saved.outcome() != Publishing.Outcome.SAVED) {
            return form(form.withSpareRows(), null, model, signedIn);
        }
        redirect.addFlashAttribute("notice", "Saved “" + form.getTitle().strip() + "”.");
        return "redirect:/admin/articles/" + saved.articleId() + "/edit";
    }

    @GetMapping("/{id}/edit")
    String edit(@PathVariable long id, Model model, @AuthenticationPrincipal SignedIn signedIn) {
        Article article = publishing.editable(id, signedIn);
        ArticleForm form = ArticleForm.from(article, publishing.pollOf(id).orElse(null), publishing.zone());
        return form(form, article, model, signedIn);
    }

    @PostMapping(path = "/{id}/edit", params = REARRANGE)
    String rearrange(
            @PathVariable long id,
            @ModelAttribute("articleForm") ArticleForm form,
            BindingResult result,
            @RequestParam(REARRANGE) String action,
            Model model,
            @AuthenticationPrincipal SignedIn signedIn) {
        Article article = publishing.editable(id, signedIn);
        form.rearrangeRecommendations(action);
        return form(form.withSpareRows(), article, model, signedIn);
    }

    @PostMapping("/{id}/edit")
    String update(
            @PathVariable long id,
            @Valid @ModelAttribute("articleForm") ArticleForm form,
            BindingResult result,
            Model model,
            @AuthenticationPrincipal SignedIn signedIn,
            RedirectAttributes redirect,
            HttpServletResponse response) {
        Publishing.Outcome outcome;
        try {
            outcome = publishing.update(id, form, result, signedIn).outcome();
        } catch (ObjectOptimisticLockingFailureException ex) {
            outcome = Publishing.Outcome.CONFLICT;
        } catch (DataIntegrityViolationException ex) {
            rejectClash(ex, result);
            outcome = Publishing.Outcome.INVALID;
        }
        if (outcome == Publishing.Outcome.SAVED) {
            redirect.addFlashAttribute("notice", "Saved “" + form.getTitle().strip() + "”.");
            return "redirect:/admin/articles/" + id + "/edit";
        }
        Article current = publishing.editable(id, signedIn);
        if (outcome == Publishing.Outcome.CONFLICT) {
            // Nothing was written. The editor keeps their text; saving again is a deliberate choice.
            model.addAttribute("conflict", current);
            form.setVersion(current.getVersion());
            response.setStatus(HttpServletResponse.SC_CONFLICT);
        }
        return form(form.withSpareRows(), current, model, signedIn);
    }

    @GetMapping("/{id}/preview")
    String preview(
            @PathVariable long id,
            Model model,
            @AuthenticationPrincipal SignedIn signedIn,
            HttpServletResponse response) {
        model.addAttribute("page", publishing.preview(id, signedIn));
        model.addAttribute("preview", true);
        response.setHeader("Cache-Control", "no-store");
        return "article/review";
    }

    @PostMapping("/{id}/publish")
    String publish(
            @PathVariable long id,
            @RequestParam long version,
            @AuthenticationPrincipal SignedIn signedIn,
            RedirectAttributes redirect) {
        return act(
                id,
                () -> publishing.publishNow(id, version, signedIn),
                "Published: it is on the public site now.",
                redirect);
    }

    @PostMapping("/{id}/unpublish")
    String unpublish(
            @PathVariable long id,
            @RequestParam long version,
            @AuthenticationPrincipal SignedIn signedIn,
            RedirectAttributes redirect) {
        return act(
                id,
                () -> publishing.unpublish(id, version, signedIn),
                "Unpublished: readers no longer see it; it is a draft again.",
                redirect);
    }

    @GetMapping("/{id}/delete")
    String confirmDelete(@PathVariable long id, Model model, @AuthenticationPrincipal SignedIn signedIn) {
        if (!signedIn.isEditor()) {
            throw new org.springframework.security.access.AccessDeniedException("writers do not delete reviews");
        }
        model.addAttribute("article", publishing.editable(id, signedIn));
        return "article/admin/delete";
    }

    @PostMapping("/{id}/delete")
    String delete(@PathVariable long id, @AuthenticationPrincipal SignedIn signedIn, RedirectAttributes redirect) {
        String title = publishing.delete(id, signedIn);
        redirect.addFlashAttribute("notice", "Deleted “" + title + "”.");
        return "redirect:/admin/articles";
    }

    private String act(long id, Runnable action, String message, RedirectAttributes redirect) {
        try {
            action.run();
            redirect.addFlashAttribute("notice", message);
        } catch (ObjectOptimisticLockingFailureException ex) {
            redirect.addFlashAttribute(
                    "problem", "Someone saved this review a moment ago: nothing was changed. Check it and try again.");
        }
        return "redirect:/admin/articles/" + id + "/edit";
    }

    /** A rule the database enforces, met by a save racing another: said beside the field it concerns. */
    private static void rejectClash(DataIntegrityViolationException ex, BindingResult result) {
        String what = String.valueOf(ex.getMostSpecificCause().getMessage());
        if (what.contains("slug")) {
            result.rejectValue("slug", "taken", "Another review already uses this slug: choose another.");
        } else if (what.contains("vote_option")) {
            result.rejectValue("pollOptions", "clash", "Two poll options clash: give each a different wording.");
        } else {
            result.reject("clash", "The review could not be saved as it is: check the fields and try again.");
        }
    }

    private String form(ArticleForm form, Article article, Model model, SignedIn signedIn) {
        model.addAttribute("articleForm", form);
        model.addAttribute("article", article);
        model.addAttribute(
                "usernames",
                accounts.usernames(
                        article == null ? List.of() : Arrays.asList(article.getCreatedBy(), article.getUpdatedBy())));
        model.addAttribute(
                "poll",
                article == null ? null : publishing.pollOf(article.getId()).orElse(null));
        model.addAttribute(
                "statuses",
                signedIn.isEditor()
                        ? List.of(ArticleStatus.values())
                        : List.of(ArticleStatus.DRAFT, ArticleStatus.IN_REVIEW));
        model.addAttribute("genres", genres.findAllByOrderByNameAsc());
        model.addAttribute("films", films.findAllByOrderByTitleAsc());
        model.addAttribute("authors", authors.findAllByOrderByNameAsc());
        model.addAttribute("zone", publishing.zone());
        return FORM;
    }
}
