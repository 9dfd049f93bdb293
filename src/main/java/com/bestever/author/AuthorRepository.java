package com.bestever.author;

import java.util.List;
import java.util.Optional;
import org.springframework.data.jpa.repository.JpaRepository;

public interface AuthorRepository extends JpaRepository<Author, Long> {

    Optional<Author> findBySlug(String slug);

    List<Author> findAllByOrderByNameAsc();

    boolean existsBySlug(String slug);

    /** Whether another author (not {@code id}) has this slug; {@code id} null for a new author. */
    default boolean slugTaken(String slug, Long id) {
        return id == null ? existsBySlug(slug) : existsBySlugAndIdNot(slug, id);
    }

    boolean existsBySlugAndIdNot(String slug, Long id);
}
