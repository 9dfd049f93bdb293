package com.bestever.author;

import java.util.List;
import java.util.Optional;

import org.springframework.data.jpa.repository.JpaRepository;

public interface AuthorRepository extends JpaRepository<Author, Long> {

    Optional<Author> findBySlug(String slug);

    List<Author> findAllByOrderByNameAsc();

    boolean existsBySlug(String slug);
}
