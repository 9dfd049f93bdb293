package com.bestever.author;

import java.util.List;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.orm.ObjectOptimisticLockingFailureException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import com.bestever.system.ContentChanged;
import com.bestever.system.NotFoundException;
import com.bestever.system.References;
import com.bestever.system.Usage;

/** Editors' changes to authors, each announced as {@link ContentChanged}. */
@Service
class AuthorChanges {

    private final AuthorRepository authors;
    private final List<References> references;
    private final ApplicationEventPublisher events;

    AuthorChanges(AuthorRepository authors, List<References> references, ApplicationEventPublisher events) {
        this.authors = authors;
        this.references = references;
        this.events = events;
    }

    @Transactional
    Author create(AuthorForm form, String slug, long by) {
        Author author = new Author(form.getName().strip(), slug, bio(form));
        author.savedBy(by);
        authors.saveAndFlush(author);
        events.publishEvent(new ContentChanged("author " + slug));
        return author;
    }

    /** Saves over the author if still at the form's version, else ObjectOptimisticLockingFailureException. */
    @Transactional
    Author update(long id, AuthorForm form, String slug, long by) {
        Author author = authors.findById(id).orElseThrow(() -> new NotFoundException("author " + id));
        if (form.getVersion() == null || form.getVersion() != author.getVersion()) {
            throw new ObjectOptimisticLockingFailureException(Author.class, id);
        }
        String oldSlug = author.getSlug();
        author.setName(form.getName().strip());
        author.setSlug(slug);
        author.setBio(bio(form));
        author.savedBy(by);
        authors.saveAndFlush(author);
        events.publishEvent(new ContentChanged("author " + oldSlug));
        if (!oldSlug.equals(slug)) {
            events.publishEvent(new ContentChanged("author " + slug));
        }
        return author;
    }

    /** The reviews in the author's byline. */
    @Transactional(readOnly = true)
    Usage usage(long id) {
        return References.usage(references, References.Target.AUTHOR, id);
    }

    @Transactional
    Author delete(long id) {
        Author author = authors.findById(id).orElseThrow(() -> new NotFoundException("author " + id));
        authors.delete(author);
        authors.flush();
        events.publishEvent(new ContentChanged("author " + author.getSlug()));
        return author;
    }

    private static String bio(AuthorForm form) {
        return form.getBio() == null ? "" : form.getBio().strip();
    }
}
