package com.bestever.genre;

import java.util.List;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.orm.ObjectOptimisticLockingFailureException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import com.bestever.system.ContentChanged;
import com.bestever.system.NotFoundException;
import com.bestever.system.References;
import com.bestever.system.Usage;

/** Editors' changes to genres, each announced as {@link ContentChanged}. */
@Service
class GenreChanges {

    private final GenreRepository genres;
    private final List<References> references;
    private final ApplicationEventPublisher events;

    GenreChanges(GenreRepository genres, List<References> references, ApplicationEventPublisher events) {
        this.genres = genres;
        this.references = references;
        this.events = events;
    }

    @Transactional
    Genre create(GenreForm form, String slug, long by) {
        Genre genre = new Genre(form.getName().strip(), slug);
        genre.setDescription(description(form));
        genre.savedBy(by);
        genres.saveAndFlush(genre);
        events.publishEvent(new ContentChanged("genre " + slug));
        return genre;
    }

    /** Saves over the genre if still at the form's version, else ObjectOptimisticLockingFailureException. */
    @Transactional
    Genre update(long id, GenreForm form, String slug, long by) {
        Genre genre = genres.findById(id).orElseThrow(() -> new NotFoundException("genre " + id));
        if (form.getVersion() == null || form.getVersion() != genre.getVersion()) {
            throw new ObjectOptimisticLockingFailureException(Genre.class, id);
        }
        String oldSlug = genre.getSlug();
        genre.setName(form.getName().strip());
        genre.setSlug(slug);
        genre.setDescription(description(form));
        genre.savedBy(by);
        genres.saveAndFlush(genre);
        // A genre's name is in kickers and leaderboards across the site.
        events.publishEvent(new ContentChanged("genre " + oldSlug));
        if (!oldSlug.equals(slug)) {
            events.publishEvent(new ContentChanged("genre " + slug));
        }
        return genre;
    }

    /** The reviews, films and polls in the genre. */
    @Transactional(readOnly = true)
    Usage usage(long id) {
        return References.usage(references, References.Target.GENRE, id);
    }

    @Transactional
    Genre delete(long id) {
        Genre genre = genres.findById(id).orElseThrow(() -> new NotFoundException("genre " + id));
        genres.delete(genre);
        genres.flush();
        events.publishEvent(new ContentChanged("genre " + genre.getSlug()));
        return genre;
    }

    private static String description(GenreForm form) {
        return form.getDescription() == null ? "" : form.getDescription().strip();
    }
}
