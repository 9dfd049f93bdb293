package com.bestever.film;

import com.bestever.genre.Genre;
import com.bestever.system.AuditedBy;
import com.bestever.system.ContentChanged;
import com.bestever.system.ContentChanges;
import com.bestever.system.Picture;
import com.bestever.system.PublicContent;
import jakarta.persistence.AttributeOverride;
import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Embedded;
import jakarta.persistence.Entity;
import jakarta.persistence.EntityListeners;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.JoinTable;
import jakarta.persistence.ManyToMany;
import jakarta.persistence.OrderBy;
import jakarta.persistence.OrderColumn;
import jakarta.persistence.Table;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** The facts of a film: what a review is about. */
@Entity
@Table(name = "film")
@EntityListeners(ContentChanges.class)
public class Film extends AuditedBy implements PublicContent {

    @Column(nullable = false, length = 200)
    private String title;

    @Column(nullable = false, length = 120)
    private String slug;

    @Column(name = "original_title", length = 200)
    private String originalTitle;

    @Column(name = "release_year", nullable = false)
    private int releaseYear;

    @Column(length = 100)
    private String country;

    @Column(length = 100)
    private String language;

    @Column(name = "runtime_minutes")
    private Integer runtimeMinutes;

    /** The uploaded poster, or null. */
    @Embedded
    @AttributeOverride(name = "key", column = @Column(name = "poster_key"))
    @AttributeOverride(name = "width", column = @Column(name = "poster_width"))
    @AttributeOverride(name = "height", column = @Column(name = "poster_height"))
    @AttributeOverride(name = "alt", column = @Column(name = "poster_alt"))
    private Picture poster;

    @ElementCollection
    @CollectionTable(name = "film_director", joinColumns = @JoinColumn(name = "film_id"))
    @OrderColumn(name = "position")
    @Column(name = "name", nullable = false, length = 200)
    private List<String> directors = new ArrayList<>();

    @ElementCollection
    @CollectionTable(name = "film_cast_member", joinColumns = @JoinColumn(name = "film_id"))
    @OrderColumn(name = "position")
    @Column(name = "name", nullable = false, length = 200)
    private List<String> cast = new ArrayList<>();

    @ManyToMany
    @JoinTable(
            name = "film_genre",
            joinColumns = @JoinColumn(name = "film_id"),
            inverseJoinColumns = @JoinColumn(name = "genre_id"))
    @OrderBy("name")
    private Set<Genre> genres = new LinkedHashSet<>();

    protected Film() {}

    public Film(String title, String slug, int releaseYear) {
        this.title = title;
        this.slug = slug;
        this.releaseYear = releaseYear;
    }

    public String getTitle() {
        return title;
    }

    public void setTitle(String title) {
        this.title = title;
    }

    public String getSlug() {
        return slug;
    }

    public void setSlug(String slug) {
        this.slug = slug;
    }

    public String getOriginalTitle() {
        return originalTitle;
    }

    public void setOriginalTitle(String originalTitle) {
        this.originalTitle = originalTitle;
    }

    public int getReleaseYear() {
        return releaseYear;
    }

    public void setReleaseYear(int releaseYear) {
        this.releaseYear = releaseYear;
    }

    public String getCountry() {
        return country;
    }

    public void setCountry(String country) {
        this.country = country;
    }

    public String getLanguage() {
        return language;
    }

    public void setLanguage(String language) {
        this.language = language;
    }

    public Integer getRuntimeMinutes() {
        return runtimeMinutes;
    }

    public void setRuntimeMinutes(Integer runtimeMinutes) {
        this.runtimeMinutes = runtimeMinutes;
    }

    /** The poster, or null when the film has none. */
    public Picture getPoster() {
        return poster == null || poster.getKey() == null ? null : poster;
    }

    public void setPoster(Picture poster) {
        this.poster = poster;
    }

    /** What a poster of this film says when its editor did not describe it. */
    public String defaultPosterAlt() {
        return "Poster of " + title + " (" + releaseYear + ")";
    }

    public List<String> getDirectors() {
        return directors;
    }

    public void setDirectors(List<String> directors) {
        this.directors.clear();
        this.directors.addAll(directors);
    }

    public List<String> getCast() {
        return cast;
    }

    public void setCast(List<String> cast) {
        this.cast.clear();
        this.cast.addAll(cast);
    }

    public Set<Genre> getGenres() {
        return genres;
    }

    public void setGenres(Set<Genre> genres) {
        this.genres.clear();
        this.genres.addAll(genres);
    }

    @Override
    public ContentChanged changed() {
        return new ContentChanged(ContentChanged.Kind.FILM, getId());
    }
}
