package com.bestever.system;

import java.util.function.BiConsumer;
import java.util.function.Function;
import java.util.function.LongUnaryOperator;
import java.util.function.Supplier;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.orm.ObjectOptimisticLockingFailureException;
import org.springframework.validation.BindingResult;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The desk flow the newsroom's catalog forms share (films, authors, genres), written once. A save
 * that goes through shows the entry's edit page with a notice (post/redirect/get). A save from a
 * stale version keeps every word the editor typed, says so, and moves the form to the version
 * saved meanwhile, so that saving again is a deliberate overwrite. A rule the database refuses
 * goes on the form. A delete is refused, in the desk's own words, while anything still points at
 * the entry. The page's checks, words and model stay in its controller.
 */
public final class CatalogDesk {

    /** A save that went through: the entry to show next and the notice above it ("Saved the genre Drama."). */
    public record Saved(long id, String notice) {}

    /**
     * A delete's words: the notice when done, the refusal while {@link Usage} says something points at
     * the entry, and the refusal when something came to point at it between the count and the delete.
     */
    public record Deletion(String done, Function<Usage, String> inUse, String inUseNow) {}

    private final String path;
    private final String stale;
    private final LongUnaryOperator versionNow;
    private final BiConsumer<DataIntegrityViolationException, BindingResult> refused;

    /**
     * @param path the desk's address, e.g. "/admin/genres" (its list; each entry at {@code {path}/{id}/edit})
     * @param stale what the form says above a stale save
     * @param versionNow the version entry {@code id} has now
     * @param refused puts the database's refusal of a save on the form (see {@link SlugField#refused})
     */
    public CatalogDesk(
            String path,
            String stale,
            LongUnaryOperator versionNow,
            BiConsumer<DataIntegrityViolationException, BindingResult> refused) {
        this.path = path;
        this.stale = stale;
        this.versionNow = versionNow;
        this.refused = refused;
    }

    /** Adds an entry unless the form has errors; {@code form} shows the form again with what went wrong. */
    public String create(
            BindingResult result, RedirectAttributes redirect, Supplier<String> form, Supplier<Saved> save) {
        return save(result, redirect, form, save);
    }

    /** Saves over entry {@code id} unless the form has errors or someone saved the entry since {@code typed} was made. */
    public String update(
            long id,
            VersionedForm typed,
            BindingResult result,
            RedirectAttributes redirect,
            Supplier<String> form,
            Supplier<Saved> save) {
        try {
            return save(result, redirect, form, save);
        } catch (ObjectOptimisticLockingFailureException ex) {
            // Keep every word the editor typed; saving again now is a deliberate overwrite.
            typed.setVersion(versionNow.applyAsLong(id));
            result.reject("stale", stale);
            return form.get();
        }
    }

    /** Deletes entry {@code id} unless {@code usage} counts something that points at it, or the database finds some. */
    public String delete(long id, Usage usage, Runnable delete, Deletion words, RedirectAttributes redirect) {
        if (!usage.none()) {
            return problem(id, words.inUse().apply(usage), redirect);
        }
        try {
            delete.run();
        } catch (DataIntegrityViolationException ex) {
            return problem(id, words.inUseNow(), redirect);
        }
        redirect.addFlashAttribute("notice", words.done());
        return "redirect:" + path;
    }

    private String save(
            BindingResult result, RedirectAttributes redirect, Supplier<String> form, Supplier<Saved> save) {
        if (result.hasErrors()) {
            return form.get();
        }
        try {
            Saved saved = save.get();
            redirect.addFlashAttribute("notice", saved.notice());
            return "redirect:" + path + "/" + saved.id() + "/edit";
        } catch (DataIntegrityViolationException ex) {
            refused.accept(ex, result);
            return form.get();
        }
    }

    private String problem(long id, String problem, RedirectAttributes redirect) {
        redirect.addFlashAttribute("problem", problem);
        return "redirect:" + path + "/" + id + "/edit";
    }
}
