package com.bestever.poll;

import java.util.List;
import java.util.Optional;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;

public interface VoteQuestionRepository extends JpaRepository<VoteQuestion, Long> {

    /** The poll under a review, with its genre and options, in one statement. */
    @Query("""
            select distinct q from VoteQuestion q
              join fetch q.genre join fetch q.film
              left join fetch q.options
             where q.articleId = :articleId
            """)
    Optional<VoteQuestion> findByArticleId(Long articleId);

    /** One poll with its film, genre and options, in one statement. */
    @Query("""
            select distinct q from VoteQuestion q
              join fetch q.genre join fetch q.film
              left join fetch q.options
             where q.id = :id
            """)
    Optional<VoteQuestion> findPollById(Long id);

    /** The polls about a film, for its page, with their options. */
    @Query("""
            select distinct q from VoteQuestion q
              join fetch q.genre
              left join fetch q.options
             where q.film.id = :filmId
             order by q.id
            """)
    List<VoteQuestion> findByFilmId(Long filmId);
}
