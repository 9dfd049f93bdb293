package com.bestever.author;

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

/** Editors' changes to authors, each in its own transaction (the author announces itself: {@link ContentChanged}). */
@Service
class AuthorChanges {

    private final CatalogEntries<Author> authors;
    private final AuditLog audit;

    AuthorChanges(AuthorRepository authors, List<References> references, AuditLog audit) {
        this.authors = new CatalogEntries<>(References.Target.AUTHOR, authors, references);
        this.audit = audit;
    }

    @Transactional
    Author create(AuthorForm form, String slug) {
        Author author = new Author(form.getName().strip(), slug, bio(form));
        Author saved = authors.save(author);
        audit.record(AuditKind.AUTHOR_CREATED, subject(saved), "created: /authors/" + slug);
        return saved;
    }

    /** Saves over the author if still at the form's version, else ObjectOptimisticLockingFailureException. */
    @Transactional
    Author update(long id, AuthorForm form, String slug) {
        Author author = authors.find(id);
        form.requireVersion(author.getVersion(), Author.class, id);
        Map<String, Object> before = snapshot(author);
        author.setName(form.getName().strip());
        author.setSlug(slug);
        author.setBio(bio(form));
        Author saved = authors.save(author);
        audit.record(AuditKind.AUTHOR_CHANGED, subject(saved), AuditLog.changes(before, snapshot(saved)));
        return saved;
    }

    /** The reviews in the author's byline. */
    @Transactional(readOnly = true)
    Usage usage(long id) {
        return authors.usage(id);
    }

    @Transactional
    Author delete(long id) {
        Author author = authors.delete(id);
        audit.record(AuditKind.AUTHOR_DELETED, subject(author), "deleted (nothing pointed at it)");
        return author;
    }

    private static AuditLog.Subject subject(Author author) {
        return AuditLog.Subject.of("author", author.getId(), author.getName());
    }

    /** What the form sets, to name what a save changed. */
    private static Map<String, Object> snapshot(Author author) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("name", author.getName());
        fields.put("slug", author.getSlug());
        fields.put("bio", author.getBio());
        return fields;
    }

    private static String bio(AuthorForm form) {
        return form.getBio() == null ? "" : form.getBio().strip();
    }
}
