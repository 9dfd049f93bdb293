package com.bestever.system;

import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;

/**
 * Something readers see changed: a review, film, author, genre or poll, named by its kind and id,
 * with the listings it appears in or newly appears in ({@link #related()}). Published by
 * {@link ContentChanges} whenever such an entity is written (inserted, updated or deleted), so no
 * write path can forget it, and by the few bulk writes that bypass the entities (a scheduled review
 * going public). Caches of rendered pages listen for it and drop the pages tagged with any of its
 * {@link #tags()}: the one page-to-content map ({@link PageTags}) drives the origin's own cache
 * and, later, the CDN's tag header and purges.
 *
 * <p>Tags: a thing is {@code review-12}, {@code film-3}, {@code author-5}, {@code genre-2},
 * {@code poll-7}; a listing of things is {@code genre-2-reviews} (the reviews in genre 2),
 * {@code genre-2-polls}, {@code film-3-reviews}, {@code film-3-polls}, {@code author-5-reviews}; the
 * site-wide lists are {@code reviews}, {@code films}, {@code authors}, {@code genres}, {@code polls}.
 * Two events are equal when they name the same thing (kind and id); {@code related} is detail.
 *
 * @param kind what kind of thing changed
 * @param id its id
 * @param related the tags of the listings that show it, before and after the change
 */
public record ContentChanged(Kind kind, long id, Set<String> related) {

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
            return name().toLowerCase(Locale.ROOT);
        }

        /** The tag of every public thing of this kind, as one list (the sitemap, the feed, home): {@code reviews}. */
        public String all() {
            return tagPrefix() + "s";
        }
    }

    public ContentChanged {
        related = related == null ? Set.of() : Set.copyOf(related);
    }

    /** A change of one thing that appears in no listing but its own kind's. */
    public ContentChanged(Kind kind, long id) {
        this(kind, id, kind == Kind.SITE ? Set.of() : Set.of(kind.all()));
    }

    /** Anything may have changed: every page that shows content is to be dropped. */
    public static ContentChanged everything() {
        return new ContentChanged(Kind.SITE, 0, Set.of());
    }

    /** The tag of one thing: {@code review-12}. */
    public static String tag(Kind kind, long id) {
        return kind.tagPrefix() + "-" + id;
    }

    /** The tag of the things of kind {@code listed} that belong to one owner: {@code genre-2-reviews}. */
    public static String listing(Kind owner, long ownerId, Kind listed) {
        return tag(owner, ownerId) + "-" + listed.all();
    }

    /** A thing a listing belongs to (a genre's reviews, a film's polls); may not be saved yet. */
    public record Owner(Kind kind, Long id) {

        public static Owner of(Kind kind, Audited entity) {
            return new Owner(kind, entity == null ? null : entity.getId());
        }
    }

    /** The tags of the listings a thing of kind {@code listed} appears in: its kind's and each saved owner's. */
    public static Set<String> listedIn(Kind listed, Owner... owners) {
        Set<String> tags = new LinkedHashSet<>();
        tags.add(listed.all());
        for (Owner owner : owners) {
            if (owner.id() != null) {
                tags.add(listing(owner.kind(), owner.id(), listed));
            }
        }
        return tags;
    }

    public boolean isEverything() {
        return kind == Kind.SITE;
    }

    /** A short, stable name of the thing, such as {@code review-12}: the key a page is kept under. */
    public String tag() {
        return isEverything() ? kind.tagPrefix() : tag(kind, id);
    }

    /** Every tag whose pages are to be dropped: the thing's own and its listings'. */
    public Set<String> tags() {
        Set<String> tags = new LinkedHashSet<>();
        tags.add(tag());
        tags.addAll(related);
        return tags;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ContentChanged that && kind == that.kind && id == that.id;
    }

    @Override
    public int hashCode() {
        return kind.hashCode() * 31 + Long.hashCode(id);
    }

    @Override
    public String toString() {
        return tag();
    }
}
