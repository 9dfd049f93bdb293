package com.bestever.article;

import com.bestever.admin.Accounts;
import com.bestever.admin.SignedIn;
import com.bestever.author.AuthorRepository;
import com.bestever.film.Film;
import com.bestever.film.FilmRepository;
import com.bestever.genre.GenreRepository;
import com.bestever.system.BestEverProperties;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.Valid;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.springframework.dao.DataIntegrityViolationException;
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
    /** The "Find" button beside the film select: the form comes back with the matching films, nothing saved. */
    private static final String FIND_FILM = "findFilm";

    private final ArticleRepository articles;
    private final Publishing publishing;
    private final GenreRepository genres;
    private final FilmRepository films;
    private final AuthorRepository authors;
    private final Accounts accounts;

    private final BestEverProperties site;

    ArticleAdminController(
            ArticleRepository articles,
            Publishing publishing,
            GenreRepository genres,
            FilmRepository films,
            AuthorRepository authors,
            Accounts accounts,
            BestEverProperties site) {
        this.site = site;
        this.articles = articles;
        this.publishing = publishing;
        this.genres = genres;
        this.films = films;
        this.authors = authors;
        this.accounts = accounts;
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

    @PostMapping(path = "/new", params = FIND_FILM)
    String findFilmNew(
            @ModelAttribute("articleForm") ArticleForm form,
            BindingResult result,
            Model model,
            @AuthenticationPrincipal SignedIn signedIn) {
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

    @PostMapping(path = "/{id}/edit", params = FIND_FILM)
    String findFilm(
            @PathVariable long id,
            @ModelAttribute("articleForm") ArticleForm form,
            BindingResult result,
            Model model,
            @AuthenticationPrincipal SignedIn signedIn) {
        Article article = publishing.editable(id, signedIn);
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

    /**
     * The films the form's select offers: the one chosen (if any), then those matching the
     * editor's "Find a film", or else the 50 added last. Never the whole catalogue (50,000
     * films made a 3.4 MB form).
     */
    private List<Film> filmChoices(ArticleForm form, Model model) {
        String search = form.getFilmSearch().strip();
        if (search.length() > ArticleForm.FILM_SEARCH_MAX) {
            search = ""; // not run: the field's own error (@Size) says why
        }
        List<Film> offered = search.isEmpty()
                ? films.findTop50ByOrderByIdDesc()
                : films.findTop50ByTitleContainingIgnoreCaseOrderByTitleAscReleaseYearAsc(search);
        model.addAttribute("filmSearched", search.isEmpty() ? null : search);
        model.addAttribute("filmsFound", offered.size());
        if (!search.isEmpty() && form.getFilmId() == null && offered.size() == 1) {
            form.setFilmId(offered.get(0).getId()); // one match: chosen, as the editor meant
        }
        List<Film> choices = new ArrayList<>();
        if (form.getFilmId() != null) {
            films.findById(form.getFilmId())
                    .filter(chosen -> offered.stream().noneMatch(f -> f.getId().equals(chosen.getId())))
                    .ifPresent(choices::add);
        }
        choices.addAll(offered);
        return choices;
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
        var allGenres = genres.findAllByOrderByNameAsc();
        model.addAttribute("genres", allGenres);
        model.addAttribute("snippet", SearchSnippet.of(form, allGenres, site.baseUrl(), site.siteName()));
        model.addAttribute("films", filmChoices(form, model));
        model.addAttribute("authors", authors.findAllByOrderByNameAsc());
        model.addAttribute("zone", publishing.zone());
        return FORM;
    }
}
