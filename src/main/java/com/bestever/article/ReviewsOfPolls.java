package com.bestever.article;

import com.bestever.poll.PollReviews;
import jakarta.persistence.EntityManager;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The reviews the polls hang under, told to the poll feature (its {@link PollReviews} port):
 * "public" is {@code a.publicFrom <= :now}, as everywhere reviews are read.
 */
@Component
@Transactional(readOnly = true)
class ReviewsOfPolls implements PollReviews {

    private final EntityManager entities;
    private final JdbcClient jdbc;

    ReviewsOfPolls(EntityManager entities, JdbcClient jdbc) {
        this.entities = entities;
        this.jdbc = jdbc;
    }

    @Override
    public Optional<Review> review(long articleId) {
        return entities.createQuery("""
                        select a.id, a.slug, a.publicFrom
                          from Article a
                         where a.id = :id
                        """, Review.class)
                .setParameter("id", articleId)
                .getResultStream()
                .findFirst();
    }

    /**
     * Plain SQL, not JPQL: Hibernate builds a query with a list parameter anew for each call (its
     * plan is not cached), which was a sixth of the feed's time.
     */
    @Override
    public Map<Long, Review> publicAt(Collection<Long> articleIds, Instant now) {
        if (articleIds.isEmpty()) {
            return Map.of();
        }
        return jdbc
                .sql("""
                        select id, slug, public_from from public_review
                         where id = any(?)
                           and public_from <= ?
                        """)
                // One array parameter, however many reviews (a genre's leaderboard asks for thousands).
                .params(articleIds.toArray(Long[]::new), Timestamp.from(now))
                .query((row, number) -> new Review(
                        row.getLong("id"),
                        row.getString("slug"),
                        row.getTimestamp("public_from").toInstant()))
                .list()
                .stream()
                .collect(Collectors.toMap(Review::id, Function.identity()));
    }
}
