package com.bestever.article;

import com.bestever.system.ContentChanged;
import com.bestever.system.KeptState;
import com.bestever.system.UntilContentChanges;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Where page N of a listing starts, without an {@code OFFSET} scan: the order of every review
 * that is or will be public (newest first, {@code public_from desc, id desc}) kept in memory as
 * sorted arrays, overall and per genre and per author. Page N of any listing, and how many
 * reviews it has now, are a binary search and an array slice, however deep the page; the cards
 * are then read by primary key. 100,000 reviews take about 3 MB.
 * <p>
 * Loaded on first use with one narrow statement, dropped on every review change (and again after
 * its commit), reloaded on the next read. Scheduled reviews are in it from the start: "public now"
 * is the part of the order whose moment has come.
 */
@Component
class ListingIndex {

    /** The ids of one listing, as positions in the global order. */
    record Slice(List<Long> ids, long total) {}

    private record Order(long[] ids, long[] moments, Map<Long, int[]> byGenre, Map<Long, int[]> byAuthor) {}

    private final JdbcClient jdbc;
    /** Only a review's change (or anything's) moves a review in the order. */
    private final UntilContentChanges<Order> order;

    ListingIndex(JdbcClient jdbc, KeptState kept) {
        this.jdbc = jdbc;
        this.order = kept.untilChanged(
                event -> event.isEverything() || event.kind() == ContentChanged.Kind.REVIEW, this::load);
    }

    Slice all(Instant now, int page, int size) {
        Order current = order.get();
        return slice(current, null, now, page, size);
    }

    Slice inGenre(long genreId, Instant now, int page, int size) {
        Order current = order.get();
        return slice(current, current.byGenre().getOrDefault(genreId, new int[0]), now, page, size);
    }

    Slice byAuthor(long authorId, Instant now, int page, int size) {
        Order current = order.get();
        return slice(current, current.byAuthor().getOrDefault(authorId, new int[0]), now, page, size);
    }

    /** Every review of an author that is public at {@code now}, newest first. */
    List<Long> allByAuthor(long authorId, Instant now) {
        Order current = order.get();
        return slice(current, current.byAuthor().getOrDefault(authorId, new int[0]), now, 0, Integer.MAX_VALUE)
                .ids();
    }

    /** {@code positions} null: the whole order. */
    private static Slice slice(Order order, int[] positions, Instant now, int page, int size) {
        int length = positions == null ? order.ids().length : positions.length;
        long nowMicros = micros(now);
        // The first position whose moment has come (moments descend along the order).
        int low = 0;
        int high = length;
        while (low < high) {
            int mid = (low + high) >>> 1;
            long moment = order.moments()[positions == null ? mid : positions[mid]];
            if (moment > nowMicros) {
                low = mid + 1;
            } else {
                high = mid;
            }
        }
        int first = low;
        long total = length - first;
        long from = first + (long) page * size;
        List<Long> ids = new ArrayList<>((int) Math.max(0, Math.min(size, length - from)));
        for (long i = from; i < Math.min(length, from + size); i++) {
            ids.add(order.ids()[positions == null ? (int) i : positions[(int) i]]);
        }
        return new Slice(ids, total);
    }

    private Order load() {
        List<long[]> rows = jdbc.sql("""
                        select id, public_from, genre_id, author_id from article
                         where public_from is not null
                         order by public_from desc, id desc
                        """)
                .query((rs, row) ->
                        new long[] {rs.getLong(1), micros(rs.getTimestamp(2).toInstant()), rs.getLong(3), rs.getLong(4)
                        })
                .list();
        int n = rows.size();
        long[] ids = new long[n];
        long[] moments = new long[n];
        Map<Long, List<Integer>> genres = new HashMap<>();
        Map<Long, List<Integer>> authors = new HashMap<>();
        for (int i = 0; i < n; i++) {
            long[] row = rows.get(i);
            ids[i] = row[0];
            moments[i] = row[1];
            genres.computeIfAbsent(row[2], key -> new ArrayList<>()).add(i);
            authors.computeIfAbsent(row[3], key -> new ArrayList<>()).add(i);
        }
        return new Order(ids, moments, positions(genres), positions(authors));
    }

    private static Map<Long, int[]> positions(Map<Long, List<Integer>> lists) {
        Map<Long, int[]> positions = new HashMap<>();
        lists.forEach((key, list) ->
                positions.put(key, list.stream().mapToInt(Integer::intValue).toArray()));
        return positions;
    }

    private static long micros(Instant instant) {
        return instant.getEpochSecond() * 1_000_000L + instant.getNano() / 1_000;
    }
}
