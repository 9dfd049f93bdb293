package com.bestever.film;

import com.bestever.admin.AuditKind;
import com.bestever.admin.AuditLog;
import com.bestever.genre.Genre;
import com.bestever.system.CatalogEntries;
import com.bestever.system.ContentChanged;
import com.bestever.system.Images;
import com.bestever.system.References;
import com.bestever.system.Usage;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Editors' changes to films: each in its own transaction, each announced as
 * {@link ContentChanged} so cached public pages are rebuilt.
 */
@Service
class FilmChanges {

    private final CatalogEntries<Film> films;
    private final Images images;
    private final AuditLog audit;

    FilmChanges(FilmRepository films, List<References> references, Images images, AuditLog audit) {
        this.films = new CatalogEntries<>(References.Target.FILM, films, references);
        this.images = images;
        this.audit = audit;
    }

    @Transactional
    Film create(FilmForm form, String slug, List<Genre> genres, Images.Upload poster) {
        Film film = new Film(form.getTitle().strip(), slug, form.getYear());
        apply(form, film, genres, poster);
        Film saved = films.save(film);
        audit.record(AuditKind.FILM_CREATED, subject(saved), "created: " + saved.getReleaseYear() + ", /films/" + slug);
        return saved;
    }

    /**
     * Saves the form over the film, if the film is still the version the editor started from;
     * otherwise throws ObjectOptimisticLockingFailureException and changes nothing.
     */
    @Transactional
    Film update(long id, FilmForm form, String slug, List<Genre> genres, Images.Upload poster) {
        Film film = films.find(id);
        form.requireVersion(film.getVersion(), Film.class, id);
        Map<String, Object> before = snapshot(film);
        film.setTitle(form.getTitle().strip());
        film.setSlug(slug);
        film.setReleaseYear(form.getYear());
        apply(form, film, genres, poster);
        Film saved = films.save(film);
        audit.record(AuditKind.FILM_CHANGED, subject(saved), AuditLog.changes(before, snapshot(saved)));
        return saved;
    }

    /** What still points at the film: its reviews and polls. */
    @Transactional(readOnly = true)
    Usage usage(long id) {
        return films.usage(id);
    }

    @Transactional
    Film delete(long id) {
        Film film = films.delete(id);
        audit.record(AuditKind.FILM_DELETED, subject(film), "deleted (nothing pointed at it)");
        return film;
    }

    private static AuditLog.Subject subject(Film film) {
        return AuditLog.Subject.of("film", film.getId(), film.getTitle());
    }

    /** What the film's form sets, to name what a save changed. */
    private static Map<String, Object> snapshot(Film film) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("title", film.getTitle());
        fields.put("slug", film.getSlug());
        fields.put("year", film.getReleaseYear());
        fields.put("original title", film.getOriginalTitle());
        fields.put("directors", List.copyOf(film.getDirectors()));
        fields.put("cast", List.copyOf(film.getCast()));
        fields.put("country", film.getCountry());
        fields.put("language", film.getLanguage());
        fields.put("runtime", film.getRuntimeMinutes());
        fields.put(
                "genres", film.getGenres().stream().map(Genre::getId).sorted().toList());
        fields.put(
                "poster",
                film.getPoster() == null
                        ? null
                        : film.getPoster().getKey() + " " + film.getPoster().getAlt());
        return fields;
    }

    /** The form over the film; a new poster's renditions are stored in this transaction (a refused save keeps none). */
    private void apply(FilmForm form, Film film, List<Genre> genres, Images.Upload poster) {
        film.setOriginalTitle(FilmForm.blankToNull(form.getOriginalTitle()));
        film.setDirectors(FilmForm.lines(form.getDirectors()));
        film.setCast(FilmForm.lines(form.getCast()));
        film.setCountry(FilmForm.blankToNull(form.getCountry()));
        film.setLanguage(FilmForm.blankToNull(form.getLanguage()));
        film.setRuntimeMinutes(form.getRuntime());
        film.setGenres(new LinkedHashSet<>(genres));
        String alt = FilmForm.blankToNull(form.getPosterAlt());
        String described = alt == null ? film.defaultPosterAlt() : alt;
        if (poster != null) {
            film.setPoster(images.store(poster, described));
        } else if (form.isRemovePoster()) {
            film.setPoster(null);
        } else if (film.getPoster() != null) {
            film.setPoster(film.getPoster().describedAs(described));
        }
    }
}
