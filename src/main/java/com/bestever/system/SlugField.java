package com.bestever.system;

import java.util.function.Predicate;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.validation.BindingResult;

/**
 * The slug field of the newsroom's film, author and genre forms: the same checks and the same
 * words on each desk. {@code kind} is what the desk edits ("film", "author", "genre") and
 * {@code source} the field a blank slug is made from ("title", "name").
 */
public final class SlugField {

    private SlugField() {}

    /** The slug to save (typed, or made from {@code title}), rejected on the form if empty or taken. */
    public static String checked(
            String typed, String title, String source, String kind, Predicate<String> taken, BindingResult result) {
        String slug = Slugs.typedOrMadeFrom(typed, title);
        if (!result.hasFieldErrors("slug") && !result.hasFieldErrors(source)) {
            if (slug.isEmpty()) {
                result.rejectValue(
                        "slug", "empty", "Enter a slug: the " + source + " has no letters or digits to make one from.");
            } else if (taken.test(slug)) {
                result.rejectValue(
                        "slug", "taken", "Another " + kind + " has the slug “" + slug + "”; choose another.");
            }
        }
        return slug;
    }

    /**
     * Puts the database's refusal on the form: on the slug field when another save took the slug
     * first ({@code uniqueConstraint}), else as a message for the whole form.
     */
    public static void refused(
            DataIntegrityViolationException ex, String uniqueConstraint, String kind, BindingResult result) {
        if (Constraints.broke(ex, uniqueConstraint)) {
            result.rejectValue("slug", "taken", "Another " + kind + " has this slug; choose another.");
        } else {
            result.reject(
                    "refused",
                    "The database refused this " + kind
                            + ": a value breaks one of its rules. Check the fields and save again.");
        }
    }
}
