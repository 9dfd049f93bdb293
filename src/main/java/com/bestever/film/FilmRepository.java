package com.bestever.film;

import java.util.List;
import java.util.Optional;
import org.springframework.data.jpa.repository.EntityGraph;
import org.springframework.data.jpa.repository.JpaRepository;

public interface FilmRepository extends JpaRepository<Film, Long> {

    /** The film page: its facts, directors, cast and genres in one go. */
    @EntityGraph(attributePaths = {"directors", "cast", "genres"})
    Optional<Film> findBySlug(String slug);

    List<Film> findAllByOrderByTitleAsc();

    boolean existsBySlug(String slug);

    /** Whether another film (not {@code id}) has this slug; {@code id} null for a new film. */
    default boolean slugTaken(String slug, Long id) {
        return id == null ? existsBySlug(slug) : existsBySlugAndIdNot(slug, id);
    }

    boolean existsBySlugAndIdNot(String slug, Long id);

    /** How many films are in the genre. */
    long countByGenresId(long genreId);
}
