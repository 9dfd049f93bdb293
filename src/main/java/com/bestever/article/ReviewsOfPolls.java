package com.bestever.article;

import com.bestever.poll.PollReviews;
import com.bestever.system.Dates;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * The reviews the polls hang under, told to the poll feature (its {@link PollReviews} port):
 * "public" is {@code a.publicFrom <= :now}, as everywhere reviews are read.
 */
@Component
@Transactional(readOnly = true)
class ReviewsOfPolls implements PollReviews {

    private final JdbcClient jdbc;

    ReviewsOfPolls(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** One statement, so no transaction: the vote's first step asks for it whenever a poll is not kept. */
    @Override
    @Transactional(propagation = Propagation.SUPPORTS)
    public Optional<Review> review(long articleId) {
        return jdbc.sql("select id, slug, public_from from article where id = ?")
                .param(articleId)
                .query((row, number) -> new Review(
                        row.getLong("id"), row.getString("slug"), Dates.instantOrNull(row.getTimestamp("public_from"))))
                .optional();
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
