package com.bestever.article;

import com.bestever.poll.PollReviews;
import jakarta.persistence.EntityManager;
import java.time.Instant;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
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

    ReviewsOfPolls(EntityManager entities) {
        this.entities = entities;
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

    @Override
    public Map<Long, Review> publicAt(Collection<Long> articleIds, Instant now) {
        if (articleIds.isEmpty()) {
            return Map.of();
        }
        return entities.createQuery("""
                        select a.id, a.slug, a.publicFrom
                          from Article a
                         where a.id in :ids
                           and a.publicFrom <= :now
                        """, Review.class)
                .setParameter("ids", articleIds)
                .setParameter("now", now)
                .getResultStream()
                .collect(Collectors.toMap(Review::id, Function.identity()));
    }
}
