package com.bestever.genre;

import com.bestever.system.CatalogEntries;
import com.bestever.system.ContentChanged;
import com.bestever.system.References;
import com.bestever.system.Usage;
import java.util.List;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Editors' changes to genres, each in its own transaction (the genre announces itself: {@link ContentChanged}). */
@Service
class GenreChanges {

    private final CatalogEntries<Genre> genres;

    GenreChanges(GenreRepository genres, List<References> references) {
        this.genres = new CatalogEntries<>(References.Target.GENRE, genres, references);
    }

    @Transactional
    Genre create(GenreForm form, String slug) {
        Genre genre = new Genre(form.getName().strip(), slug);
        genre.setDescription(description(form));
        return genres.save(genre);
    }

    /** Saves over the genre if still at the form's version, else ObjectOptimisticLockingFailureException. */
    @Transactional
    Genre update(long id, GenreForm form, String slug) {
        Genre genre = genres.find(id);
        form.requireVersion(genre.getVersion(), Genre.class, id);
        genre.setName(form.getName().strip());
        genre.setSlug(slug);
        genre.setDescription(description(form));
        return genres.save(genre);
    }

    /** The reviews, films and polls in the genre. */
    @Transactional(readOnly = true)
    Usage usage(long id) {
        return genres.usage(id);
    }

    @Transactional
    Genre delete(long id) {
        return genres.delete(id);
    }

    private static String description(GenreForm form) {
        return form.getDescription() == null ? "" : form.getDescription().strip();
    }
}
