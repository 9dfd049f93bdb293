package com.bestever.genre;

import java.util.List;
import java.util.Optional;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;

public interface GenreRepository extends JpaRepository<Genre, Long> {

    Optional<Genre> findBySlug(String slug);

    List<Genre> findAllByOrderByNameAsc();

    boolean existsBySlug(String slug);

    /** Whether another genre (not {@code id}) has this slug; {@code id} null for a new genre. */
    default boolean slugTaken(String slug, Long id) {
        return id == null ? existsBySlug(slug) : existsBySlugAndIdNot(slug, id);
    }

    boolean existsBySlugAndIdNot(String slug, Long id);

    /** Whether another genre (not {@code id}) has this name; {@code id} null for a new genre. */
    default boolean nameTaken(String name, Long id) {
        return id == null ? existsByName(name) : existsByNameAndIdNot(name, id);
    }

    boolean existsByName(String name);

    boolean existsByNameAndIdNot(String name, Long id);

    /** Where an earlier slug of a genre points now (its old URL answers 301 there); kept by V80's trigger. */
    @Query(value = """
            select x.slug from genre x join genre_earlier_slug e on e.genre_id = x.id
             where e.slug = :earlierSlug
            """, nativeQuery = true)
    Optional<String> currentSlugFor(String earlierSlug);
}
