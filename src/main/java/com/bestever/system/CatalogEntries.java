package com.bestever.system;

import java.util.List;
import java.util.Locale;
import java.util.function.Function;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.data.jpa.repository.JpaRepository;

/**
 * The writes the catalog's desks share, for one kind of entry (films, authors or genres): find it
 * or 404, save or delete it, each change announced as {@link ContentChanged} under the entry's
 * slugs ("film the-400-blows"), and count what the features above point at it. Call it from the
 * desk's own {@code @Transactional} methods.
 */
public final class CatalogEntries<T> {

    private final References.Target target;
    private final String kind;
    private final JpaRepository<T, Long> repository;
    private final Function<T, String> slug;
    private final List<References> references;
    private final ApplicationEventPublisher events;

    public CatalogEntries(References.Target target, JpaRepository<T, Long> repository, Function<T, String> slug,
            List<References> references, ApplicationEventPublisher events) {
        this.target = target;
        this.kind = target.name().toLowerCase(Locale.ROOT);
        this.repository = repository;
        this.slug = slug;
        this.references = references;
        this.events = events;
    }

    /** Entry {@code id}, or a 404. */
    public T find(long id) {
        return repository.findById(id).orElseThrow(() -> new NotFoundException(kind + " " + id));
    }

    /** Saves a new entry now (so the database's rules are checked here) and announces it. */
    public T create(T entry) {
        repository.saveAndFlush(entry);
        announce(slug.apply(entry));
        return entry;
    }

    /** Saves a changed entry now and announces it under the slug it had and, if changed, the new one. */
    public T update(T entry, String oldSlug) {
        repository.saveAndFlush(entry);
        announce(oldSlug);
        if (!oldSlug.equals(slug.apply(entry))) {
            announce(slug.apply(entry));
        }
        return entry;
    }

    /** Deletes entry {@code id} now (a reference the counts missed fails here) and announces it. */
    public T delete(long id) {
        T entry = find(id);
        repository.delete(entry);
        repository.flush();
        announce(slug.apply(entry));
        return entry;
    }

    /** What the features above point at entry {@code id}, in their words. */
    public Usage usage(long id) {
        return References.usage(references, target, id);
    }

    private void announce(String entrySlug) {
        events.publishEvent(new ContentChanged(kind + " " + entrySlug));
    }
}
