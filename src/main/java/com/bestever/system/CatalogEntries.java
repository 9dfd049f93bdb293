package com.bestever.system;

import java.util.List;
import java.util.Locale;
import org.springframework.data.jpa.repository.JpaRepository;

/**
 * The writes the catalog's desks share, for one kind of entry (films, authors or genres): find it
 * or 404, save or delete it (flushed at once, so the database's rules are checked in the desk's
 * transaction; the entity itself announces the change, see {@link ContentChanges}), and count what
 * the features above point at it. Call it from the desk's own {@code @Transactional} methods.
 */
public final class CatalogEntries<T> {

    private final References.Target target;
    private final String kind;
    private final JpaRepository<T, Long> repository;
    private final List<References> references;

    public CatalogEntries(References.Target target, JpaRepository<T, Long> repository, List<References> references) {
        this.target = target;
        this.kind = target.name().toLowerCase(Locale.ROOT);
        this.repository = repository;
        this.references = references;
    }

    /** Entry {@code id}, or a 404. */
    public T find(long id) {
        return repository.findById(id).orElseThrow(() -> new NotFoundException(kind + " " + id));
    }

    /** Saves a new or changed entry now, so the database's rules are checked here. */
    public T save(T entry) {
        return repository.saveAndFlush(entry);
    }

    /** Deletes entry {@code id} now (a reference the counts missed fails here). */
    public T delete(long id) {
        T entry = find(id);
        repository.delete(entry);
        repository.flush();
        return entry;
    }

    /** What the features above point at entry {@code id}, in their words. */
    public Usage usage(long id) {
        return References.usage(references, target, id);
    }
}
