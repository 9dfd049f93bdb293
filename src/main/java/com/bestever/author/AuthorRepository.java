package com.bestever.author;

import java.util.List;
import java.util.Optional;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;

public interface AuthorRepository extends JpaRepository<Author, Long> {

    Optional<Author> findBySlug(String slug);

    List<Author> findAllByOrderByNameAsc();

    boolean existsBySlug(String slug);

    /** Whether another author (not {@code id}) has this slug; {@code id} null for a new author. */
    default boolean slugTaken(String slug, Long id) {
        return id == null ? existsBySlug(slug) : existsBySlugAndIdNot(slug, id);
    }

    boolean existsBySlugAndIdNot(String slug, Long id);

    /** Where an earlier slug of a author points now (its old URL answers 301 there); kept by V80's trigger. */
    @Query(value = """
            select x.slug from author x join author_earlier_slug e on e.author_id = x.id
             where e.slug = :earlierSlug
            """, nativeQuery = true)
    Optional<String> currentSlugFor(String earlierSlug);
}
