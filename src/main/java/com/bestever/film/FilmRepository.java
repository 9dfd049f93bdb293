package com.bestever.film;

import java.util.List;
import java.util.Optional;
import org.springframework.data.jpa.repository.EntityGraph;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;

public interface FilmRepository extends JpaRepository<Film, Long> {

    /** The film page: its facts, directors, cast and genres in one go. */
    @EntityGraph(attributePaths = {"directors", "cast", "genres"})
    Optional<Film> findBySlug(String slug);

    List<Film> findAllByOrderByTitleAsc();

    /** The films added last: what the article form's film select offers before the editor searches. */
    List<Film> findTop50ByOrderByIdDesc();

    /** Films whose title contains the words typed, for the article form's "Find a film" (at most 50). */
    List<Film> findTop50ByTitleContainingIgnoreCaseOrderByTitleAscReleaseYearAsc(String title);

    boolean existsBySlug(String slug);

    /** Whether another film (not {@code id}) has this slug; {@code id} null for a new film. */
    default boolean slugTaken(String slug, Long id) {
        return id == null ? existsBySlug(slug) : existsBySlugAndIdNot(slug, id);
    }

    boolean existsBySlugAndIdNot(String slug, Long id);

    /** How many films are in the genre. */
    long countByGenresId(long genreId);

    /** Where an earlier slug of a film points now (its old URL answers 301 there); kept by V80's trigger. */
    @Query(value = """
            select x.slug from film x join film_earlier_slug e on e.film_id = x.id
             where e.slug = :earlierSlug
            """, nativeQuery = true)
    Optional<String> currentSlugFor(String earlierSlug);
}
