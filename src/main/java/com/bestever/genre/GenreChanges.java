package com.bestever.genre;

import com.bestever.admin.AuditKind;
import com.bestever.admin.AuditLog;
import com.bestever.system.CatalogEntries;
import com.bestever.system.ContentChanged;
import com.bestever.system.References;
import com.bestever.system.Usage;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Editors' changes to genres, each in its own transaction (the genre announces itself: {@link ContentChanged}). */
@Service
class GenreChanges {

    private final CatalogEntries<Genre> genres;
    private final AuditLog audit;

    GenreChanges(GenreRepository genres, List<References> references, AuditLog audit) {
        this.genres = new CatalogEntries<>(References.Target.GENRE, genres, references);
        this.audit = audit;
    }

    @Transactional
    Genre create(GenreForm form, String slug) {
        Genre genre = new Genre(form.getName().strip(), slug);
        genre.setDescription(description(form));
        Genre saved = genres.save(genre);
        audit.record(AuditKind.GENRE_CREATED, subject(saved), "created: /genres/" + slug);
        return saved;
    }

    /** Saves over the genre if still at the form's version, else ObjectOptimisticLockingFailureException. */
    @Transactional
    Genre update(long id, GenreForm form, String slug) {
        Genre genre = genres.find(id);
        form.requireVersion(genre.getVersion(), Genre.class, id);
        Map<String, Object> before = snapshot(genre);
        genre.setName(form.getName().strip());
        genre.setSlug(slug);
        genre.setDescription(description(form));
        Genre saved = genres.save(genre);
        audit.record(AuditKind.GENRE_CHANGED, subject(saved), AuditLog.changes(before, snapshot(saved)));
        return saved;
    }

    /** The reviews, films and polls in the genre. */
    @Transactional(readOnly = true)
    Usage usage(long id) {
        return genres.usage(id);
    }

    @Transactional
    Genre delete(long id) {
        Genre genre = genres.delete(id);
        audit.record(AuditKind.GENRE_DELETED, subject(genre), "deleted (nothing pointed at it)");
        return genre;
    }

    private static AuditLog.Subject subject(Genre genre) {
        return AuditLog.Subject.of("genre", genre.getId(), genre.getName());
    }

    /** What the form sets, to name what a save changed. */
    private static Map<String, Object> snapshot(Genre genre) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("name", genre.getName());
        fields.put("slug", genre.getSlug());
        fields.put("description", genre.getDescription());
        return fields;
    }

    private static String description(GenreForm form) {
        return form.getDescription() == null ? "" : form.getDescription().strip();
    }
}
