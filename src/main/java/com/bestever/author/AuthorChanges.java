package com.bestever.author;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.orm.ObjectOptimisticLockingFailureException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import com.bestever.system.ContentChanged;
import com.bestever.system.NotFoundException;
import com.bestever.system.Usage;

/** Editors' changes to authors, each announced as {@link ContentChanged}. */
@Service
class AuthorChanges {

    private final AuthorRepository authors;
    private final JdbcClient jdbc;
    private final ApplicationEventPublisher events;

    AuthorChanges(AuthorRepository authors, JdbcClient jdbc, ApplicationEventPublisher events) {
        this.authors = authors;
        this.jdbc = jdbc;
        this.events = events;
    }

    @Transactional
    Author create(AuthorForm form, String slug) {
        Author author = new Author(form.getName().strip(), slug, bio(form));
        authors.saveAndFlush(author);
        events.publishEvent(new ContentChanged("author " + slug));
        return author;
    }

    /** Saves over the author if still at the form's version, else ObjectOptimisticLockingFailureException. */
    @Transactional
    Author update(long id, AuthorForm form, String slug) {
        Author author = authors.findById(id).orElseThrow(() -> new NotFoundException("author " + id));
        if (form.getVersion() == null || form.getVersion() != author.getVersion()) {
            throw new ObjectOptimisticLockingFailureException(Author.class, id);
        }
        String oldSlug = author.getSlug();
        author.setName(form.getName().strip());
        author.setSlug(slug);
        author.setBio(bio(form));
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
        return new Usage().add(jdbc.sql("select count(*) from article where author_id = ?").param(id).query(Long.class).single(),
                "review", "reviews");
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
