package com.bestever.article;

import java.time.Instant;
import java.util.Optional;

import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;

public interface ArticleRepository extends JpaRepository<Article, Long> {

    /** The review page: the review with its genre, film, author and recommendations, if public at {@code now}. */
    @Query("""
            select a from Article a
              join fetch a.genre join fetch a.film join fetch a.author
              left join fetch a.recommendations
             where a.slug = :slug
               and a.status in (com.bestever.article.ArticleStatus.SCHEDULED, com.bestever.article.ArticleStatus.PUBLISHED)
               and a.publishAt <= :now
            """)
    Optional<Article> findPublicBySlug(String slug, Instant now);

    /** Where an old URL of a public review now lives. */
    @Query("""
            select a.slug from EarlierSlug e join e.article a
             where e.slug = :slug
               and a.status in (com.bestever.article.ArticleStatus.SCHEDULED, com.bestever.article.ArticleStatus.PUBLISHED)
               and a.publishAt <= :now
            """)
    Optional<String> findCurrentSlugOfPublic(String slug, Instant now);

    /** The home page: public reviews, newest first. */
    @Query(value = """
            select a from Article a
              join fetch a.genre join fetch a.film join fetch a.author
             where a.status in (com.bestever.article.ArticleStatus.SCHEDULED, com.bestever.article.ArticleStatus.PUBLISHED)
               and a.publishAt <= :now
             order by a.publishAt desc, a.id desc
            """, countQuery = """
            select count(a) from Article a
             where a.status in (com.bestever.article.ArticleStatus.SCHEDULED, com.bestever.article.ArticleStatus.PUBLISHED)
               and a.publishAt <= :now
            """)
    Page<Article> findPublic(Instant now, Pageable pageable);

    @Query(value = """
            select a from Article a
              join fetch a.genre join fetch a.film join fetch a.author
             where a.genre.id = :genreId
               and a.status in (com.bestever.article.ArticleStatus.SCHEDULED, com.bestever.article.ArticleStatus.PUBLISHED)
               and a.publishAt <= :now
             order by a.publishAt desc, a.id desc
            """, countQuery = """
            select count(a) from Article a
             where a.genre.id = :genreId
               and a.status in (com.bestever.article.ArticleStatus.SCHEDULED, com.bestever.article.ArticleStatus.PUBLISHED)
               and a.publishAt <= :now
            """)
    Page<Article> findPublicByGenre(Long genreId, Instant now, Pageable pageable);

    @Query(value = """
            select a from Article a
              join fetch a.genre join fetch a.film join fetch a.author
             where a.author.id = :authorId
               and a.status in (com.bestever.article.ArticleStatus.SCHEDULED, com.bestever.article.ArticleStatus.PUBLISHED)
               and a.publishAt <= :now
             order by a.publishAt desc, a.id desc
            """, countQuery = """
            select count(a) from Article a
             where a.author.id = :authorId
               and a.status in (com.bestever.article.ArticleStatus.SCHEDULED, com.bestever.article.ArticleStatus.PUBLISHED)
               and a.publishAt <= :now
            """)
    Page<Article> findPublicByAuthor(Long authorId, Instant now, Pageable pageable);

    @Query("""
            select a from Article a
              join fetch a.genre join fetch a.author
             where a.film.id = :filmId
               and a.status in (com.bestever.article.ArticleStatus.SCHEDULED, com.bestever.article.ArticleStatus.PUBLISHED)
               and a.publishAt <= :now
             order by a.publishAt desc, a.id desc
            """)
    java.util.List<Article> findPublicByFilm(Long filmId, Instant now);

    boolean existsBySlug(String slug);
}
