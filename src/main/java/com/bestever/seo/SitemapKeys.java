package com.bestever.seo;

import com.bestever.article.ReviewOrder;
import com.bestever.system.KeptState;
import com.bestever.system.UntilContentChanges;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.IntToLongFunction;
import java.util.stream.IntStream;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Where each sitemap page starts, and how many URLs there are, without counting them in the
 * database per request: from the reviews kept in memory by {@link ReviewOrder} (each one's id,
 * film, critic, genre, the moment it is public and when it last changed) and the genres that have
 * a poll (their leaderboards), kept here until the next change.
 *
 * <p>From them, a {@link Plan} for a moment: the URLs' keys in sitemap order ({@code kind, id}),
 * how many there are, the key each page starts at, and the latest change of each film, critic and
 * genre page. A plan holds until the next moment a review goes public, or the next change to
 * either, so the index costs nothing between changes.
 */
@Component
class SitemapKeys {

    /** The URLs of the sitemap, in this order: home and {@code /genres}, reviews, films, critics, genres, leaderboards. */
    static final int HOME = 0, REVIEW = 1, FILM = 2, AUTHOR = 3, GENRE = 4, LEADERBOARD = 5;

    /** A URL's place in the sitemap: its kind, then its thing's id ({@code /} is 0, {@code /genres} 1). */
    record Key(int kind, long id) implements Comparable<Key> {

        static final Key START = new Key(HOME, Long.MIN_VALUE);
        static final Key END = new Key(Integer.MAX_VALUE, Long.MAX_VALUE);

        @Override
        public int compareTo(Key other) {
            return kind != other.kind ? Integer.compare(kind, other.kind) : Long.compare(id, other.id);
        }
    }

    /**
     * The sitemap at a moment, good from {@code from} until just before {@code until} (when the
     * next review goes public): {@code total} URLs, {@code starts} the first key of pages 2, 3, …,
     * and the latest public review's change for home and for each film, critic and genre that has
     * a public review (sorted by id).
     */
    record Plan(
            int perPage,
            long from,
            long until,
            long total,
            List<Key> starts,
            long home,
            long[] films,
            long[] filmChanged,
            long[] authors,
            long[] authorChanged,
            long[] genres,
            long[] genreChanged) {

        /** How many sitemap files. */
        int pages() {
            return (int) Math.max(1, (total + perPage - 1) / perPage);
        }

        /** The key page {@code page} (1-based) starts at; past the last page, {@link Key#END}. */
        Key start(int page) {
            return page == 1 ? Key.START : page - 2 < starts.size() ? starts.get(page - 2) : Key.END;
        }

        /** When the home page and {@code /genres} last changed, or null with no public review. */
        Instant homeChanged() {
            return instant(home);
        }

        /** The latest change of a film's public reviews, or null if it has none. */
        Instant filmChanged(long id) {
            return changed(films, filmChanged, id);
        }

        Instant authorChanged(long id) {
            return changed(authors, authorChanged, id);
        }

        Instant genreChanged(long id) {
            return changed(genres, genreChanged, id);
        }

        private boolean holdsAt(long now, int perPage) {
            return now >= from && now < until && perPage == this.perPage;
        }

        private static Instant changed(long[] ids, long[] changed, long id) {
            int at = Arrays.binarySearch(ids, id);
            return at < 0 ? null : instant(changed[at]);
        }
    }

    private static final String LEADERBOARDS = """
            select g.id from genre g
             where exists (select 1 from vote_question q where q.genre_id = g.id)
             order by g.id
            """;

    private static final long NONE = Long.MIN_VALUE;

    private final ReviewOrder reviews;
    // Any change: a new poll's leaderboard, a genre's deletion.
    private final UntilContentChanges<long[]> leaderboards;
    /** The last plan, and the changes its sources had seen when it was made: it holds while they stand. */
    private volatile Planned plan;

    private record Planned(Plan plan, long reviewChanges, long leaderboardChanges) {}

    SitemapKeys(JdbcTemplate jdbc, ReviewOrder reviews, KeptState kept) {
        this.reviews = reviews;
        this.leaderboards = kept.untilChanged(
                event -> true,
                () -> jdbc.queryForList(LEADERBOARDS, Long.class).stream()
                        .mapToLong(Long::longValue)
                        .toArray());
    }

    /** The sitemap at {@code now}, with {@code perPage} URLs a file. */
    Plan plan(Instant now, int perPage) {
        long at = ReviewOrder.micros(now);
        Planned current = plan;
        long reviewsBefore = reviews.changes();
        long leaderboardsBefore = leaderboards.changes();
        if (current != null
                && current.reviewChanges() == reviewsBefore
                && current.leaderboardChanges() == leaderboardsBefore
                && current.plan().holdsAt(at, perPage)) {
            return current.plan();
        }
        Plan planned = plan(reviews.current(), leaderboards.get(), at, perPage);
        if (reviews.changes() == reviewsBefore && leaderboards.changes() == leaderboardsBefore) {
            plan = new Planned(planned, reviewsBefore, leaderboardsBefore);
        }
        return planned;
    }

    private static Plan plan(ReviewOrder.Reviews reviews, long[] leaderboards, long now, int perPage) {
        int first = reviews.firstPublic(now);
        long until = first > 0 ? reviews.publicFrom(first - 1) : Long.MAX_VALUE;
        int[] publicNow = IntStream.range(first, reviews.size()).toArray();
        long home = Arrays.stream(publicNow).mapToLong(reviews::changed).max().orElse(NONE);
        Latest films = Latest.of(publicNow, reviews::film, reviews);
        Latest authors = Latest.of(publicNow, reviews::author, reviews);
        Latest genres = Latest.of(publicNow, reviews::genre, reviews);
        // Walk the keys in sitemap order, noting where each page after the first starts.
        Starts starts = new Starts(perPage);
        if (home != NONE) {
            starts.next(HOME, 0);
            starts.next(HOME, 1);
        }
        long[] indexed = Arrays.stream(publicNow)
                .filter(i -> !reviews.noindex(i))
                .mapToLong(reviews::id)
                .sorted()
                .toArray();
        for (long id : indexed) {
            starts.next(REVIEW, id);
        }
        starts.all(FILM, films.ids());
        starts.all(AUTHOR, authors.ids());
        starts.all(GENRE, genres.ids());
        for (long genre : leaderboards) {
            starts.next(LEADERBOARD, genre);
        }
        return new Plan(
                perPage,
                now,
                until,
                starts.count,
                List.copyOf(starts.starts),
                home,
                films.ids(),
                films.changed(),
                authors.ids(),
                authors.changed(),
                genres.ids(),
                genres.changed());
    }

    /** The films (or critics, or genres) of the public reviews, by id, and each one's latest change. */
    private record Latest(long[] ids, long[] changed) {

        static Latest of(int[] positions, IntToLongFunction thing, ReviewOrder.Reviews reviews) {
            long[] ids = Arrays.stream(positions)
                    .mapToLong(thing)
                    .sorted()
                    .distinct()
                    .toArray();
            long[] changed = new long[ids.length];
            Arrays.fill(changed, NONE);
            for (int i : positions) {
                int at = Arrays.binarySearch(ids, thing.applyAsLong(i));
                changed[at] = Math.max(changed[at], reviews.changed(i));
            }
            return new Latest(ids, changed);
        }
    }

    /** Counts the keys walked in order, keeping every {@code perPage}-th after the first. */
    private static final class Starts {

        private final int perPage;
        private final List<Key> starts = new ArrayList<>();
        private long count;

        Starts(int perPage) {
            this.perPage = perPage;
        }

        void next(int kind, long id) {
            if (count > 0 && count % perPage == 0) {
                starts.add(new Key(kind, id));
            }
            count++;
        }

        /** The things of a kind that have a public review now, by id. */
        void all(int kind, long[] ids) {
            for (long id : ids) {
                next(kind, id);
            }
        }
    }

    private static Instant instant(long micros) {
        return micros == NONE ? null : ReviewOrder.instant(micros);
    }
}
