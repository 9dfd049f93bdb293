package com.bestever.genre;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.orm.ObjectOptimisticLockingFailureException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import com.bestever.system.ContentChanged;
import com.bestever.system.NotFoundException;
import com.bestever.system.Usage;

/** Editors' changes to genres, each announced as {@link ContentChanged}. */
@Service
class GenreChanges {

    private final GenreRepository genres;
    private final JdbcClient jdbc;
    private final ApplicationEventPublisher events;

    GenreChanges(GenreRepository genres, JdbcClient jdbc, ApplicationEventPublisher events) {
        this.genres = genres;
        this.jdbc = jdbc;
        this.events = events;
    }

    @Transactional
    Genre create(GenreForm form, String slug) {
        Genre genre = new Genre(form.getName().strip(), slug);
        genre.setDescription(description(form));
        genres.saveAndFlush(genre);
        events.publishEvent(new ContentChanged("genre " + slug));
        return genre;
    }

    /** Saves over the genre if still at the form's version, else ObjectOptimisticLockingFailureException. */
    @Transactional
    Genre update(long id, GenreForm form, String slug) {
        Genre genre = genres.findById(id).orElseThrow(() -> new NotFoundException("genre " + id));
        if (form.getVersion() == null || form.getVersion() != genre.getVersion()) {
            throw new ObjectOptimisticLockingFailureException(Genre.class, id);
        }
        String oldSlug = genre.getSlug();
        genre.setName(form.getName().strip());
        genre.setSlug(slug);
        genre.setDescription(description(form));
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
        return new Usage()
                .add(count("select count(*) from article where genre_id = ?", id), "review", "reviews")
                .add(count("select count(*) from film_genre where genre_id = ?", id), "film", "films")
                .add(count("select count(*) from vote_question where genre_id = ?", id), "poll", "polls");
    }

    @Transactional
    Genre delete(long id) {
        Genre genre = genres.findById(id).orElseThrow(() -> new NotFoundException("genre " + id));
        genres.delete(genre);
        genres.flush();
        events.publishEvent(new ContentChanged("genre " + genre.getSlug()));
        return genre;
    }

    private long count(String sql, long id) {
        return jdbc.sql(sql).param(id).query(Long.class).single();
    }

    private static String description(GenreForm form) {
        return form.getDescription() == null ? "" : form.getDescription().strip();
    }
}
