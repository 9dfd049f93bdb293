package com.bestever.genre;

import java.util.List;
import java.util.Optional;

import org.springframework.data.jpa.repository.JpaRepository;

public interface GenreRepository extends JpaRepository<Genre, Long> {

    Optional<Genre> findBySlug(String slug);

    List<Genre> findAllByOrderByNameAsc();

    boolean existsBySlug(String slug);
}
