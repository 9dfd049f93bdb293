package com.bestever.system;

/**
 * An entity whose rows readers see on public pages (a review, film, author, genre or poll, or a
 * part of one). Mapped with {@code @EntityListeners(ContentChanges.class)}, every write of it is
 * announced as {@link ContentChanged}.
 */
public interface PublicContent {

    /** What changed, for readers, when this row is written: the thing itself, or the whole it is part of. */
    ContentChanged changed();
}
