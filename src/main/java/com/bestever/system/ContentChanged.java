package com.bestever.system;

/**
 * Something readers see changed: a review, film, author, genre or poll, named by its kind and id.
 * Published by {@link ContentChanges} whenever such an entity is written (inserted, updated or
 * deleted), so no write path can forget it, and by the few bulk writes that bypass the entities
 * (a scheduled review going public). Caches of rendered pages listen for it; pages that show
 * the thing are the ones to drop ({@link #tag()}).
 *
 * @param kind what kind of thing changed
 * @param id its id
 */
public record ContentChanged(Kind kind, long id) {

    /** The kinds of things public pages show. */
    public enum Kind {
        REVIEW,
        FILM,
        AUTHOR,
        GENRE,
        POLL,
        /** Anything may have changed (a missed notice, a restore, a test moving the clock): drop every kept page. */
        SITE;

        String tagPrefix() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** Anything may have changed: every page that shows content is to be dropped. */
    public static ContentChanged everything() {
        return new ContentChanged(Kind.SITE, 0);
    }

    public boolean isEverything() {
        return kind == Kind.SITE;
    }

    /** A short, stable name of the thing, such as {@code review-12}: the key a page is kept under. */
    public String tag() {
        return isEverything() ? kind.tagPrefix() : kind.tagPrefix() + "-" + id;
    }

    @Override
    public String toString() {
        return tag();
    }
}
