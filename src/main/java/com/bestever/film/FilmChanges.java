package com.bestever.film;

import java.util.LinkedHashSet;
import java.util.List;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.orm.ObjectOptimisticLockingFailureException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import com.bestever.genre.Genre;
import com.bestever.system.ContentChanged;
import com.bestever.system.NotFoundException;
import com.bestever.system.Usage;

/**
 * Editors' changes to films: each in its own transaction, each announced as
 * {@link ContentChanged} so cached public pages are rebuilt.
 */
@Service
class FilmChanges {

    private final FilmRepository films;
    private final JdbcClient jdbc;
    private final ApplicationEventPublisher events;

    FilmChanges(FilmRepository films, JdbcClient jdbc, ApplicationEventPublisher events) {
        this.films = films;
        this.jdbc = jdbc;
        this.events = events;
    }

    @Transactional
    Film create(FilmForm form, String slug, List<Genre> genres) {
        Film film = new Film(form.getTitle().strip(), slug, form.releaseYear());
        apply(form, film, genres);
        films.saveAndFlush(film);
        events.publishEvent(new ContentChanged("film " + slug));
        return film;
    }

    /**
     * Saves the form over the film, if the film is still the version the editor started from;
     * otherwise throws ObjectOptimisticLockingFailureException and changes nothing.
     */
    @Transactional
    Film update(long id, FilmForm form, String slug, List<Genre> genres) {
        Film film = films.findById(id).orElseThrow(() -> new NotFoundException("film " + id));
        if (form.getVersion() == null || form.getVersion() != film.getVersion()) {
            throw new ObjectOptimisticLockingFailureException(Film.class, id);
        }
        String oldSlug = film.getSlug();
        film.setTitle(form.getTitle().strip());
        film.setSlug(slug);
        film.setReleaseYear(form.releaseYear());
        apply(form, film, genres);
        films.saveAndFlush(film);
        events.publishEvent(new ContentChanged("film " + oldSlug));
        if (!oldSlug.equals(slug)) {
            events.publishEvent(new ContentChanged("film " + slug));
        }
        return film;
    }

    /** What still points at the film: its reviews and polls. */
    @Transactional(readOnly = true)
    Usage usage(long id) {
        return new Usage()
                .add(count("select count(*) from article where film_id = ?", id), "review", "reviews")
                .add(count("select count(*) from vote_question where film_id = ?", id), "poll", "polls");
    }

    @Transactional
    Film delete(long id) {
        Film film = films.findById(id).orElseThrow(() -> new NotFoundException("film " + id));
        films.delete(film);
        films.flush();
        events.publishEvent(new ContentChanged("film " + film.getSlug()));
        return film;
    }

    private static void apply(FilmForm form, Film film, List<Genre> genres) {
        film.setOriginalTitle(FilmForm.blankToNull(form.getOriginalTitle()));
        film.setDirectors(FilmForm.lines(form.getDirectors()));
        film.setCast(FilmForm.lines(form.getCast()));
        film.setCountry(FilmForm.blankToNull(form.getCountry()));
        film.setLanguage(FilmForm.blankToNull(form.getLanguage()));
        film.setRuntimeMinutes(form.runtimeMinutes());
        film.setPosterUrl(FilmForm.blankToNull(form.getPosterUrl()));
        film.setGenres(new LinkedHashSet<>(genres));
    }

    private long count(String sql, long id) {
        return jdbc.sql(sql).param(id).query(Long.class).single();
    }
}
