package com.bestever.system;

import java.text.Normalizer;
import java.util.Locale;

/** Makes URL slugs from titles and names: "The 400 Blows" → "the-400-blows", "François" → "francois". */
public final class Slugs {

    public static final String PATTERN = "^[a-z0-9]+(-[a-z0-9]+)*$";
    public static final int MAX_LENGTH = 120;

    private Slugs() {}

    public static String of(String text) {
        String ascii = Normalizer.normalize(text == null ? "" : text, Normalizer.Form.NFKD)
                .replaceAll("\\p{M}+", "");
        String slug = ascii.toLowerCase(Locale.ROOT)
                .replaceAll("[’'`]", "")
                .replaceAll("[^a-z0-9]+", "-")
                .replaceAll("^-+|-+$", "");
        if (slug.length() > MAX_LENGTH) {
            slug = slug.substring(0, MAX_LENGTH).replaceAll("-+$", "");
        }
        return slug;
    }

    /** The slug an editor typed, or, when they left it blank, one made from the title or name. */
    public static String typedOrMadeFrom(String typed, String titleOrName) {
        return typed == null || typed.isBlank() ? of(titleOrName) : typed.strip();
    }

    public static boolean isValid(String slug) {
        return slug != null && slug.length() <= MAX_LENGTH && slug.matches(PATTERN);
    }
}
