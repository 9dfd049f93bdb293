package com.bestever.article;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * Where page N of a listing starts, without an {@code OFFSET} scan: a slice of the
 * {@link ReviewOrder} kept in memory, overall, per genre or per critic. Page N of any listing, and
 * how many reviews it has now, are a binary search and an array slice, however deep the page; the
 * cards are then read by primary key.
 */
@Component
class ListingIndex {

    /** The ids of one listing, as positions in the global order. */
    record Slice(List<Long> ids, long total) {}

    private final ReviewOrder order;

    ListingIndex(ReviewOrder order) {
        this.order = order;
    }

    Slice all(Instant now, int page, int size) {
        return slice(order.current(), null, now, page, size);
    }

    Slice inGenre(long genreId, Instant now, int page, int size) {
        ReviewOrder.Reviews current = order.current();
        return slice(current, current.inGenre(genreId), now, page, size);
    }

    Slice byAuthor(long authorId, Instant now, int page, int size) {
        ReviewOrder.Reviews current = order.current();
        return slice(current, current.byAuthor(authorId), now, page, size);
    }

    /** Every review of an author that is public at {@code now}, newest first. */
    List<Long> allByAuthor(long authorId, Instant now) {
        return byAuthor(authorId, now, 0, Integer.MAX_VALUE).ids();
    }

    /** {@code positions} null: the whole order. */
    private static Slice slice(ReviewOrder.Reviews order, int[] positions, Instant now, int page, int size) {
        int length = positions == null ? order.size() : positions.length;
        int first = order.firstPublic(positions, ReviewOrder.micros(now));
        long total = length - first;
        long from = first + (long) page * size;
        List<Long> ids = new ArrayList<>((int) Math.max(0, Math.min(size, length - from)));
        for (long i = from; i < Math.min(length, from + size); i++) {
            ids.add(order.id(positions == null ? (int) i : positions[(int) i]));
        }
        return new Slice(ids, total);
    }
}
