package com.bestever.genre;

import java.util.List;
import java.util.Optional;
import org.springframework.data.jpa.repository.JpaRepository;

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
}
