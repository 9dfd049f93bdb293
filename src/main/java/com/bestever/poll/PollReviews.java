package com.bestever.poll;

import java.time.Instant;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;

/**
 * What the poll needs to know about the reviews its polls hang under (by article id), answered
 * by the feature that owns the reviews: where a review lives and when it is public. The poll
 * never reads the reviews' tables itself, and never decides what "public" means.
 */
public interface PollReviews {

    /**
     * The review with this id, whatever its state, for a poll kept in memory until the content changes:
     * the poll then asks {@link Review#isPublicAt} at each request, so a scheduled review's poll
     * appears the moment the review does.
     */
    Optional<Review> review(long articleId);

    /** Of these reviews, the ones public at {@code now}, by id: one statement however many ids. */
    Map<Long, Review> publicAt(Collection<Long> articleIds, Instant now);

    /**
     * A review as the poll links to it.
     *
     * @param publicFrom when the review is or becomes public; null while it is not meant to be
     *     (a draft, or in review)
     */
    record Review(long id, String slug, Instant publicFrom) {

        public boolean isPublicAt(Instant now) {
            return publicFrom != null && !now.isBefore(publicFrom);
        }
    }
}
