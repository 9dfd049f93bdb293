package com.bestever.system;

import java.util.Optional;

/**
 * Thrown when a URL names something by an earlier slug: the reader gets a 301 to where it lives
 * now ({@link ErrorPages}). Pages look their thing up by slug, then by earlier slug:
 * {@code .orElseThrow(() -> MovedPermanently.orNotFound(films.currentSlugFor(slug).map(s -> "/films/" + s), "film " + slug))}.
 */
public class MovedPermanently extends RuntimeException {

    private final String location;

    public MovedPermanently(String location) {
        super(location, null, false, false);
        this.location = location;
    }

    /** A 301 to the location, when there is one; otherwise a 404 for {@code what}. */
    public static RuntimeException orNotFound(Optional<String> location, String what) {
        return location.<RuntimeException>map(MovedPermanently::new).orElseGet(() -> new NotFoundException(what));
    }

    public String location() {
        return location;
    }
}
