package com.bestever.genre;

import com.bestever.system.AuditedBy;
import com.bestever.system.ContentChanged;
import com.bestever.system.ContentChanges;
import com.bestever.system.PublicContent;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EntityListeners;
import jakarta.persistence.Table;

/** A genre such as "Drama" or "Coming-of-Age": the kicker of a review and the subject of a leaderboard. */
@Entity
@Table(name = "genre")
@EntityListeners(ContentChanges.class)
public class Genre extends AuditedBy implements PublicContent {

    @Column(nullable = false, length = 80)
    private String name;

    @Column(nullable = false, length = 120)
    private String slug;

    @Column(nullable = false)
    private String description = "";

    protected Genre() {}

    public Genre(String name, String slug) {
        this.name = name;
        this.slug = slug;
    }

    /** "Best Ever Drama Movie?" — the question every review in this genre answers. */
    public String kicker() {
        return kickerOf(name);
    }

    /** The kicker of a genre by this name, for a review read without its genre entity. */
    public static String kickerOf(String name) {
        return "Best Ever " + name + " Movie?";
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

    public String getDescription() {
        return description;
    }

    public void setDescription(String description) {
        this.description = description == null ? "" : description;
    }

    @Override
    public ContentChanged changed() {
        return new ContentChanged(ContentChanged.Kind.GENRE, getId());
    }
}
