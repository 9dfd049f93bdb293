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

    // --- The newsroom (admin) side ---------------------------------------------------------

    /** The articles list: any status among those given, titles matching the pattern, newest first. */
    @Query(value = """
            select a from Article a
              join fetch a.author join fetch a.genre
             where a.status in :statuses
               and lower(a.title) like :titlePattern escape '!'
             order by a.updatedAt desc, a.id desc
            """, countQuery = """
            select count(a) from Article a
             where a.status in :statuses
               and lower(a.title) like :titlePattern escape '!'
            """)
    Page<Article> findForNewsroom(java.util.Collection<ArticleStatus> statuses, String titlePattern, Pageable pageable);

    long countByStatus(ArticleStatus status);

    /** A review with everything the edit form and the preview show. */
    @Query("""
            select a from Article a
              join fetch a.genre join fetch a.film join fetch a.author
              left join fetch a.recommendations
             where a.id = :id
            """)
    Optional<Article> findForEditing(Long id);

    boolean existsBySlugAndIdNot(String slug, Long id);

    @Query("select count(e) > 0 from EarlierSlug e where e.slug = :slug and e.article.id <> :articleId")
    boolean isEarlierSlugOfAnother(String slug, Long articleId);

    /** Scheduled reviews whose time has come, for the publishing job. */
    @Query("""
            select a.slug from Article a
             where a.status = com.bestever.article.ArticleStatus.SCHEDULED and a.publishAt <= :now
            """)
    java.util.List<String> findSlugsDueAt(Instant now);

    /** Marks due scheduled reviews published (they are already public; this only settles the status). */
    @org.springframework.data.jpa.repository.Modifying
    @Query("""
            update Article a set a.status = com.bestever.article.ArticleStatus.PUBLISHED
             where a.status = com.bestever.article.ArticleStatus.SCHEDULED and a.publishAt <= :now
            """)
    int publishDueAt(Instant now);
}
