package com.bestever.author;

import com.bestever.system.CatalogEntries;
import com.bestever.system.ContentChanged;
import com.bestever.system.References;
import com.bestever.system.Usage;
import java.util.List;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Editors' changes to authors, each in its own transaction (the author announces itself: {@link ContentChanged}). */
@Service
class AuthorChanges {

    private final CatalogEntries<Author> authors;

    AuthorChanges(AuthorRepository authors, List<References> references) {
        this.authors = new CatalogEntries<>(References.Target.AUTHOR, authors, references);
    }

    @Transactional
    Author create(AuthorForm form, String slug) {
        Author author = new Author(form.getName().strip(), slug, bio(form));
        return authors.save(author);
    }

    /** Saves over the author if still at the form's version, else ObjectOptimisticLockingFailureException. */
    @Transactional
    Author update(long id, AuthorForm form, String slug) {
        Author author = authors.find(id);
        form.requireVersion(author.getVersion(), Author.class, id);
        author.setName(form.getName().strip());
        author.setSlug(slug);
        author.setBio(bio(form));
        return authors.save(author);
    }

    /** The reviews in the author's byline. */
    @Transactional(readOnly = true)
    Usage usage(long id) {
        return authors.usage(id);
    }

    @Transactional
    Author delete(long id) {
        return authors.delete(id);
    }

    private static String bio(AuthorForm form) {
        return form.getBio() == null ? "" : form.getBio().strip();
    }
}
