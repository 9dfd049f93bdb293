package com.bestever.author;

import com.bestever.system.AuditedBy;
import com.bestever.system.ContentChanged;
import com.bestever.system.ContentChanges;
import com.bestever.system.PublicContent;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EntityListeners;
import jakarta.persistence.Table;

/** A critic: the byline of a review and the subject of an author page. */
@Entity
@Table(name = "author")
@EntityListeners(ContentChanges.class)
public class Author extends AuditedBy implements PublicContent {

    @Column(nullable = false, length = 120)
    private String name;

    @Column(nullable = false, length = 120)
    private String slug;

    @Column(nullable = false)
    private String bio = "";

    protected Author() {}

    public Author(String name, String slug, String bio) {
        this.name = name;
        this.slug = slug;
        setBio(bio);
    }

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    public String getSlug() {
        return slug;
    }

    public void setSlug(String slug) {
        this.slug = slug;
    }

    public String getBio() {
        return bio;
    }

    public void setBio(String bio) {
        this.bio = bio == null ? "" : bio;
    }

    @Override
    public ContentChanged changed() {
        return new ContentChanged(ContentChanged.Kind.AUTHOR, getId());
    }
}
