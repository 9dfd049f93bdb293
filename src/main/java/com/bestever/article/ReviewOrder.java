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
 * Every review that is or will be public, newest first ({@code public_from desc, id desc}), kept
 * in memory as arrays: its id, the moment it is public, when it last changed, whether it is kept
 * out of search engines, and its film, critic and genre. The listings find where page N starts in
 * it ({@link ListingIndex}), the sitemap counts and pages its URLs from it: one copy, loaded with one
 * narrow statement on first use, dropped on every review change (and again after its commit),
 * reloaded on the next read. 100,000 reviews take about 6 MB.
 * <p>
 * Scheduled reviews are in it from the start: "public now" is the part of the order whose moment
 * has come. Moments are microseconds since the epoch.
 */
@Component
public class ReviewOrder {

    /** The order at one load; read-only, shared by every reader until the next change. */
    public static final class Reviews {

        private final long[] ids;
        private final long[] publicFrom;
        private final long[] changed;
        private final boolean[] noindex;
        private final long[] films;
        private final long[] authors;
        private final long[] genres;
        // Positions in the order, per genre and per critic, ascending (so newest first too).
        private final Map<Long, int[]> byGenre;
        private final Map<Long, int[]> byAuthor;

        private Reviews(List<Row> rows) {
            int n = rows.size();
            ids = new long[n];
            publicFrom = new long[n];
            changed = new long[n];
            noindex = new boolean[n];
            films = new long[n];
            authors = new long[n];
            genres = new long[n];
            Map<Long, List<Integer>> genreLists = new HashMap<>();
            Map<Long, List<Integer>> authorLists = new HashMap<>();
            for (int i = 0; i < n; i++) {
                Row row = rows.get(i);
                ids[i] = row.id();
                publicFrom[i] = row.publicFrom();
                changed[i] = row.changed();
                noindex[i] = row.noindex();
                films[i] = row.film();
                authors[i] = row.author();
                genres[i] = row.genre();
                genreLists
                        .computeIfAbsent(row.genre(), key -> new ArrayList<>())
                        .add(i);
                authorLists
                        .computeIfAbsent(row.author(), key -> new ArrayList<>())
                        .add(i);
            }
            byGenre = positions(genreLists);
            byAuthor = positions(authorLists);
        }

        /** How many reviews are or will be public. */
        public int size() {
            return ids.length;
        }

        /** The review at position {@code i} of the order (0 is the newest). */
        public long id(int i) {
            return ids[i];
        }

        /** When the review at {@code i} is public, in microseconds since the epoch. */
        public long publicFrom(int i) {
            return publicFrom[i];
        }

        /** When the review at {@code i} last changed (saved or published), in microseconds since the epoch. */
        public long changed(int i) {
            return changed[i];
        }

        public boolean noindex(int i) {
            return noindex[i];
        }

        public long film(int i) {
            return films[i];
        }

        public long author(int i) {
            return authors[i];
        }

        public long genre(int i) {
            return genres[i];
        }

        /**
         * The first position whose moment has come at {@code now} (microseconds): moments descend
         * along the order, so the reviews public now are the positions from there on, and the one
         * before it (if any) is the next to go public.
         */
        public int firstPublic(long now) {
            return firstPublic(null, now);
        }

        /** As {@link #firstPublic(long)}, within {@code positions} (a genre's or a critic's); null: the whole order. */
        int firstPublic(int[] positions, long now) {
            int low = 0;
            int high = positions == null ? ids.length : positions.length;
            while (low < high) {
                int mid = (low + high) >>> 1;
                if (publicFrom[positions == null ? mid : positions[mid]] > now) {
                    low = mid + 1;
                } else {
                    high = mid;
                }
            }
            return low;
        }

        /** The genre's reviews as positions in the order, newest first; empty for a genre with none. */
        int[] inGenre(long genreId) {
            return byGenre.getOrDefault(genreId, new int[0]);
        }

        /** The critic's reviews as positions in the order, newest first. */
        int[] byAuthor(long authorId) {
            return byAuthor.getOrDefault(authorId, new int[0]);
        }

        private static Map<Long, int[]> positions(Map<Long, List<Integer>> lists) {
            Map<Long, int[]> positions = new HashMap<>();
            lists.forEach((key, list) ->
                    positions.put(key, list.stream().mapToInt(Integer::intValue).toArray()));
            return positions;
        }
    }

    private record Row(long id, long publicFrom, long changed, boolean noindex, long film, long author, long genre) {}

    private final JdbcClient jdbc;
    /** Only a review's change (or anything's) moves a review in the order or changes what is kept of it. */
    private final UntilContentChanges<Reviews> order;

    ReviewOrder(JdbcClient jdbc, KeptState kept) {
        this.jdbc = jdbc;
        this.order = kept.untilChanged(
                event -> event.isEverything() || event.kind() == ContentChanged.Kind.REVIEW, this::load);
    }

    /** The order now, loaded if a change dropped it. */
    public Reviews current() {
        return order.get();
    }

    /** How many changes have dropped the order: state worked out from it holds while this stands. */
    public long changes() {
        return order.changes();
    }

    private Reviews load() {
        return new Reviews(jdbc.sql("""
                        select id, public_from, greatest(updated_at, publish_at) as changed, noindex,
                               film_id, author_id, genre_id
                          from article
                         where public_from is not null
                         order by public_from desc, id desc
                        """)
                .query((rs, row) -> new Row(
                        rs.getLong(1),
                        micros(rs.getTimestamp(2).toInstant()),
                        micros(rs.getTimestamp(3).toInstant()),
                        rs.getBoolean(4),
                        rs.getLong(5),
                        rs.getLong(6),
                        rs.getLong(7)))
                .list());
    }

    /** Microseconds since the epoch, the unit of the order's moments. */
    public static long micros(Instant instant) {
        return instant.getEpochSecond() * 1_000_000L + instant.getNano() / 1_000;
    }

    /** The moment a {@link #micros} value stands for. */
    public static Instant instant(long micros) {
        return Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1_000);
    }
}
